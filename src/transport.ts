// The shared transport (timeouts, retries, signing, redirects refused, bounded bodies). The parts live in
// src/transport/: policy.ts (attempts, retries, deadline), wire-fetch.ts / wire-undici.ts (sending),
// response.ts (bounded body, buffered response), prepared-request.ts (openapi-fetch's Request).
export {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  DEFAULT_CLOCK_SKEW_LIMIT_MS,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  createTransport,
  parseRetryAfter,
  type CreateTransportOptions,
  type Transport,
} from './transport/policy.js';
export { PreparedRequest } from './transport/prepared-request.js';
