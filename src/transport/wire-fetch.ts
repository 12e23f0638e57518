// The fetch wire: any runtime's fetch, or the one the caller passed. Redirects are never followed
// (`redirect: 'manual'`): the policy refuses them. The body is read from the stream, bounded.
import { ValidationError } from '../errors.js';
import type { FetchLike } from '../types.js';
import type { PreparedRequest } from './prepared-request.js';
import { readResponse } from './read-response.js';
import { fromRequest, type Outgoing } from './request.js';
import { BodyCollector, checkDeclaredLength, EMPTY, type Origin } from './response.js';
import { TooLarge, type Wire, type WireAttempt, type WireRequest, type WireResponse } from './wire.js';

function noop(): void {}

class FetchResponse implements WireResponse {
  declare readonly status: number;
  declare readonly statusText: string;
  declare readonly headers: Headers;
  declare readonly url: string;
  declare readonly type: ResponseType;
  readonly #response: Response;
  readonly #maxBytes: number;

  constructor(response: Response, url: string, maxBytes: number) {
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = response.headers;
    // A custom fetch may leave `url` empty.
    this.url = response.url === '' ? url : response.url;
    this.type = response.type;
    this.#response = response;
    this.#maxBytes = maxBytes;
  }

  async read(): Promise<Uint8Array> {
    const body = this.#response.body;
    if (body === null) return EMPTY;
    let collector: BodyCollector;
    try {
      collector = new BodyCollector(this.#maxBytes, checkDeclaredLength(this.headers, this.#maxBytes));
    } catch (err) {
      body.cancel().catch(noop);
      throw err;
    }
    const reader = body.getReader();
    for (;;) {
      const step = await reader.read();
      if (step.done) return collector.bytes();
      try {
        collector.add(step.value);
      } catch (err) {
        if (err instanceof TooLarge) reader.cancel().catch(noop);
        throw err;
      }
    }
  }

  discard(): void {
    this.#response.body?.cancel().catch(noop);
  }

  respond(bytes: Uint8Array, headers: Headers, origin: Origin): Response {
    return readResponse(this, bytes, headers, origin);
  }
}

/** A wire over `fetchFn`, or over `globalThis.fetch` looked up per call (interceptors installed later still apply). */
export function createFetchWire(fetchFn?: FetchLike): Wire {
  return async (request: WireRequest, attempt: WireAttempt): Promise<WireResponse> => {
    const init = request.init;
    init.signal = attempt.signal;
    init.redirect = 'manual';
    const response = await (fetchFn ?? globalThis.fetch)(request.request ?? request.url, init);
    if (response.type === 'error' || ((response.status < 200 || response.status > 599) && response.type !== 'opaqueredirect')) {
      throw new TypeError(`unusable response (type ${response.type}, status ${response.status})`);
    }
    return new FetchResponse(response, request.url, attempt.maxBytes);
  };
}

/** `#wire` outside Node: the platform's fetch. An undici Dispatcher means nothing here: refused. */
export function createDefaultWire(dispatcher?: unknown): Wire {
  if (dispatcher !== undefined) {
    throw new ValidationError({ field: 'dispatcher', message: 'Invalid transport option dispatcher: only the Node build sends through undici; pass a fetch that routes through your proxy instead.' });
  }
  return createFetchWire();
}

/**
 * `#wire` outside Node: openapi-fetch builds the platform's Request (its default). The bundle goes without
 * PreparedRequest: on the edge its bytes are worth more than the few µs per call it saves on Node.
 */
export const OpenApiRequest: typeof PreparedRequest | undefined = undefined;

/** `#wire` outside Node: the request every attempt sends, from the Request (or URL) the transport is handed. */
export function outgoingOf(input: string | URL | Request | PreparedRequest, extraInit: RequestInit | undefined): Promise<Outgoing> {
  return fromRequest(input as string | URL | Request, extraInit);
}
