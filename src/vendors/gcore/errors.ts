// How Gcore reports errors.
import { format, prop, scalar } from '../../error-format.js';

/** Gcore: `{"exception_class":"ImageNotFound","message":"..."}`. */
export const gcoreErrorFormat = /* @__PURE__ */ format(['x-request-id', 'request-id', 'x-trace-id'], (body) => ({
  code: scalar(prop(body, 'exception_class')),
  message: scalar(prop(body, 'message')),
}));
