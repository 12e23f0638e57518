// Vercel Container Registry, as the facade sees it (see VendorModule).
import type { VendorModule } from '../vendor.js';
import { createVercelClient, type VercelClient, type VercelClientOptions } from './client.js';
import { vercelErrorFormat } from './errors.js';
import { vercelListings, type VercelListScope } from './listings.js';
import { vercelLookup, type VercelImageRef, type VercelTagRef } from './lookup.js';

export const vercel: VendorModule<'vercel', VercelClientOptions, VercelClient, VercelImageRef | VercelTagRef, VercelListScope> = {
  vendor: 'vercel',
  createClient: createVercelClient,
  errorFormat: vercelErrorFormat,
  lookup: vercelLookup,
  listings: vercelListings,
};
