// NAVER Cloud Container Registry, as the facade sees it (see VendorModule).
import type { VendorModule } from '../vendor.js';
import { createNaverClient, type NaverClient, type NaverClientOptions } from './client.js';
import { naverErrorFormat } from './errors.js';
import { naverListings, type NaverListScope } from './listings.js';
import { naverLookup, type NaverImageRef } from './lookup.js';

export const naver: VendorModule<'naver', NaverClientOptions, NaverClient, NaverImageRef, NaverListScope> = {
  vendor: 'naver',
  createClient: createNaverClient,
  errorFormat: naverErrorFormat,
  lookup: naverLookup,
  listings: naverListings,
};
