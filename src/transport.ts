// The one fetch wrapper every vendor client uses. Outermost to innermost, per call:
//   overall deadline → attempts (retries for GET/HEAD only) → per-attempt timeout → signing → fetch → bounded body read
// It returns a Response whose body is already buffered (bounded, read inside the attempt's timeout).
//
// Performance notes (the client must stay close to raw fetch throughput):
// - openapi-fetch is given `PreparedRequest` as its `Request` class: a plain holder of the URL and the
//   RequestInit it already built, so a call constructs ONE undici Request (inside fetch) instead of two.
// - Per attempt: one AbortController (which is also the caller-signal listener), one timer, no closures.
// - The body is read once into one Uint8Array (the single chunk itself when there is one) and served by
//   `BufferedResponse`, which keeps the original Headers object and decodes/parses straight from the bytes.

import {
  ApiError,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  TimeoutError,
  ValidationError,
  errorFromBodyText,
  isJsonContentType,
  parseError,
  type ErrorContext,
  type TimeoutPhase,
} from './errors.js';
import { createRedactor, type Redactor } from './safe-text.js';
import type { ClockSkewPredicate, FetchLike, GateOutcome, RequestGate, RequestSigner, SleepFn, TransportOptions, Vendor } from './types.js';
import { requestIdHeaders as defaultRequestIdHeaders } from './vendor-errors.js';

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
  /** Response headers carrying a request id (default: the vendor's entry in `requestIdHeaders`). */
  requestIdHeaders?: readonly string[] | undefined;
}

/** A fetch-compatible function (what openapi-fetch gets as `fetch`), plus the learned clock offset. */
export interface Transport {
  (input: string | URL | Request | PreparedRequest, init?: RequestInit): Promise<Response>;
  /** Server time minus local time, learned from a clock-skew rejection (0 until then). */
  readonly clockOffsetMs: number;
}

// ---------------------------------------------------------------------------------------------------------
// PreparedRequest: what openapi-fetch constructs as its `Request`

/**
 * A light stand-in for `Request`, given to openapi-fetch as its `Request` class: it keeps the URL and the
 * RequestInit openapi-fetch built, and the transport sends them with a single `fetch(url, init)`.
 * It has `url`, `method`, `headers` (a real, mutable Headers), `signal`, `body`, and `toRequest()` for
 * middleware that needs a real Request. `x instanceof PreparedRequest` is also true for real Requests, so
 * an openapi-fetch `onRequest` middleware may return either.
 */
export class PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal | null;
  readonly body: BodyInit | null;
  /** @internal The RequestInit that is sent (its `signal` is replaced per attempt). */
  readonly init: RequestInit;
  readonly #prepared = true;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = typeof input === 'string' ? input : input.href;
    this.method = init.method === undefined ? 'GET' : init.method.toUpperCase();
    const headers = init.headers;
    this.headers = headers instanceof Headers ? headers : new Headers(headers);
    this.signal = init.signal ?? null;
    this.body = init.body ?? null;
    init.headers = this.headers;
    this.init = init;
  }

  static isPrepared(value: unknown): value is PreparedRequest {
    return typeof value === 'object' && value !== null && #prepared in value;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return PreparedRequest.isPrepared(value) || value instanceof Request;
  }

  /** A real Request with the same URL, method, headers, body and (caller's) signal. */
  toRequest(): Request {
    return new Request(this.url, { ...this.init, signal: this.signal });
  }

  clone(): Request {
    return this.toRequest();
  }
}

// ---------------------------------------------------------------------------------------------------------
// BufferedResponse: the response with its body already read

const EMPTY = new Uint8Array(0);
const decoder = new TextDecoder();

function decode(bytes: Uint8Array): string {
  return bytes.byteLength === 0 ? '' : decoder.decode(bytes);
}

/** An ArrayBuffer holding exactly `bytes`: the underlying buffer when it is exactly that, otherwise a copy. */
function exactBuffer(bytes: Uint8Array, shared: boolean): ArrayBuffer {
  const buffer = bytes.buffer;
  if (!shared && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength && buffer instanceof ArrayBuffer) return buffer;
  return bytes.slice().buffer;
}

function bodyUnusable(): Promise<never> {
  return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
}

/** Where an error raised while reading the buffered body comes from. */
interface Origin {
  readonly ctx: ErrorContext;
  readonly method: string;
  /** The request URL (the response's may be empty with a custom fetch). */
  readonly url: string;
  readonly attempts: number;
}

/**
 * The global Response is looked up on the first response, not when this module loads: on Node, touching
 * `Response` loads the bundled undici (~20 ms), which an import must not pay; the first fetch pays it
 * anyway. Until then BufferedResponse extends a placeholder (it makes no instances before that).
 */
const LazyResponse = function Response() {} as unknown as typeof Response;
let responseLinked = false;
function linkResponse(): void {
  Object.setPrototypeOf(BufferedResponse, Response);
  Object.setPrototypeOf(BufferedResponse.prototype, Response.prototype);
  responseLinked = true;
}

/**
 * A Response whose body is held in memory. Status, status text, headers (the original Headers object),
 * url, redirected and type are the received ones. `json()` parses straight from the bytes and rejects with a
 * ResponseParseError (status, bounded snippet) instead of a bare SyntaxError.
 */
class BufferedResponse extends LazyResponse {
  readonly #bytes: Uint8Array;
  readonly #headers: Headers;
  readonly #url: string;
  readonly #redirected: boolean;
  readonly #type: ResponseType;
  readonly #origin: Origin;
  #used = false;
  #shared = false;
  #stream: ReadableStream<Uint8Array> | undefined;

  constructor(bytes: Uint8Array, status: number, statusText: string, headers: Headers, url: string, redirected: boolean, type: ResponseType, origin: Origin) {
    super(null, { status, statusText });
    this.#bytes = bytes;
    this.#headers = headers;
    this.#url = url;
    this.#redirected = redirected;
    this.#type = type;
    this.#origin = origin;
  }

  static from(source: Response, bytes: Uint8Array, headers: Headers, origin: Origin): BufferedResponse {
    if (!responseLinked) linkResponse();
    let statusText = source.statusText;
    try {
      return new BufferedResponse(bytes, source.status, statusText, headers, source.url, source.redirected, source.type, origin);
    } catch {
      statusText = ''; // a reason phrase the Response constructor refuses (custom fetch)
      return new BufferedResponse(bytes, source.status, statusText, headers, source.url, source.redirected, source.type, origin);
    }
  }

  override get headers(): Headers {
    return this.#headers;
  }
  override get url(): string {
    return this.#url;
  }
  override get redirected(): boolean {
    return this.#redirected;
  }
  override get type(): ResponseType {
    return this.#type;
  }
  override get bodyUsed(): boolean {
    return this.#used;
  }
  /** A stream over the buffered bytes (accessing it counts as consuming the body). */
  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#stream === undefined) {
      if (this.#used) return null;
      const bytes = this.#bytes;
      this.#used = true;
      this.#stream = new ReadableStream<Uint8Array>({
        start(controller) {
          if (bytes.byteLength > 0) controller.enqueue(bytes);
          controller.close();
        },
      });
    }
    return this.#stream as ReadableStream<Uint8Array<ArrayBuffer>>;
  }

  override text(): Promise<string> {
    if (this.#used) return bodyUnusable();
    this.#used = true;
    return Promise.resolve(decode(this.#bytes));
  }

  override json(): Promise<any> {
    if (this.#used) return bodyUnusable();
    this.#used = true;
    const text = decode(this.#bytes);
    try {
      return Promise.resolve(JSON.parse(text));
    } catch {
      const o = this.#origin;
      return Promise.reject(parseError(o.ctx, operationOf(o.method, o.url), this, text, o.attempts, 'response body'));
    }
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#used) return bodyUnusable();
    this.#used = true;
    return Promise.resolve(exactBuffer(this.#bytes, this.#shared));
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.#used) return bodyUnusable();
    this.#used = true;
    return Promise.resolve(new Uint8Array(exactBuffer(this.#bytes, this.#shared)));
  }

  override blob(): Promise<Blob> {
    if (this.#used) return bodyUnusable();
    this.#used = true;
    return Promise.resolve(new Blob([this.#bytes as Uint8Array<ArrayBuffer>], { type: this.#headers.get('content-type') ?? '' }));
  }

  override formData(): Promise<FormData> {
    if (this.#used) return bodyUnusable();
    this.#used = true;
    return new Response(this.#bytes as Uint8Array<ArrayBuffer>, { headers: this.#headers }).formData();
  }

  override clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    this.#shared = true;
    const copy = new BufferedResponse(this.#bytes, this.status, this.statusText, this.#headers, this.#url, this.#redirected, this.#type, this.#origin);
    copy.#shared = true;
    return copy;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Attempt plumbing

interface NodeEvents {
  defaultMaxListeners: number;
  getMaxListeners(target: EventTarget): number;
  setMaxListeners(n: number, ...targets: EventTarget[]): void;
}

/** node:events where there is one (looked up at run time: edge bundles stay free of Node built-ins). */
const nodeEvents: NodeEvents | undefined = (() => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    return proc?.getBuiltinModule?.('node:events') as NodeEvents | undefined;
  } catch {
    return undefined;
  }
})();

/**
 * Many concurrent calls may share one caller signal (each attempt listens to it): lift Node's 10-listener
 * warning threshold the way undici does for signals given to fetch, unless the owner has set one.
 */
function allowManyListeners(signal: AbortSignal): void {
  if (nodeEvents !== undefined && nodeEvents.getMaxListeners(signal) === nodeEvents.defaultMaxListeners) {
    nodeEvents.setMaxListeners(1500, signal);
  }
}

/** Aborts the attempt; it is also the listener on the caller's signal (no closure per attempt). */
class AttemptController extends AbortController {
  timedOut = false;
  readonly caller: AbortSignal | null;
  constructor(caller: AbortSignal | null) {
    super();
    this.caller = caller;
    if (caller !== null) {
      allowManyListeners(caller);
      caller.addEventListener('abort', this);
    }
  }
  handleEvent(): void {
    this.abort(this.caller?.reason);
  }
  release(): void {
    if (this.caller !== null) this.caller.removeEventListener('abort', this);
  }
}

const TIMEOUT_REASON = new DOMException('The attempt timed out.', 'TimeoutError');
const TOO_LARGE_REASON = new DOMException('The response body is too large.', 'AbortError');

function onAttemptTimeout(ctl: AttemptController): void {
  ctl.timedOut = true;
  ctl.abort(TIMEOUT_REASON);
}

class TooLarge {
  constructor(
    readonly declared: number | undefined,
    readonly received: number,
  ) {}
}

function noop(): void {}

/** Reads the whole body into one Uint8Array, refusing more than `max` bytes (declared or counted). */
async function readBody(res: Response, max: number, ctl: AttemptController): Promise<Uint8Array> {
  const body = res.body;
  if (body === null) return EMPTY;
  const length = res.headers.get('content-length');
  let declared: number | undefined;
  if (length !== null) {
    declared = Number(length);
    if (declared > max) {
      ctl.abort(TOO_LARGE_REASON);
      body.cancel().catch(noop);
      throw new TooLarge(declared, 0);
    }
  }
  const reader = body.getReader();
  let first: Uint8Array | undefined;
  let chunks: Uint8Array[] | undefined;
  let total = 0;
  for (;;) {
    const step = await reader.read();
    if (step.done) break;
    const chunk = step.value;
    total += chunk.byteLength;
    if (total > max) {
      ctl.abort(TOO_LARGE_REASON);
      reader.cancel().catch(noop);
      throw new TooLarge(declared, total);
    }
    if (first === undefined) first = chunk;
    else if (chunks === undefined) chunks = [first, chunk];
    else chunks.push(chunk);
  }
  if (chunks === undefined) return first ?? EMPTY;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function defaultSleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` in ms: delta-seconds or an HTTP-date (against the server-corrected clock). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function operationOf(method: string, url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    const q = url.indexOf('?');
    path = q === -1 ? url : url.slice(0, q);
  }
  return `${method} ${path}`;
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function describeFailure(err: unknown): { message: string; code: string | undefined } {
  let e: unknown = err;
  // undici: TypeError('fetch failed', { cause: Error('read ECONNRESET', { code }) }); use the innermost reason.
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

function positive(name: string, value: number | undefined, fallback: number, allowZero: boolean, vendor: Vendor): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!allowZero && value === 0)) {
    throw new ValidationError({ vendor, message: `Invalid transport option ${name}: ${String(value)}`, field: name });
  }
  return value;
}


type GateRelease = (outcome: GateOutcome) => void;

/**
 * Waits for a slot from the gate. A caller's abort rejects at once even if the gate ignores the signal;
 * a slot granted after that is handed straight back.
 */
function acquireSlot(gate: RequestGate, caller: AbortSignal | null): Promise<GateRelease> {
  if (caller?.aborted) return Promise.reject(caller.reason);
  const pending = gate.acquire(caller);
  if (caller === null) return pending.then(releaseOnce);
  return new Promise<GateRelease>((resolve, reject) => {
    const onAbort = (): void => reject(caller.reason);
    caller.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (release) => {
        caller.removeEventListener('abort', onAbort);
        if (caller.aborted) release({}); // granted after the caller gave up: hand it back
        else resolve(releaseOnce(release));
      },
      (err: unknown) => {
        caller.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function releaseOnce(release: GateRelease): GateRelease {
  let done = false;
  return (outcome) => {
    if (done) return;
    done = true;
    release(outcome);
  };
}

// ---------------------------------------------------------------------------------------------------------
// The transport

/**
 * Creates the fetch function for one client. Policy: per-attempt timeout (headers and body) and an overall
 * deadline; retries only for GET/HEAD on network errors, timeouts, 408, 429 and 5xx, with full-jitter backoff
 * or `Retry-After`; every attempt re-signed with the skew-corrected clock; one extra attempt after a
 * clock-skew rejection (the learned offset is kept for later calls of this transport); bodies over
 * `maxResponseBytes` refused. A caller's abort rejects at once with the caller's reason, without retry.
 */
export function createTransport(options: CreateTransportOptions): Transport {
  const { vendor, sign, isClockSkewRejection, isAuthRejection, throwOnError = false } = options;
  // Looked up per call when not given, so interceptors installed on globalThis.fetch later still apply.
  const customFetch: FetchLike | undefined = options.fetch;
  const timeoutMs = Math.min(positive('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, false, vendor), MAX_TIMER_MS);
  const deadlineMs = positive('deadlineMs', options.deadlineMs, DEFAULT_DEADLINE_MS, false, vendor);
  const retries = Math.floor(positive('retries', options.retries, DEFAULT_RETRIES, true, vendor));
  const maxBytes = positive('maxResponseBytes', options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, true, vendor);
  const maxRetryAfterMs = positive('maxRetryAfterMs', options.maxRetryAfterMs, DEFAULT_MAX_RETRY_AFTER_MS, true, vendor);
  const skewLimitMs = positive('clockSkewLimitMs', options.clockSkewLimitMs, DEFAULT_CLOCK_SKEW_LIMIT_MS, true, vendor);
  const clock = options.clock ?? Date.now;
  const sleep: SleepFn = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const redact: Redactor = createRedactor(options.secrets ?? []);
  const ctx: ErrorContext = { vendor, redact, requestIdHeaders: options.requestIdHeaders ?? defaultRequestIdHeaders[vendor] };
  const checkSkew = sign !== undefined && (isClockSkewRejection !== undefined || isAuthRejection !== undefined);
  const gate = options.gate;

  /** Server time minus local time; learned from clock-skew rejections; lives in this transport only. */
  let clockOffsetMs = 0;

  async function transport(input: string | URL | Request | PreparedRequest, extraInit?: RequestInit): Promise<Response> {
    // --- normalize the input (no copies on the openapi-fetch path)
    let method: string;
    let url: string;
    /** `url` parsed, when the transport parsed it anyway (signers then need not parse it again). */
    let parsedUrl: URL | undefined;
    let headers: Headers;
    let body: string | undefined;
    let caller: AbortSignal | null;
    let target: string | Request;
    let init: RequestInit;
    if (PreparedRequest.isPrepared(input)) {
      method = input.method;
      headers = input.headers;
      caller = input.signal;
      init = extraInit === undefined ? input.init : { ...input.init, ...extraInit };
      if (extraInit?.signal) caller = extraInit.signal;
      const b = input.body;
      if (b === null || b === undefined) body = undefined;
      else if (typeof b === 'string') body = b;
      else if (sign !== undefined) throw new ValidationError({ vendor, message: 'Only string bodies can be signed. Nothing was sent.' });
      else body = undefined;
      const raw = input.url;
      // openapi-fetch leaves `{name}` in place when a path parameter is missing (values are encoded: `%7B`).
      const brace = raw.indexOf('{');
      if (brace !== -1) {
        const query = raw.indexOf('?');
        if (query === -1 || brace < query) {
          throw new ValidationError({ vendor, operation: operationOf(method, raw), message: 'Unresolved path parameter: pass every path parameter. Nothing was sent.' });
        }
      }
      // Signers must see the URL exactly as it goes on the wire: let the URL parser normalize it first.
      if (sign === undefined) url = raw;
      else {
        parsedUrl = new URL(raw);
        url = parsedUrl.href;
      }
      target = url;
    } else {
      const request = input instanceof Request ? input : new Request(input, extraInit);
      method = request.method;
      url = request.url;
      headers = request.headers;
      caller = input instanceof Request ? (extraInit?.signal ?? request.signal) : request.signal;
      body = request.body === null ? undefined : await request.text();
      init = input instanceof Request && extraInit !== undefined ? { ...extraInit } : {};
      if (body !== undefined) init.body = body;
      target = request;
    }

    const idempotent = method === 'GET' || method === 'HEAD';
    const deadlineAt = clock() + deadlineMs;
    let attempts = 0;
    let retriesLeft = idempotent ? retries : 0;
    let skewRetried = false;
    let signedKeys: string[] | undefined;

    for (;;) {
      if (caller?.aborted) throw caller.reason;
      // Admission first, then the deadline check and a fresh signature: a long wait for a slot must not
      // send a stale timestamp.
      const release = gate === undefined ? undefined : await acquireSlot(gate, caller);
      /** What the gate hears when this attempt is over: the status and Retry-After of a received response. */
      let outcome: GateOutcome = {};
      try {
        const remaining = deadlineAt - clock();
        if (remaining <= 0) throw timeoutError('deadline', deadlineMs, attempts, undefined);
        const attemptMs = remaining < timeoutMs ? remaining : timeoutMs;
        attempts++;

        // --- sign, innermost, with the skew-corrected clock
        let signedAt = 0;
        if (sign !== undefined) {
          if (signedKeys !== undefined) for (const k of signedKeys) headers.delete(k);
          signedAt = clock() + clockOffsetMs;
          let signed = sign({ method, url, parsedUrl, headers, body }, signedAt);
          if (isThenable(signed)) signed = await signed;
          signedKeys = Object.keys(signed);
          for (const k of signedKeys) headers.set(k, signed[k] as string);
        }

        const ctl = new AttemptController(caller);
        const timer = setTimeout(onAttemptTimeout, attemptMs, ctl);
        init.signal = ctl.signal;
        let res: Response | undefined;
        let bytes: Uint8Array;
        try {
          const received = await (customFetch ?? globalThis.fetch)(target, init);
          if (received.type === 'error' || received.status < 200 || received.status > 599) {
            throw new TypeError(`unusable response (type ${received.type}, status ${received.status})`);
          }
          res = received;
          outcome = gateOutcome(res);
          // Retryable status with retries left: do not wait for its body; drop it and go again.
          if (retriesLeft > 0 && isRetryableStatus(res.status)) {
            const delay = retryDelay(res, retries - retriesLeft, deadlineAt);
            if (delay !== undefined) {
              clearTimeout(timer);
              ctl.release();
              res.body?.cancel().catch(noop);
              release?.(outcome);
              retriesLeft--;
              if (delay > 0) await sleep(delay, caller);
              continue;
            }
          }
          bytes = method === 'HEAD' ? EMPTY : await readBody(res, maxBytes, ctl);
        } catch (err) {
          clearTimeout(timer);
          ctl.release();
          if (!(err instanceof TooLarge)) outcome = {}; // the attempt failed or was aborted: no usable status
          release?.(outcome);
          if (caller?.aborted) throw caller.reason;
          if (err instanceof TooLarge) {
            throw new ResponseTooLargeError({
              vendor,
              operation: operationOf(method, url),
              status: res?.status,
              message:
                err.declared !== undefined && err.received === 0
                  ? `Response body declared ${err.declared} bytes, over the ${maxBytes}-byte limit; not read`
                  : `Response body exceeded the ${maxBytes}-byte limit; reading stopped`,
              requestId: res === undefined ? undefined : requestIdOf(res.headers),
              attempts,
              redact,
              limitBytes: maxBytes,
              declaredBytes: err.declared,
              receivedBytes: err.received,
            });
          }
          if (err instanceof ApiError) throw err;
          const phase: TimeoutPhase = res === undefined ? 'headers' : 'body';
          const deadlineHit = ctl.timedOut && attemptMs < timeoutMs;
          if (!deadlineHit && retriesLeft > 0) {
            const delay = backoff(retries - retriesLeft);
            if (clock() + delay < deadlineAt) {
              retriesLeft--;
              if (delay > 0) await sleep(delay, caller);
              continue;
            }
          }
          if (ctl.timedOut) throw timeoutError(deadlineHit ? 'deadline' : phase, deadlineHit ? deadlineMs : timeoutMs, attempts, res);
          throw networkError(err, phase, attempts, res);
        }
        clearTimeout(timer);
        ctl.release();
        release?.(outcome);

        const status = res.status;
        const origin: Origin = { ctx, method, url, attempts };
        if (status >= 200 && status < 300) {
          let resHeaders = res.headers;
          if (bytes.byteLength === 0) {
            if (status !== 204 && status !== 205 && method !== 'HEAD' && isJsonContentType(resHeaders.get('content-type'))) {
              throw parseError(ctx, operationOf(method, url), res, '', attempts, 'response body');
            }
          } else if (resHeaders.get('content-length') === null) {
            // openapi-fetch parses with its own JSON.parse (bare SyntaxError) when there is no Content-Length:
            // give the buffered response its real length so it calls our json().
            resHeaders = new Headers(resHeaders);
            resHeaders.set('content-length', String(bytes.byteLength));
          }
          return BufferedResponse.from(res, bytes, resHeaders, origin);
        }

        if (checkSkew && !skewRetried && status >= 400 && status < 500 && isSkewRejection(res, decode(bytes), signedAt)) {
          skewRetried = true;
          continue;
        }

        if (throwOnError) throw errorFromBodyText(ctx, operationOf(method, url), res, decode(bytes), attempts);
        return BufferedResponse.from(res, bytes, res.headers, origin);
      } finally {
        release?.(outcome); // no-op when already released; covers signing errors and the deadline check
      }
    }

    function timeoutError(phase: TimeoutPhase, limitMs: number, attemptCount: number, res: Response | undefined): TimeoutError {
      const message =
        phase === 'deadline'
          ? `Deadline of ${limitMs} ms exceeded after ${attemptCount} attempt(s)`
          : phase === 'headers'
            ? `No response within ${limitMs} ms (attempt ${attemptCount})`
            : `Response body not complete within ${limitMs} ms (attempt ${attemptCount})`;
      return new TimeoutError({
        vendor,
        operation: operationOf(method, url),
        status: res?.status,
        message,
        requestId: res === undefined ? undefined : requestIdOf(res.headers),
        attempts: attemptCount,
        redact,
        timeoutMs: limitMs,
        phase,
      });
    }

    function networkError(err: unknown, phase: TimeoutPhase, attemptCount: number, res: Response | undefined): ApiError {
      const failure = describeFailure(err);
      if (phase === 'body' && res !== undefined) {
        // Headers arrived, then the connection died (e.g. fewer bytes than Content-Length): a truncated body.
        return new ResponseParseError({
          vendor,
          operation: operationOf(method, url),
          status: res.status,
          message: `HTTP ${res.status}: response body cut short (${failure.message})`,
          code: failure.code,
          requestId: requestIdOf(res.headers),
          attempts: attemptCount,
          cause: err,
          redact,
          reason: 'truncated',
          contentType: res.headers.get('content-type'),
        });
      }
      return new NetworkError({
        vendor,
        operation: operationOf(method, url),
        message: `Network error: ${failure.message}`,
        code: failure.code,
        attempts: attemptCount,
        cause: err,
        redact,
      });
    }
  }

  function requestIdOf(h: Headers): string | undefined {
    for (const name of ctx.requestIdHeaders) {
      const v = h.get(name);
      if (v !== null && v !== '') return v;
    }
    return undefined;
  }

  function gateOutcome(res: Response): GateOutcome {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), clock() + clockOffsetMs);
    return retryAfterMs === undefined ? { status: res.status } : { status: res.status, retryAfterMs };
  }

  function backoff(retryIndex: number): number {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retryIndex);
    return Math.floor(random() * ceiling);
  }

  /** The wait before retrying this response, or undefined to stop and return it. */
  function retryDelay(res: Response, retryIndex: number, deadlineAt: number): number | undefined {
    const now = clock();
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now + clockOffsetMs);
    const delay = retryAfter === undefined ? backoff(retryIndex) : Math.min(retryAfter, maxRetryAfterMs);
    return now + delay < deadlineAt ? delay : undefined;
  }

  /** Decides whether a 4xx is a rejected timestamp; if so learns the offset from `Date`. */
  function isSkewRejection(res: Response, text: string, signedAt: number): boolean {
    const date = res.headers.get('date');
    const serverMs = date === null ? Number.NaN : Date.parse(date);
    if (Number.isNaN(serverMs)) return false;
    // `Date` has one-second resolution (truncated): the server's clock is about half a second later.
    const skew = serverMs + 500 - signedAt;
    const explicit = isClockSkewRejection?.(res, text) === true;
    const likely = explicit ? Math.abs(skew) > 1_000 : isAuthRejection?.(res, text) === true && Math.abs(skew) >= Math.max(1_000, skewLimitMs - 5_000);
    if (!likely) return false;
    clockOffsetMs = serverMs + 500 - clock();
    return true;
  }

  Object.defineProperty(transport, 'clockOffsetMs', { get: () => clockOffsetMs, enumerable: true });
  return transport as Transport;
}
