// Each vendor's error format (where its error bodies keep the code, message and request id), by vendor name,
// for code that has only the name (toApiError, createApiClient, createTransport). The formats live beside
// their vendors (src/vendors/<vendor>/errors.ts); the reader they share is error-format.ts. Each is its own
// constant, so that a bundle of one vendor's client holds only that vendor's.

import type { VendorErrorFormat } from './error-format.js';
import type { Vendor } from './types.js';
import { gcoreErrorFormat } from './vendors/gcore/errors.js';
import { huaweiErrorFormat } from './vendors/huawei/errors.js';
import { naverErrorFormat } from './vendors/naver/errors.js';
import { vercelErrorFormat } from './vendors/vercel/errors.js';

export { gcoreErrorFormat, huaweiErrorFormat, naverErrorFormat, vercelErrorFormat };
export { headerRequestId, type VendorErrorDescriber, type VendorErrorFormat, type VendorErrorInfo } from './error-format.js';

// The formats by vendor name, for code that has only the name (the facade, toApiError).
export const vendorErrorFormats: Readonly<Record<Vendor, VendorErrorFormat>> = {
  vercel: vercelErrorFormat,
  gcore: gcoreErrorFormat,
  naver: naverErrorFormat,
  huawei: huaweiErrorFormat,
};
