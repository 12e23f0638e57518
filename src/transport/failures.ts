// The typed errors one attempt can end in, built with the client's redactor and the request's operation.
import {
  ApiError,
  callFields,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  TimeoutError,
  ValidationError,
  type ErrorContext,
  type ReceivedHead,
  type TimeoutPhase,
} from '../errors.js';
import { clip } from '../safe-text.js';
import type { TooLarge } from './wire.js';

/** Who failed and how to report it: fixed per call. */
export interface FailureContext extends Omit<ErrorContext, 'describe'> {
  /** `METHOD /path` (the client core replaces it with the path template). */
  readonly operation: string;
}

export function timeoutError(ctx: FailureContext, phase: TimeoutPhase, limitMs: number, attempts: number, head: ReceivedHead | undefined): TimeoutError {
  const message =
    phase === 'deadline'
      ? `Deadline of ${limitMs} ms exceeded after ${attempts} attempt(s)`
      : phase === 'headers'
        ? `No response within ${limitMs} ms (attempt ${attempts})`
        : `Response body not complete within ${limitMs} ms (attempt ${attempts})`;
  return new TimeoutError({ ...callFields(ctx, ctx.operation, attempts, head), message, timeoutMs: limitMs, phase });
}

function describeFailure(err: unknown): { message: string; code: string | undefined } {
  let e: unknown = err;
  // fetch: TypeError('fetch failed', { cause: Error('read ECONNRESET', { code }) }); use the innermost reason.
  for (let depth = 0; depth < 4; depth++) {
    const cause = (e as { cause?: unknown } | null)?.cause;
    if (cause === undefined || cause === null || typeof cause !== 'object') break;
    e = cause;
  }
  const code = (e as { code?: unknown } | null)?.code;
  const message = (e as { message?: unknown } | null)?.message;
  return {
    message: typeof message === 'string' && message !== '' ? message : String(err),
    code: typeof code === 'string' ? code : undefined,
  };
}

/** A connection failure; after the headers arrived, a body cut short. */
export function networkError(ctx: FailureContext, err: unknown, attempts: number, head: ReceivedHead | undefined): ApiError {
  const { message, code } = describeFailure(err);
  const fields = { ...callFields(ctx, ctx.operation, attempts, head), code, cause: err };
  if (head === undefined) return new NetworkError({ ...fields, message: `Network error: ${message}` });
  return new ResponseParseError({
    ...fields,
    message: `HTTP ${head.status}: response body cut short (${message})`,
    reason: 'truncated',
    contentType: head.headers.get('content-type'),
  });
}

export function tooLargeError(ctx: FailureContext, err: TooLarge, maxBytes: number, attempts: number, head: ReceivedHead | undefined): ResponseTooLargeError {
  return new ResponseTooLargeError({
    ...callFields(ctx, ctx.operation, attempts, head),
    message:
      err.declared !== undefined && err.received === 0
        ? `Response body declared ${err.declared} bytes, over the ${maxBytes}-byte limit; not read`
        : `Response body exceeded the ${maxBytes}-byte limit; reading stopped`,
    limitBytes: maxBytes,
    declaredBytes: err.declared,
    receivedBytes: err.received,
  });
}

/** Longest Location quoted in a refused-redirect error (after redaction). */
const MAX_LOCATION = 256;

/**
 * A 3xx with a Location (or a runtime's opaque redirect). Never followed: see the redirect policy in
 * policy.ts. The error names the status and the Location, redacted and bounded.
 */
export function redirectError(ctx: FailureContext, status: number | undefined, location: string | null, attempts: number, head: ReceivedHead | undefined): ApiError {
  const where = location === null ? 'a location the runtime does not disclose' : clip(ctx.redact(location), MAX_LOCATION);
  return new ApiError({
    ...callFields(ctx, ctx.operation, attempts, head),
    status,
    code: 'redirect_refused',
    message: `Redirect refused: HTTP ${status ?? '3xx'} to ${where}. Requests carry credentials and are never re-sent to another location; nothing was re-sent.`,
  });
}

/** The signer or the request's own parts failed before anything was sent. */
export function buildError(ctx: FailureContext, what: string, err: unknown): ValidationError {
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new ValidationError({ ...callFields(ctx, ctx.operation, 0), message: `${what} (${detail}). Nothing was sent.`, cause: err });
}
