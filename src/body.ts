// @internal How the facade reads a vendor response: the body bytes exactly as received (openapi-fetch
// `parseAs: 'arrayBuffer'`), then JSON parsed here. One path for both the summary and the CLI's `--json`,
// and a typed ResponseParseError for every unreadable 2xx body (openapi-fetch's own JSON path throws a
// bare SyntaxError for chunked bodies and returns `undefined` for empty ones).
import { errorFromReturnedBody, parseError, vendorErrorContext, type ErrorContext } from './errors.js';
import { defaultRedactor } from './safe-text.js';
import { errorContextOf } from './transport/response.js';
import type { Vendor } from './types.js';

/** A 2xx response and its body bytes. */
export interface ReceivedBody {
  bytes: Uint8Array;
  response: Response;
}

/** What an openapi-fetch call with `parseAs: 'arrayBuffer'` resolves to (data and error untyped here). */
export interface FetchOutcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The bytes of a 2xx response, or throws the ApiError for a non-2xx one. Clients created by the facade
 * throw that error themselves (`throwOnError`, built with their secrets for redaction); a client passed in
 * by the caller may return `{ error }` instead, which is converted here.
 */
export function bodyOrThrow(vendor: Vendor, operation: string, outcome: FetchOutcome): ReceivedBody {
  const { data, error, response } = outcome;
  if (!response.ok) throw errorFromReturnedBody(errorContext(vendor, response), operation, response, error);
  return { bytes: data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(0), response };
}

/** Parses a 2xx body as JSON; an empty, malformed or non-JSON body throws a ResponseParseError. */
export function parseJsonBody(vendor: Vendor, operation: string, received: ReceivedBody): unknown {
  const text = new TextDecoder().decode(received.bytes);
  try {
    if (text.trim() !== '') return JSON.parse(text);
  } catch {
    // reported below
  }
  throw parseError(errorContext(vendor, received.response), operation, received.response, text, 1, 'response body');
}

/**
 * The client's own error context when the response came through our transport (its secrets are redacted),
 * else credential patterns only (a response from elsewhere carries no client to know secrets from).
 */
function errorContext(vendor: Vendor, response: Response): ErrorContext {
  return errorContextOf(response) ?? vendorErrorContext(vendor, defaultRedactor);
}
