// Huawei Cloud HSS, as the facade sees it (see VendorModule).
import type { VendorModule } from '../vendor.js';
import { createHuaweiClient, type HuaweiClient, type HuaweiClientOptions } from './client.js';
import { huaweiErrorFormat } from './errors.js';
import { huaweiListings, type HuaweiListScope } from './listings.js';
import { huaweiLookup, type HuaweiImageRef } from './lookup.js';

export const huawei: VendorModule<'huawei', HuaweiClientOptions, HuaweiClient, HuaweiImageRef, HuaweiListScope> = {
  vendor: 'huawei',
  createClient: createHuaweiClient,
  errorFormat: huaweiErrorFormat,
  lookup: huaweiLookup,
  listings: huaweiListings,
};
