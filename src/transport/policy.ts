// The one transport every vendor client uses. Outermost to innermost, per call:
//   overall deadline → attempts (retries for GET/HEAD only) → gate slot → per-attempt timeout → signing
//   → wire (undici on Node, fetch elsewhere or when the caller passes one) → bounded body read
// It returns a Response whose body is already buffered (bounded, read inside the attempt's timeout).
//
// Redirect policy (every vendor, both wires): a redirect is never followed. The wire does not follow it
// (fetch `redirect: 'manual'`, undici follows none), and a 3xx with a Location ends the call with a typed
// ApiError (code `redirect_refused`) naming the status and the Location, redacted and bounded. Requests
// carry tokens and signatures (NAVER's does not even cover the host), so nothing is re-sent anywhere, not
// even to the same origin: none of the four APIs redirects a read, so refusing costs nothing and needs no proof.

import { isWireTimeout } from '#runtime';
import { createDefaultWire, outgoingOf } from '#wire';
import { ApiError, errorFromBodyText, isJsonContentType, parseError, ValidationError, type ErrorContext } from '../errors.js';
import { insecureHttpError, isInsecureHttp } from '../endpoint.js';
import { createRedactor } from '../safe-text.js';
import type { ClockSkewPredicate, GateOutcome, RequestGate, RequestSigner, SleepFn, TransportOptions, Vendor } from '../types.js';
import { vendorErrorFormats, type VendorErrorFormat } from '../vendor-errors.js';
import { acquireSlot, AttemptController, defaultSleep, untilAborted } from './attempt.js';
import { buildError, networkError, redirectError, timeoutError, tooLargeError, type FailureContext } from './failures.js';
import { invalidHeader, type PreparedRequest } from './prepared-request.js';
import type { Outgoing } from './request.js';
import { decode, EMPTY, operationOf, withOrigin, type Origin } from './response.js';
import { createFetchWire } from './wire-fetch.js';
import { TooLarge, type Wire, type WireResponse } from './wire.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 120_000;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;
/** Full-jitter exponential backoff: delay = random() × min(cap, base × 2^retry). */
export const BACKOFF_BASE_MS = 200;
export const BACKOFF_CAP_MS = 8_000;
/** When only `isAuthRejection` is given: the gateway's allowed skew (NAVER 5 min; Huawei says 15). */
export const DEFAULT_CLOCK_SKEW_LIMIT_MS = 5 * 60_000;
const MAX_TIMER_MS = 2_147_483_647;

export interface CreateTransportOptions extends TransportOptions {
  vendor: Vendor;
  /** Signs every attempt, innermost, on the exact URL sent. */
  sign?: RequestSigner | undefined;
  /** The gateway says explicitly that the timestamp was rejected: correct the clock from `Date`, retry once. */
  isClockSkewRejection?: ClockSkewPredicate | undefined;
  /**
   * The gateway rejected the credentials (e.g. NAVER's 401, whose body does not say why): treated as clock
   * skew when the response's `Date` is at least `clockSkewLimitMs` away from the clock that signed.
   */
  isAuthRejection?: ClockSkewPredicate | undefined;
  clockSkewLimitMs?: number | undefined;
  /** Throw an ApiError for a final non-2xx response instead of returning it. */
  throwOnError?: boolean | undefined;
  /** Secret values to redact from every error (tokens, keys, static auth header values). */
  secrets?: readonly string[] | undefined;
  /** Response headers carrying a request id (default: the vendor's, in vendor-errors.ts). */
  requestIdHeaders?: readonly string[] | undefined;
}

/** A fetch-compatible function (what openapi-fetch gets as `fetch`), plus the learned clock offset. */
export interface Transport {
  (input: string | URL | Request | PreparedRequest, init?: RequestInit): Promise<Response>;
  /** Server time minus local time, learned from a clock-skew rejection (0 until then). */
  readonly clockOffsetMs: number;
}

/** One call's progress across its attempts. */
interface Call {
  readonly request: Outgoing;
  readonly ctx: FailureContext;
  readonly deadlineAt: number;
  attempts: number;
  retriesLeft: number;
  skewRetried: boolean;
  /** Header names the last signature set (removed before re-signing). */
  signedKeys: string[] | undefined;
}

function positive(name: string, value: number | undefined, fallback: number, allowZero: boolean, vendor: Vendor): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!allowZero && value === 0)) {
    throw new ValidationError({ vendor, message: `Invalid transport option ${name}: ${String(value)}`, field: name });
  }
  return value;
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function isRedirect(head: WireResponse): boolean {
  return head.type === 'opaqueredirect' || (head.status >= 300 && head.status < 400 && head.headers.has('location'));
}

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** `Retry-After` in ms: delta-seconds or an HTTP-date (against the server-corrected clock). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** A transport's settings, validated once. */
interface Settings {
  readonly vendor: Vendor;
  readonly wire: Wire;
  readonly allowInsecureHttp: boolean;
  readonly sign: RequestSigner | undefined;
  readonly isClockSkewRejection: ClockSkewPredicate | undefined;
  readonly isAuthRejection: ClockSkewPredicate | undefined;
  readonly throwOnError: boolean;
  readonly gate: RequestGate | undefined;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly retries: number;
  readonly maxBytes: number;
  readonly maxRetryAfterMs: number;
  readonly skewLimitMs: number;
  readonly clock: () => number;
  readonly sleep: SleepFn;
  readonly random: () => number;
  /** The vendor, the client's redactor, its request-id headers and error body reader. */
  readonly errorContext: ErrorContext;
  readonly checkSkew: boolean;
}

/** The caller's fetch, the caller's undici Dispatcher (Node build), or the default wire. */
function wireOf({ vendor, fetch, dispatcher }: CreateTransportOptions): Wire {
  if (fetch !== undefined && dispatcher !== undefined) {
    throw new ValidationError({ vendor, field: 'dispatcher', message: 'Invalid transport options: pass fetch or dispatcher, not both (a fetch of your own routes requests itself).' });
  }
  return fetch === undefined ? createDefaultWire(dispatcher) : createFetchWire(fetch);
}

function settingsOf(options: CreateTransportOptions, errors: VendorErrorFormat): Settings {
  const { vendor, sign, isClockSkewRejection, isAuthRejection } = options;
  const redact = createRedactor(options.secrets ?? []);
  const requestIdHeaders = options.requestIdHeaders ?? errors.requestIdHeaders;
  return {
    vendor,
    wire: wireOf(options),
    allowInsecureHttp: options.allowInsecureHttp === true,
    sign,
    isClockSkewRejection,
    isAuthRejection,
    throwOnError: options.throwOnError ?? false,
    gate: options.gate,
    timeoutMs: Math.min(positive('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, false, vendor), MAX_TIMER_MS),
    deadlineMs: positive('deadlineMs', options.deadlineMs, DEFAULT_DEADLINE_MS, false, vendor),
    retries: Math.floor(positive('retries', options.retries, DEFAULT_RETRIES, true, vendor)),
    maxBytes: positive('maxResponseBytes', options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, true, vendor),
    maxRetryAfterMs: positive('maxRetryAfterMs', options.maxRetryAfterMs, DEFAULT_MAX_RETRY_AFTER_MS, true, vendor),
    skewLimitMs: positive('clockSkewLimitMs', options.clockSkewLimitMs, DEFAULT_CLOCK_SKEW_LIMIT_MS, true, vendor),
    clock: options.clock ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    errorContext: { vendor, redact, requestIdHeaders, describe: errors.describe },
    checkSkew: sign !== undefined && (isClockSkewRejection !== undefined || isAuthRejection !== undefined),
  };
}

/**
 * Creates the fetch function for one client. Policy: per-attempt timeout (headers and body) and an overall
 * deadline; retries only for GET/HEAD on network errors, timeouts, 408, 429 and 5xx, with full-jitter backoff
 * or `Retry-After`; every attempt re-signed with the skew-corrected clock; one extra attempt after a
 * clock-skew rejection (the learned offset is kept for later calls of this transport); bodies over
 * `maxResponseBytes` refused; redirects refused (see above). A caller's abort rejects at once with the
 * caller's reason, without retry, also while waiting for a gate slot or an async signer.
 */
export function createTransport(options: CreateTransportOptions): Transport {
  return createVendorTransport(options, vendorErrorFormats[options.vendor]);
}

/**
 * @internal createTransport with the vendor's error format given: the client core passes its vendor's, so that
 * a bundle of one vendor's client holds no other vendor's.
 */
export function createVendorTransport(options: CreateTransportOptions, errors: VendorErrorFormat): Transport {
  const policy = new Policy(settingsOf(options, errors));
  const transport = (input: string | URL | Request | PreparedRequest, init?: RequestInit) => policy.send(input, init);
  Object.defineProperty(transport, 'clockOffsetMs', { get: () => policy.clockOffsetMs, enumerable: true });
  return transport as Transport;
}

/** The policy of one transport; one `send` per call. */
class Policy {
  /** Server time minus local time; learned from clock-skew rejections; lives in this transport only. */
  clockOffsetMs = 0;
  declare readonly s: Settings;

  constructor(settings: Settings) {
    this.s = settings;
  }

  async send(input: string | URL | Request | PreparedRequest, extraInit: RequestInit | undefined): Promise<Response> {
    const { s } = this;
    const outgoing = outgoingOf(input, extraInit, s.sign !== undefined, s.vendor);
    const request = isThenable(outgoing) ? await outgoing : outgoing;
    // Checked per call, not only at client creation: openapi-fetch takes a `baseUrl` per call too.
    if (!s.allowInsecureHttp && !request.url.startsWith('https:')) {
      const url = request.parsedUrl ?? new URL(request.url);
      if (isInsecureHttp(url)) throw insecureHttpError(s.vendor, url);
    }
    const idempotent = request.method === 'GET' || request.method === 'HEAD';
    const call: Call = {
      request,
      ctx: { ...s.errorContext, operation: operationOf(request.method, request.url, request.parsedUrl) },
      deadlineAt: s.clock() + s.deadlineMs,
      attempts: 0,
      retriesLeft: idempotent ? s.retries : 0,
      skewRetried: false,
      signedKeys: undefined,
    };
    for (;;) {
      if (request.caller?.aborted) throw request.caller.reason;
      const release = s.gate === undefined ? undefined : await acquireSlot(s.gate, request.caller);
      const outcome: { value: GateOutcome } = { value: {} };
      let next: Response | number;
      try {
        next = await this.attempt(call, outcome);
      } finally {
        // Before any wait for the next attempt; also after a signing error or the deadline check.
        release?.(outcome.value);
      }
      if (typeof next !== 'number') return next;
      if (next > 0) await s.sleep(next, request.caller);
    }
  }

  /** One attempt: a Response to return, or the wait in ms before the next attempt. */
  async attempt(call: Call, outcome: { value: GateOutcome }): Promise<Response | number> {
    const { s } = this;
    const remaining = call.deadlineAt - s.clock();
    if (remaining <= 0) throw timeoutError(call.ctx, 'deadline', s.deadlineMs, call.attempts, undefined);
    const attemptMs = remaining < s.timeoutMs ? remaining : s.timeoutMs;
    const signedAt = await this.signAttempt(call);
    const pending = s.wire.pending?.();
    if (pending !== undefined) await untilAborted(pending, call.request.caller);
    call.attempts++;
    const ctl = new AttemptController(call.request.caller, attemptMs, s.maxBytes);
    let head: WireResponse | undefined;
    let bytes: Uint8Array;
    try {
      head = await s.wire(call.request, ctl);
      if (s.gate !== undefined) outcome.value = this.gateOutcome(head); // only a gate reads it
      if (isRedirect(head)) {
        head.discard();
        throw redirectError(call.ctx, head.type === 'opaqueredirect' ? undefined : head.status, head.headers.get('location'), call.attempts, head);
      }
      if (call.retriesLeft > 0 && isRetryableStatus(head.status)) {
        // Retryable status with retries left: do not wait for its body; drop it and go again.
        const delay = this.retryDelay(head, call);
        if (delay !== undefined) {
          head.discard();
          call.retriesLeft--;
          return delay;
        }
      }
      bytes = call.request.method === 'HEAD' ? EMPTY : await head.read();
    } catch (err) {
      if (!(err instanceof TooLarge || err instanceof ApiError)) outcome.value = {}; // failed or aborted: no usable status
      return this.failed(call, err, ctl, head, attemptMs);
    } finally {
      ctl.finish();
    }
    return this.finish(call, head, bytes, signedAt);
  }

  /** Signs the attempt (removing the previous attempt's signature first); returns the signing clock. */
  async signAttempt(call: Call): Promise<number> {
    const { sign, clock } = this.s;
    if (sign === undefined) return 0;
    const { request } = call;
    const headers = request.headers;
    if (call.signedKeys !== undefined) for (const k of call.signedKeys) headers.delete(k);
    const signedAt = clock() + this.clockOffsetMs;
    let signed: Record<string, string>;
    try {
      const result = sign({ method: request.method, url: request.url, parsedUrl: request.parsedUrl, headers, body: request.body }, signedAt);
      // An async signer (WebCrypto): the caller's abort must not wait for it.
      signed = isThenable(result) ? await untilAborted(result, request.caller) : result;
    } catch (err) {
      if (request.caller?.aborted) throw request.caller.reason;
      if (err instanceof ValidationError) throw err;
      throw buildError(call.ctx, 'Could not sign the request', err);
    }
    if (request.caller?.aborted) throw request.caller.reason;
    const keys = Object.keys(signed);
    try {
      for (const k of keys) headers.set(k, signed[k] as string);
    } catch {
      throw invalidHeader(); // the value (a signature, a token) is not quoted
    }
    call.signedKeys = keys;
    return signedAt;
  }

  /** The attempt failed: throws the typed error, or returns the wait before a retry. */
  failed(call: Call, err: unknown, ctl: AttemptController, head: WireResponse | undefined, attemptMs: number): number {
    const { s } = this;
    const caller = call.request.caller;
    if (caller?.aborted) throw caller.reason;
    if (err instanceof TooLarge) throw tooLargeError(call.ctx, err, s.maxBytes, call.attempts, head);
    if (err instanceof ApiError) throw err;
    const timedOut = ctl.timedOut || isWireTimeout(err);
    const deadlineHit = timedOut && attemptMs < s.timeoutMs;
    if (!deadlineHit && call.retriesLeft > 0) {
      const delay = this.backoff(s.retries - call.retriesLeft);
      if (s.clock() + delay < call.deadlineAt) {
        call.retriesLeft--;
        return delay;
      }
    }
    if (!timedOut) throw networkError(call.ctx, err, call.attempts, head);
    if (deadlineHit) throw timeoutError(call.ctx, 'deadline', s.deadlineMs, call.attempts, head);
    throw timeoutError(call.ctx, head === undefined ? 'headers' : 'body', s.timeoutMs, call.attempts, head);
  }

  /** The body is read: the Response for the caller, an error, or 0 to retry at once after a clock-skew rejection. */
  finish(call: Call, head: WireResponse, bytes: Uint8Array, signedAt: number): Response | number {
    const { errorContext } = this.s;
    const { method, url } = call.request;
    const status = head.status;
    const origin: Origin = { ctx: errorContext, method, url, attempts: call.attempts };
    if (status >= 200 && status < 300) {
      let headers = head.headers;
      if (bytes.byteLength === 0) {
        if (status !== 204 && status !== 205 && method !== 'HEAD' && isJsonContentType(headers.get('content-type'))) {
          throw parseError(errorContext, call.ctx.operation, head, '', call.attempts, 'response body');
        }
      } else if (headers.get('content-length') === null) {
        // openapi-fetch parses with its own JSON.parse (bare SyntaxError) when there is no Content-Length:
        // give the buffered response its real length so it calls our json().
        headers = new Headers(headers);
        headers.set('content-length', String(bytes.byteLength));
      }
      return withOrigin(head.respond(bytes, headers, origin), origin);
    }
    if (this.s.checkSkew && !call.skewRetried && status >= 400 && status < 500 && this.isSkewRejection(head, bytes, signedAt, origin)) {
      call.skewRetried = true;
      return 0;
    }
    if (this.s.throwOnError) throw errorFromBodyText(errorContext, call.ctx.operation, head, decode(bytes), call.attempts);
    return withOrigin(head.respond(bytes, head.headers, origin), origin);
  }

  gateOutcome(head: WireResponse): GateOutcome {
    const retryAfterMs = parseRetryAfter(head.headers.get('retry-after'), this.s.clock() + this.clockOffsetMs);
    return retryAfterMs === undefined ? { status: head.status } : { status: head.status, retryAfterMs };
  }

  backoff(retryIndex: number): number {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retryIndex);
    return Math.floor(this.s.random() * ceiling);
  }

  /** The wait before retrying this response, or undefined to stop and return it. */
  retryDelay(head: WireResponse, call: Call): number | undefined {
    const { s } = this;
    const now = s.clock();
    const retryAfter = parseRetryAfter(head.headers.get('retry-after'), now + this.clockOffsetMs);
    const delay = retryAfter === undefined ? this.backoff(s.retries - call.retriesLeft) : Math.min(retryAfter, s.maxRetryAfterMs);
    return now + delay < call.deadlineAt ? delay : undefined;
  }

  /** Decides whether a 4xx is a rejected timestamp; if so learns the offset from `Date`. */
  isSkewRejection(head: WireResponse, bytes: Uint8Array, signedAt: number, origin: Origin): boolean {
    const { s } = this;
    const date = head.headers.get('date');
    const serverMs = date === null ? Number.NaN : Date.parse(date);
    if (Number.isNaN(serverMs)) return false;
    // The predicates look at a Response: give them the buffered one.
    const res = head.respond(bytes, head.headers, origin);
    const text = decode(bytes);
    // `Date` has one-second resolution (truncated): the server's clock is about half a second later.
    const skew = serverMs + 500 - signedAt;
    const explicit = s.isClockSkewRejection?.(res, text) === true;
    const likely = explicit ? Math.abs(skew) > 1_000 : s.isAuthRejection?.(res, text) === true && Math.abs(skew) >= Math.max(1_000, s.skewLimitMs - 5_000);
    if (!likely) return false;
    this.clockOffsetMs = serverMs + 500 - s.clock();
    return true;
  }
}
