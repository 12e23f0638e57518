// Each vendor's error format (the one table of their quirks: where the code, message and request id are),
// by vendor name, for code that has only the name (toApiError, createApiClient, createTransport). The formats
// themselves live beside their vendors (src/vendors/<vendor>/errors.ts); the shared reader is error-format.ts.

import { format, first, prop, scalar, type VendorErrorFormat } from './error-format.js';
import type { Vendor } from './types.js';
import { gcoreErrorFormat } from './vendors/gcore/errors.js';
import { vercelErrorFormat } from './vendors/vercel/errors.js';

export { gcoreErrorFormat, vercelErrorFormat };
export { headerRequestId, type VendorErrorDescriber, type VendorErrorFormat, type VendorErrorInfo } from './error-format.js';

// Each vendor's format is its own constant, so that a bundle of one vendor's client holds only that vendor's.

/** NAVER: `{"error":{"errorCode":"200","message":"Authentication Failed","details":"..."}}`. */
export const naverErrorFormat = /* @__PURE__ */ format(['x-ncp-trace-id', 'x-ncp-request-id', 'x-request-id'], (body) => {
  const e = prop(body, 'error');
  const message = scalar(prop(e, 'message'));
  const details = scalar(prop(e, 'details'));
  return {
    code: first(prop(e, 'errorCode'), prop(body, 'errorCode')),
    message: message !== undefined && details !== undefined && details !== message ? `${message}: ${details}` : (message ?? details),
  };
});

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
