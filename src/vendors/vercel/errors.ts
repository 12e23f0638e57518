// How Vercel reports errors.
import { format } from '../../error-format.js';

/** Vercel: `{"error":{"code":"not_found","message":"..."}}` (the first of the generic shapes). */
export const vercelErrorFormat = /* @__PURE__ */ format(['x-vercel-id', 'x-request-id'], () => ({}));
