// Small types shared by the transport, the error types, the client core and the vendor factories.

/** The four clouds this package talks to. */
export type Vendor = 'vercel' | 'gcore' | 'naver' | 'huawei';

export type MaybePromise<T> = T | Promise<T>;

/** What a signer sees: the request exactly as it goes on the wire (before the signer's own headers). */
export interface SignInput {
  /** Upper-case HTTP method. */
  method: string;
  /** Absolute URL, exactly as sent (encoded path, original query order). */
  url: string;
  /** The same URL already parsed, when the transport has it: read `host`/`pathname`/`search` here instead of parsing `url` again. Do not mutate it. */
  parsedUrl?: URL | undefined;
  /** The outgoing headers. Read them; do not mutate them (return what to set instead). */
  headers: Headers;
  /** The request body as sent, or `undefined` when there is none. */
  body: string | undefined;
}

/**
 * Returns the headers to set on the request. Called on EVERY attempt (retries and the clock-skew retry
 * included), innermost, on the exact final URL, with the current skew-corrected clock in milliseconds.
 */
export type RequestSigner = (request: SignInput, nowMs: number) => MaybePromise<Record<string, string>>;

/**
 * Says whether a non-2xx response is the gateway rejecting the request's timestamp (NAVER: 401 "timestamp
 * invalid"; Huawei: APIG.0303/APIG.0201 "request expired"). The vendor factories supply it.
 * `response` is the received response (its body already read: use `bodyText`).
 */
export type ClockSkewPredicate = (response: Response, bodyText: string) => boolean;

/** A fetch-compatible function. `typeof fetch` is assignable to it. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * An undici 7 Dispatcher (Agent, ProxyAgent, EnvHttpProxyAgent, MockAgent, …), by its shape: these types do
 * not import undici's, which need Node's type declarations (an edge consumer has none).
 */
export interface UndiciDispatcher {
  dispatch(options: object, handler: object): boolean;
}

/** Sleep used between retries; must reject at once (with `signal.reason`) when `signal` aborts. */
export type SleepFn = (ms: number, signal?: AbortSignal | null) => Promise<void>;

/** Transport policy. Every field is optional; `undefined` means "the default". */
export interface TransportOptions {
  /**
   * Send through this fetch instead of the default transport (undici's dispatcher on Node, `globalThis.fetch`
   * elsewhere). It must honour `init.signal`, also while the body streams; it is called with `redirect: 'manual'`.
   */
  fetch?: FetchLike | undefined;
  /**
   * Node build only: send through this undici Dispatcher instead of the Agent every client shares, e.g.
   * `new EnvHttpProxyAgent()` (honours HTTPS_PROXY, HTTP_PROXY, NO_PROXY) or `new ProxyAgent('http://proxy:3128')`
   * from undici 7. Redirects are still refused and the per-attempt timeouts still apply. Not with `fetch`.
   */
  dispatcher?: UndiciDispatcher | undefined;
  /**
   * Allow plain http to a host other than this machine (default false: refused before anything is sent, since
   * every request carries credentials). https, and http to 127.0.0.0/8, ::1 or localhost, need nothing.
   */
  allowInsecureHttp?: boolean | undefined;
  /** Per-attempt timeout in ms, covering the response headers AND the body (default 30 000). */
  timeoutMs?: number | undefined;
  /** Overall budget in ms for one call, all attempts and waits included (default 120 000). */
  deadlineMs?: number | undefined;
  /** Retries after the first attempt, GET/HEAD only (default 2; 0 disables). */
  retries?: number | undefined;
  /** Largest response body accepted, in bytes (default 10 MiB). */
  maxResponseBytes?: number | undefined;
  /** Longest `Retry-After` wait honoured, in ms (default 30 000); longer values are capped to it. */
  maxRetryAfterMs?: number | undefined;
  /** Wall clock in ms (default `Date.now`): signing timestamps and deadline accounting. */
  clock?: (() => number) | undefined;
  /** Wait between retries (default: an abortable `setTimeout`). */
  sleep?: SleepFn | undefined;
  /** Random source in [0, 1) for the backoff jitter (default `Math.random`). */
  random?: (() => number) | undefined;
  /** Admission control shared across clients (per-vendor rate limiting); see RequestGate. */
  gate?: RequestGate | undefined;
}

/** What became of one attempt that held a gate slot: its HTTP status (none on a network failure) and any `Retry-After`. */
export interface GateOutcome {
  status?: number | undefined;
  /** The response's `Retry-After`, in ms from now, when it had a usable one. */
  retryAfterMs?: number | undefined;
}

/**
 * Admission control shared by every request to one vendor (the inventory's per-vendor rate limiter).
 * The transport awaits `acquire` before every attempt (after any retry wait, before signing and sending) and
 * calls the returned `release` exactly once when that attempt is over (response read, failed or aborted;
 * before any wait for the next attempt). A caller's abort while waiting in `acquire` rejects the call at once;
 * a slot granted after that is released at once with an empty outcome.
 */
export interface RequestGate {
  acquire(signal: AbortSignal | null): Promise<(outcome: GateOutcome) => void>;
}
