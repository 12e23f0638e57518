// @internal How the facade reads a vendor response: the body bytes exactly as received (openapi-fetch
// `parseAs: 'arrayBuffer'`), then JSON parsed here. One path for both the summary and the CLI's `--json`,
// and a typed ResponseParseError for every unreadable 2xx body (openapi-fetch's own JSON path throws a
// bare SyntaxError for chunked bodies and returns `undefined` for empty ones).
import { callFields, errorFromReturnedBody, parseError, ResponseParseError, vendorErrorContext, type ErrorContext } from './errors.js';
import { nestingExceeds } from './json-scan.js';
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

/** Deeper than any vendor body: past this, a body is refused before anything walks or stringifies it. */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses a 2xx body as JSON; an empty, malformed or non-JSON body, or one nested deeper than
 * {@link MAX_JSON_DEPTH}, throws a ResponseParseError (so nothing downstream recurses over untrusted depth).
 */
export function parseJsonBody(vendor: Vendor, operation: string, received: ReceivedBody): unknown {
  const text = new TextDecoder().decode(received.bytes);
  let parsed: unknown;
  try {
    if (text.trim() !== '') parsed = JSON.parse(text);
  } catch {
    // reported below
  }
  if (parsed === undefined) throw parseError(errorContext(vendor, received.response), operation, received.response, text, 1, 'response body');
  if (nestingExceeds(text, MAX_JSON_DEPTH)) {
    const ctx = errorContext(vendor, received.response);
    const message = `HTTP ${received.response.status}: response body is nested more than ${MAX_JSON_DEPTH} levels deep; refused`;
    throw new ResponseParseError({ ...callFields(ctx, operation, 1, received.response), message, reason: 'too-deep' });
  }
  return parsed;
}

/** A 2xx body that is JSON but not of the shape the spec gives (`message` says what is wrong), after `pages` requests. */
export function shapeError(vendor: Vendor, operation: string, response: Response, pages: number, message: string): ResponseParseError {
  const ctx = errorContext(vendor, response);
  return new ResponseParseError({ ...callFields(ctx, operation, pages, response), message: `HTTP ${response.status}: ${message}`, reason: 'unexpected-shape' });
}

/**
 * The client's own error context when the response came through our transport (its secrets are redacted),
 * else credential patterns only (a response from elsewhere carries no client to know secrets from).
 */
function errorContext(vendor: Vendor, response: Response): ErrorContext {
  return errorContextOf(response) ?? vendorErrorContext(vendor, defaultRedactor);
}
