// What openapi-fetch constructs as its `Request` in the Node builds (`#wire`: wire-undici.ts): a plain holder of
// the URL and the RequestInit it built, so a call builds no WHATWG Request at all (the transport sends the parts
// it needs). Edge and browser builds leave openapi-fetch its default, the platform's Request.
import { ValidationError } from '../errors.js';

/**
 * A light stand-in for `Request`, given to openapi-fetch as its `Request` class: it keeps the URL and the
 * RequestInit openapi-fetch built, and the transport sends them (one `fetch(url, init)`, or undici's dispatcher).
 * It has `url`, `method`, `headers` (a real, mutable Headers), `signal`, `body`, and `toRequest()` for
 * middleware that needs a real Request. `x instanceof PreparedRequest` is also true for real Requests, so
 * an openapi-fetch `onRequest` middleware may return either.
 */
export class PreparedRequest {
  declare readonly url: string;
  declare readonly method: string;
  declare readonly headers: Headers;
  declare readonly signal: AbortSignal | null;
  declare readonly body: BodyInit | null;
  /** @internal The RequestInit that is sent (its `signal` is replaced per attempt). */
  declare readonly init: RequestInit;
  readonly #prepared = true;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = typeof input === 'string' ? input : input.href;
    this.method = init.method === undefined ? 'GET' : init.method.toUpperCase();
    const headers = init.headers;
    this.headers = headers instanceof Headers ? headers : buildHeaders(headers);
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

/** Headers from a plain init; a name or value HTTP does not allow is a ValidationError (its value, maybe a secret, is not quoted). */
export function buildHeaders(init: HeadersInit | undefined): Headers {
  try {
    return new Headers(init);
  } catch {
    throw invalidHeader();
  }
}

export function invalidHeader(): ValidationError {
  return new ValidationError({
    message: 'Invalid request header: a header name or value contains characters HTTP does not allow (e.g. a line break). Nothing was sent.',
    attempts: 0,
  });
}
