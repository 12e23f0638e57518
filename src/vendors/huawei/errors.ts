// How Huawei Cloud reports errors.
import { format, prop, scalar } from '../../error-format.js';

/** Huawei: `{"error_code":"HSS.0011","error_msg":"...","request_id":"..."}` plus `X-Request-Id`. */
export const huaweiErrorFormat = /* @__PURE__ */ format(['x-request-id', 'x-apig-request-id'], (body) => ({
  code: scalar(prop(body, 'error_code')),
  message: scalar(prop(body, 'error_msg')),
  requestId: scalar(prop(body, 'request_id')),
}));
