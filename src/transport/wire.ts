// What the transport policy needs from the layer that puts a request on the wire: send one attempt, get the
// response head, then read the body (bounded) or drop it. Two implementations: fetch (any runtime, or the
// caller's own fetch) and undici's dispatcher (Node's default; see wire-undici.ts).
import type { Origin } from './response.js';

/** One attempt's request, exactly as it goes on the wire (signed, final URL). */
export interface WireRequest {
  readonly method: string;
  /** Absolute URL as sent. */
  readonly url: string;
  /** The same URL parsed, when the transport has it. */
  readonly parsedUrl: URL | undefined;
  readonly headers: Headers;
  readonly body: string | undefined;
  /** The caller's RequestInit (fetch wire only: mode, credentials, cache…); its `signal` and `redirect` are the transport's. */
  readonly init: RequestInit;
  /** The caller's own Request, when it passed one instead of a URL (fetch wire only). */
  readonly request: Request | undefined;
}

export interface WireAttempt {
  /** The attempt was aborted (caller's abort, attempt timeout); `reason` says why. */
  readonly aborted: boolean;
  readonly reason: unknown;
  /**
   * Calls `listener` once when the attempt aborts (one listener per attempt: the wire's). The wire rejects
   * with whatever it rejects; the policy reads the reason from its own flags.
   */
  onAbort(listener: (reason: unknown) => void): void;
  /** The same abort as an AbortSignal, for APIs that take one (fetch); made on first use. */
  readonly signal: AbortSignal;
  /** Largest body accepted, in bytes: more (declared or counted) rejects `read()` with TooLarge. */
  readonly maxBytes: number;
  /** The attempt's time budget in ms (a wire may hand it to its own timers). */
  readonly timeoutMs: number;
}

/** The response head; the body is read (or dropped) afterwards, within the same attempt. */
export interface WireResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** The URL that answered (the request's: redirects are never followed). */
  readonly url: string;
  readonly type: ResponseType;
  /** The whole body, at most `maxBytes`; rejects with TooLarge beyond that. */
  read(): Promise<Uint8Array>;
  /** The body is not wanted (e.g. before a retry). */
  discard(): void;
  /** The Response the caller gets, over the body read (`headers`: the received ones, or a copy with a length). */
  respond(bytes: Uint8Array, headers: Headers, origin: Origin): Response;
}

export interface Wire {
  (request: WireRequest, attempt: WireAttempt): Promise<WireResponse>;
  /**
   * Pending one-time setup (undici's first load), awaited before the attempt's timer starts so that it does
   * not eat the first attempt's budget; undefined once ready.
   */
  readonly pending?: () => Promise<unknown> | undefined;
}

/** A wire's own timer fired (e.g. undici's headersTimeout/bodyTimeout): treated like the attempt timeout. */
export class WireTimeout extends Error {
  constructor(cause: unknown) {
    super('The attempt timed out on the wire.', { cause });
    this.name = 'WireTimeout';
  }
}

/** The body was (or was declared) larger than the attempt's `maxBytes`. */
export class TooLarge extends Error {
  declare readonly declared: number | undefined;
  declare readonly received: number;

  constructor(declared: number | undefined, received: number) {
    super('The response body is too large.');
    this.declared = declared;
    this.received = received;
    this.name = 'TooLarge';
  }
}
