// Each vendor's error format (the one table of their quirks: where the code, message and request id are),
// by vendor name, for code that has only the name (toApiError, createApiClient, createTransport). The formats
// themselves live beside their vendors (src/vendors/<vendor>/errors.ts); the shared reader is error-format.ts.

import { format, first, prop, scalar, type VendorErrorFormat } from './error-format.js';
import type { Vendor } from './types.js';
import { gcoreErrorFormat } from './vendors/gcore/errors.js';
import { naverErrorFormat } from './vendors/naver/errors.js';
import { vercelErrorFormat } from './vendors/vercel/errors.js';

export { gcoreErrorFormat, naverErrorFormat, vercelErrorFormat };
export { headerRequestId, type VendorErrorDescriber, type VendorErrorFormat, type VendorErrorInfo } from './error-format.js';

// Each vendor's format is its own constant, so that a bundle of one vendor's client holds only that vendor's.

/** Huawei: `{"error_code":"HSS.0011","error_msg":"...","request_id":"..."}` plus `X-Request-Id`. */
export const huaweiErrorFormat = /* @__PURE__ */ format(['x-request-id', 'x-apig-request-id'], (body) => ({
  code: scalar(prop(body, 'error_code')),
  message: scalar(prop(body, 'error_msg')),
  requestId: scalar(prop(body, 'request_id')),
}));

// The formats by vendor name, for code that has only the name (the facade, toApiError).
export const vendorErrorFormats: Readonly<Record<Vendor, VendorErrorFormat>> = {
  vercel: vercelErrorFormat,
  gcore: gcoreErrorFormat,
  naver: naverErrorFormat,
  huawei: huaweiErrorFormat,
};
