// How NAVER Cloud reports errors.
import { first, format, prop, scalar } from '../../error-format.js';

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
