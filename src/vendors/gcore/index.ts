// Gcore Cloud, as the facade sees it (see VendorModule).
import type { VendorModule } from '../vendor.js';
import { createGcoreClient, type GcoreClient, type GcoreClientOptions } from './client.js';
import { gcoreErrorFormat } from './errors.js';
import { gcoreListings, type GcoreListScope } from './listings.js';
import { gcoreLookup, type GcoreImageRef } from './lookup.js';

export const gcore: VendorModule<'gcore', GcoreClientOptions, GcoreClient, GcoreImageRef, GcoreListScope> = {
  vendor: 'gcore',
  createClient: createGcoreClient,
  errorFormat: gcoreErrorFormat,
  lookup: gcoreLookup,
  listings: gcoreListings,
};
