// One error family for every vendor (vendor error-body quirks live in vendor-errors.ts).
//
// Every string an error carries (message, code, request id, body snippet, operation, cause chain) goes
// through a redactor built from the client's known secret values AND from credential patterns, before it
// is stored. Errors never hold request headers, the request, or the response object.

import {
  clip,
  createRedactor,
  defaultRedactor,
  MAX_CODE,
  MAX_MESSAGE,
  MAX_OPERATION,
  MAX_REQUEST_ID,
  MAX_SNIPPET,
  safeText,
  type Redactor,
} from './safe-text.js';
import { inspectWithFields } from '#runtime';
import type { Vendor } from './types.js';
import { headerRequestId, vendorErrorFormats, type VendorErrorDescriber } from './vendor-errors.js';


// ---------------------------------------------------------------------------------------------------------
// Error classes


export type ApiErrorKind = 'http' | 'parse' | 'network' | 'timeout' | 'too-large' | 'validation' | 'incomplete';

export interface ApiErrorInit {
  /** Unknown only for a ValidationError raised before any vendor was involved. */
  vendor?: Vendor | undefined;
  /** `METHOD /path/{template}` (the client core fills in the template; the transport alone knows only the path). */
  operation?: string | undefined;
  /** The vendor's message, or a description of what went wrong. */
  message: string;
  status?: number | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
  bodySnippet?: string | undefined;
  /** Attempts made on the wire (0 when nothing was sent). */
  attempts?: number | undefined;
  /** Kept, sanitized: a redacted copy of the chain (name, message, code), without foreign stack frames. */
  cause?: unknown;
  /** Redactor built from the client's secrets; default: credential patterns only. */
  redact?: Redactor | undefined;
}

// The fields of this family are `declare`d and set by the base constructor (a subclass's own fields from the
// table below; its constructor only types its init): no class-field definitions in the emitted JavaScript.

/**
 * An API call failed. `kind` says how: `http` (the vendor answered non-2xx; this class), or one of the
 * subclasses: `parse` ({@link ResponseParseError}), `network` ({@link NetworkError}), `timeout`
 * ({@link TimeoutError}), `too-large` ({@link ResponseTooLargeError}), `validation` ({@link ValidationError}),
 * `incomplete` ({@link ListingIncompleteError}).
 */
export class ApiError extends Error {
  declare readonly kind: ApiErrorKind;
  /** Always set on errors from a client call; unknown only for a ValidationError raised outside one. */
  declare readonly vendor: Vendor | undefined;
  /** e.g. `GET /v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}`; unknown only outside a client call. */
  declare readonly operation: string | undefined;
  /** HTTP status, when a response was received. */
  declare readonly status: number | undefined;
  /** Vendor error code (Vercel `error.code`, Gcore `exception_class`, NAVER `error.errorCode`, Huawei `error_code`); for network errors the system code (e.g. `ECONNRESET`). */
  declare readonly code: string | undefined;
  declare readonly requestId: string | undefined;
  /** First bytes of the response body (redacted, at most 512 characters). */
  declare readonly bodySnippet: string | undefined;
  declare readonly attempts: number;
  /** The subclass's own fields, shown after the common ones by toJSON and inspect (on the prototype). */
  declare protected readonly detailFields: readonly string[];

  constructor(init: ApiErrorInit) {
    const redact = init.redact ?? defaultRedactor;
    const cause = init.cause === undefined ? undefined : sanitizeCause(init.cause, redact, 0);
    const bounded = (text: string | undefined, max: number) => (text === undefined ? undefined : safeText(text, max, redact));
    super(safeText(init.message, MAX_MESSAGE, redact), cause === undefined ? undefined : { cause });
    this.vendor = init.vendor;
    this.operation = bounded(init.operation, MAX_OPERATION);
    this.status = init.status;
    this.code = bounded(init.code, MAX_CODE);
    this.requestId = bounded(init.requestId, MAX_REQUEST_ID);
    this.bodySnippet = bounded(init.bodySnippet, MAX_SNIPPET);
    this.attempts = init.attempts ?? 1;
    const fields = this as unknown as Record<string, unknown>;
    for (const key of this.detailFields) fields[key] = (init as unknown as Record<string, unknown>)[key];
  }

  override toString(): string {
    let where = '';
    if (this.vendor !== undefined) where += ` ${this.vendor}`;
    if (this.operation !== undefined) where += ` ${this.operation}`;
    if (this.status !== undefined) where += ` → ${this.status}`;
    if (this.code !== undefined) where += ` ${this.code}`;
    let s = where === '' ? `${this.name}: ${this.message}` : `${this.name}:${where}: ${this.message}`;
    if (this.requestId !== undefined) s += ` (request id ${this.requestId})`;
    return s;
  }

  /** Subclass-specific fields for toJSON/inspect. */
  protected details(): Record<string, unknown> {
    const details: Record<string, unknown> = {};
    for (const key of this.detailFields) details[key] = (this as unknown as Record<string, unknown>)[key];
    return details;
  }

  toJSON(): Record<string, unknown> {
    const cause = (this as { cause?: unknown }).cause;
    return {
      name: this.name,
      kind: this.kind,
      vendor: this.vendor,
      operation: this.operation,
      status: this.status,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      attempts: this.attempts,
      bodySnippet: this.bodySnippet,
      ...this.details(),
      cause: cause === undefined ? undefined : describeCause(cause),
    };
  }
}

// Node's util.inspect (console.log) shows the stack, then the fields set (Node builds only: see #runtime).
inspectWithFields(ApiError.prototype);

/**
 * Why a body could not be read: not JSON (`malformed-json`, `empty`, `truncated`, `unexpected-content-type`),
 * JSON nested deeper than any vendor body (`too-deep`), or JSON of another shape than the spec's
 * (`unexpected-shape`: e.g. a listing page without its list).
 */
export type ParseFailure = 'malformed-json' | 'empty' | 'truncated' | 'unexpected-content-type' | 'too-deep' | 'unexpected-shape';

/** The response could not be read as the expected JSON: malformed, empty, cut short, or an HTML page from a proxy. */
export class ResponseParseError extends ApiError {
  declare readonly kind: 'parse';
  declare readonly reason: ParseFailure;
  declare readonly contentType: string | undefined;
  constructor(init: ApiErrorInit & { reason: ParseFailure; contentType?: string | null | undefined }) {
    super(init);
    (this as { contentType: string | undefined }).contentType =
      init.contentType == null ? undefined : safeText(init.contentType, MAX_CODE, init.redact ?? defaultRedactor);
  }
}

/** The connection failed (refused, reset, DNS, TLS) on every attempt. */
export class NetworkError extends ApiError {
  declare readonly kind: 'network';
}

export type TimeoutPhase = 'headers' | 'body' | 'deadline';

/** An attempt timed out (waiting for headers, or while the body streamed), or the overall deadline ran out. */
export class TimeoutError extends ApiError {
  declare readonly kind: 'timeout';
  declare readonly timeoutMs: number;
  declare readonly phase: TimeoutPhase;
  constructor(init: ApiErrorInit & { timeoutMs: number; phase: TimeoutPhase }) {
    super(init);
  }
}

/** The response body is larger than `maxResponseBytes` (declared, or counted while reading). Not retried. */
export class ResponseTooLargeError extends ApiError {
  declare readonly kind: 'too-large';
  declare readonly limitBytes: number;
  declare readonly declaredBytes: number | undefined;
  declare readonly receivedBytes: number;
  constructor(init: ApiErrorInit & { limitBytes: number; declaredBytes?: number | undefined; receivedBytes: number }) {
    super(init);
  }
}

export type ValidationErrorInit = ApiErrorInit & { field?: string | undefined };

/** Bad input or configuration: nothing was sent. `new ValidationError('message')` is fine. */
export class ValidationError extends ApiError {
  declare readonly kind: 'validation';
  declare readonly field: string | undefined;
  constructor(init: string | ValidationErrorInit) {
    const options: ValidationErrorInit = typeof init === 'string' ? { message: init } : init;
    super({ ...options, attempts: options.attempts ?? 0 });
  }
}

/**
 * A listing ended, or changed while it was read, so that what it yielded does not add up to the total the
 * vendor states (code `LISTING_INCOMPLETE`). Thrown after the items that were received: they stand, but
 * images may be missing. `total`: the vendor's (first) stated total; `received`: distinct items yielded;
 * `duplicates`: items the vendor sent again, skipped.
 */
export class ListingIncompleteError extends ApiError {
  declare readonly kind: 'incomplete';
  declare readonly total: number;
  declare readonly received: number;
  declare readonly duplicates: number;
  constructor(init: ApiErrorInit & { total: number; received: number; duplicates: number }) {
    super(init);
  }
}

// name, kind and the own fields live on the prototypes: the stack header ("ResponseParseError: …") is right
// from construction, and the base class sets and shows each subclass's fields.
for (const [cls, name, kind, detailFields] of [
  [ApiError, 'ApiError', 'http', []],
  [ResponseParseError, 'ResponseParseError', 'parse', ['reason', 'contentType']],
  [NetworkError, 'NetworkError', 'network', []],
  [TimeoutError, 'TimeoutError', 'timeout', ['timeoutMs', 'phase']],
  [ResponseTooLargeError, 'ResponseTooLargeError', 'too-large', ['limitBytes', 'declaredBytes', 'receivedBytes']],
  [ValidationError, 'ValidationError', 'validation', ['field']],
  [ListingIncompleteError, 'ListingIncompleteError', 'incomplete', ['total', 'received', 'duplicates']],
] as const) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(cls.prototype, 'kind', { value: kind, configurable: true });
  Object.defineProperty(cls.prototype, 'detailFields', { value: detailFields, configurable: true });
}

/**
 * @internal The client core knows the path template (the transport only the path): it sets the operation,
 * and the vendor where the error was raised without one (e.g. a parameter check).
 */
export function setContext(error: ApiError, vendor: Vendor, operation: string): void {
  const e = error as { vendor: Vendor | undefined; operation: string | undefined };
  if (e.vendor === undefined) e.vendor = vendor;
  e.operation = clip(operation, MAX_OPERATION);
}

// ---------------------------------------------------------------------------------------------------------
// Causes

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

/** A redacted copy of a foreign error chain: name, message, code, nested cause (depth ≤ 3), no foreign frames. */
function sanitizeCause(cause: unknown, redact: Redactor, depth: number): unknown {
  if (cause instanceof ApiError) return cause;
  if (typeof cause === 'string') return safeText(cause, MAX_MESSAGE, redact);
  if (typeof cause !== 'object' || cause === null) return undefined;
  const c = cause as ErrorLike;
  const copy = new Error(safeText(typeof c.message === 'string' ? c.message : String(c.message ?? ''), MAX_MESSAGE, redact));
  const name = typeof c.name === 'string' ? safeText(c.name, MAX_CODE, redact) : 'Error';
  Object.defineProperty(copy, 'name', { value: name, writable: true, configurable: true });
  if (typeof c.code === 'string' || typeof c.code === 'number') {
    Object.defineProperty(copy, 'code', { value: safeText(String(c.code), MAX_CODE, redact), enumerable: true, writable: true, configurable: true });
  }
  if (depth < 3 && c.cause !== undefined) {
    const inner = sanitizeCause(c.cause, redact, depth + 1);
    if (inner !== undefined) Object.defineProperty(copy, 'cause', { value: inner, writable: true, configurable: true });
  }
  copy.stack = `${name}: ${copy.message}`;
  return copy;
}

function describeCause(cause: unknown): unknown {
  if (cause instanceof ApiError) return cause.toJSON();
  if (typeof cause !== 'object' || cause === null) return cause;
  const c = cause as ErrorLike;
  return {
    name: c.name,
    message: c.message,
    ...(c.code !== undefined ? { code: c.code } : {}),
    ...(c.cause !== undefined ? { cause: describeCause(c.cause) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Building errors from responses

/** How the transport and the client core describe their context to the error builders. */
export interface ErrorContext {
  vendor: Vendor;
  redact: Redactor;
  requestIdHeaders: readonly string[];
  /** The vendor's error body reader (see vendor-errors.ts). */
  describe: VendorErrorDescriber;
}

/** What was received before the error, if anything. */
export interface ReceivedHead {
  readonly status: number;
  readonly headers: Headers;
}

/** @internal The error context of a vendor with a redactor (and the request id headers, default the vendor's). */
export function vendorErrorContext(vendor: Vendor, redact: Redactor, requestIdHeaders?: readonly string[]): ErrorContext {
  const format = vendorErrorFormats[vendor];
  return { vendor, redact, requestIdHeaders: requestIdHeaders ?? format.requestIdHeaders, describe: format.describe };
}

/** @internal The fields every error of a call carries: who, which operation, what was received, how many attempts. */
export function callFields(ctx: Omit<ErrorContext, 'describe'>, operation: string, attempts: number, head?: ReceivedHead) {
  return {
    vendor: ctx.vendor,
    operation,
    status: head?.status,
    requestId: head === undefined ? undefined : headerRequestId(head.headers, ctx.requestIdHeaders),
    attempts,
    redact: ctx.redact,
  };
}

/** `application/json`, `application/problem+json`, `text/json`, … */
export function isJsonContentType(contentType: string | null): boolean {
  return contentType !== null && /\bjson\b/i.test(contentType);
}

interface ResponseHead extends ReceivedHead {
  readonly statusText: string;
}

function httpMessage(head: ResponseHead): string {
  return head.statusText ? `HTTP ${head.status} ${head.statusText}` : `HTTP ${head.status}`;
}

/**
 * @internal Builds the error for a non-2xx response from its body text. Not JSON (HTML page from a proxy,
 * garbage) → {@link ResponseParseError}; JSON (any shape) → {@link ApiError} with the vendor's fields.
 */
export function errorFromBodyText(ctx: ErrorContext, operation: string, head: ResponseHead, text: string, attempts: number): ApiError {
  if (text.trim() === '') return errorFromBody(ctx, operation, head, undefined, undefined, attempts);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return parseError(ctx, operation, head, text, attempts, 'error body');
  }
  return errorFromBody(ctx, operation, head, parsed, text, attempts);
}

/** @internal A body that is not JSON where JSON was expected. */
export function parseError(ctx: ErrorContext, operation: string, head: ResponseHead, text: string, attempts: number, what: string): ResponseParseError {
  const contentType = head.headers.get('content-type');
  const reason: ParseFailure = text.length === 0 ? 'empty' : isJsonContentType(contentType) || contentType === null ? 'malformed-json' : 'unexpected-content-type';
  const message =
    reason === 'empty'
      ? `HTTP ${head.status}: empty ${what} where JSON was expected`
      : reason === 'malformed-json'
        ? `HTTP ${head.status}: ${what} is not valid JSON`
        : `HTTP ${head.status}: ${what} has content type ${clip(contentType ?? '', MAX_CODE)}, not JSON`;
  return new ResponseParseError({ ...callFields(ctx, operation, attempts, head), message, bodySnippet: text === '' ? undefined : text, reason, contentType });
}

function errorFromBody(ctx: ErrorContext, operation: string, head: ResponseHead, body: unknown, text: string | undefined, attempts: number): ApiError {
  const info = body === undefined ? undefined : ctx.describe(body, head.headers);
  let snippet = text;
  if (snippet === undefined && body !== undefined) {
    try {
      snippet = typeof body === 'string' ? body : JSON.stringify(body);
    } catch {
      snippet = undefined;
    }
  }
  const fields = callFields(ctx, operation, attempts, head);
  return new ApiError({
    ...fields,
    code: info?.code,
    message: info?.message ?? httpMessage(head),
    requestId: info?.requestId ?? fields.requestId,
    bodySnippet: snippet,
  });
}

export interface ToApiErrorOptions {
  /** Secret values to redact (the client's token/keys); credential patterns are always redacted. */
  secrets?: readonly string[] | undefined;
  /** Response headers carrying a request id (default: the vendor's, in vendor-errors.ts). */
  requestIdHeaders?: readonly string[] | undefined;
}

/**
 * Converts the `{ error, response }` of an openapi-fetch call into an {@link ApiError} (or a
 * {@link ResponseParseError} when the error body was not JSON: openapi-fetch then hands over the raw text).
 * `operation` e.g. `GET /v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}`.
 */
export function toApiError(vendor: Vendor, operation: string, response: Response, errorBody: unknown, options?: ToApiErrorOptions): ApiError {
  const ctx = vendorErrorContext(vendor, createRedactor(options?.secrets ?? []), options?.requestIdHeaders);
  return errorFromReturnedBody(ctx, operation, response, errorBody);
}

/** toApiError with a known error context (the client's own redactor). @internal */
export function errorFromReturnedBody(ctx: ErrorContext, operation: string, response: Response, errorBody: unknown): ApiError {
  if (typeof errorBody === 'string' && errorBody.trim() !== '') return parseError(ctx, operation, response, errorBody, 1, 'error body');
  const body = errorBody === '' || errorBody === null ? undefined : errorBody;
  return errorFromBody(ctx, operation, response, body, undefined, 1);
}
