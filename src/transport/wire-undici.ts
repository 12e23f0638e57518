// The Node wire: undici's dispatcher API over one keep-alive Agent shared by every client in the process.
// No WHATWG Request/Response objects or streams per request: a handler collects the body chunks.
//
// - undici is loaded on the first request (an import of this package stays cheap).
// - Redirects are never followed (undici's dispatch follows none unless asked).
// - undici's headersTimeout and bodyTimeout are set to the attempt's budget, so undici's own 300 s defaults
//   never outlive it; the policy's timer still bounds the whole attempt (connect, headers and body together).
// - The body limit is counted here, per request (declared Content-Length first): undici's maxResponseSize is
//   set per Agent, while one Agent serves every client and each client has its own limit, and its error
//   does not say how much arrived.
// - Idle keep-alive sockets are unref'd by undici: they do not keep a finished process alive.
// - A client given its own `dispatcher` (e.g. undici's EnvHttpProxyAgent) sends through it instead, the same
//   way: the per-attempt timeouts go with every dispatch, and undici's agents keep-alive and unref by default.
import type { Dispatcher } from 'undici';
import type { UndiciDispatcher, Vendor } from '../types.js';
import { BufferedResponse } from './buffered-response.js';
import { PreparedRequest } from './prepared-request.js';
import { fromPrepared, fromRequest, type Outgoing } from './request.js';
import { BodyCollector, EMPTY, checkDeclaredLength, type Origin } from './response.js';
import { TooLarge, WireTimeout, type Wire, type WireAttempt, type WireRequest, type WireResponse } from './wire.js';

let agent: Dispatcher | undefined;
let loading: Promise<Dispatcher> | undefined;

function loadAgent(): Promise<Dispatcher> {
  loading ??= import('undici').then(({ Agent }) => {
    agent = new Agent();
    return agent;
  });
  return loading;
}

/** Dropped bodies up to this size are read to the end so the connection stays reusable; larger ones close it. */
const DISCARD_LIMIT = 64 * 1024;

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

type Settle<T> = { resolve(value: T): void; reject(reason: unknown): void };

/** One attempt: undici's handler, the response head handed to the policy, and the body collected. */
class Exchange implements Dispatcher.DispatchHandler, WireResponse {
  status = 0;
  statusText = '';
  headers!: Headers;
  readonly url: string;
  readonly type: ResponseType = 'basic';
  readonly #attempt: WireAttempt;
  readonly #maxBytes: number;
  #controller: Dispatcher.DispatchController | undefined;
  #collector: BodyCollector | undefined;
  #discarding = false;
  #head: Settle<WireResponse> | undefined;
  #body: Settle<Uint8Array> | undefined;
  #done: Uint8Array | undefined;
  #error: unknown;

  constructor(url: string, attempt: WireAttempt, head: Settle<WireResponse>) {
    this.url = url;
    this.#attempt = attempt;
    this.#maxBytes = attempt.maxBytes;
    this.#head = head;
    attempt.onAbort((reason) => this.#controller?.abort(reason as Error));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#attempt.aborted) controller.abort(this.#attempt.reason as Error);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>, statusMessage?: string): void {
    const received = new Headers();
    try {
      for (const name in headers) {
        const value = headers[name];
        if (typeof value === 'string') received.append(name, value);
        else if (value !== undefined) for (const v of value) received.append(name, v);
      }
    } catch (err) {
      controller.abort(err as Error); // a header value the Headers class refuses: an unusable response
      return;
    }
    this.status = statusCode;
    this.statusText = statusMessage ?? '';
    this.headers = received;
    const head = this.#head;
    this.#head = undefined;
    head?.resolve(this);
    try {
      this.#collector = new BodyCollector(this.#maxBytes, checkDeclaredLength(received, this.#maxBytes));
    } catch (err) {
      this.#error = err; // read() rejects with it
      controller.abort(err as Error);
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const collector = this.#collector;
    if (collector === undefined) return;
    if (this.#discarding) {
      collector.total += chunk.byteLength;
      if (collector.total > DISCARD_LIMIT) controller.abort(new Error('discarded'));
      return;
    }
    try {
      collector.add(chunk);
    } catch (err) {
      this.#error = err;
      controller.abort(err as Error);
    }
  }

  onResponseEnd(): void {
    this.#controller = undefined; // a later abort of the attempt has nothing left to stop
    const bytes = this.#collector?.bytes() ?? EMPTY;
    this.#done = bytes;
    this.#body?.resolve(bytes);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#controller = undefined;
    // Our own reason (TooLarge) wins over however undici reports the abort it caused.
    const reason = this.#error instanceof TooLarge ? this.#error : TIMEOUT_CODES.has((error as { code?: string }).code ?? '') ? new WireTimeout(error) : error;
    this.#error = reason;
    const head = this.#head;
    this.#head = undefined;
    head?.reject(reason);
    this.#body?.reject(reason);
  }

  read(): Promise<Uint8Array> {
    if (this.#done !== undefined) return Promise.resolve(this.#done);
    if (this.#error !== undefined) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => {
      this.#body = { resolve, reject };
    });
  }

  discard(): void {
    if (this.#done !== undefined || this.#error !== undefined) return;
    this.#discarding = true;
    this.#error = new Error('discarded');
  }

  respond(bytes: Uint8Array, headers: Headers, origin: Origin): Response {
    return BufferedResponse.from(this, bytes, headers, origin);
  }
}

function dispatch(dispatcher: Dispatcher, request: WireRequest, attempt: WireAttempt): Promise<WireResponse> {
  const url = request.parsedUrl ?? new URL(request.url);
  const headers: string[] = [];
  request.headers.forEach((value, name) => {
    headers.push(name, value);
  });
  return new Promise<WireResponse>((resolve, reject) => {
    const exchange = new Exchange(request.url, attempt, { resolve, reject });
    dispatcher.dispatch(
      {
        origin: url.origin,
        path: url.pathname + url.search,
        method: request.method as Dispatcher.HttpMethod,
        headers,
        body: request.body ?? null,
        headersTimeout: attempt.timeoutMs,
        bodyTimeout: attempt.timeoutMs,
      },
      exchange,
    );
  });
}

/** `#wire` on Node: undici's dispatcher, the shared Agent's or the caller's own (a proxy agent, say). */
export function createDefaultWire(given?: UndiciDispatcher): Wire {
  if (given !== undefined) {
    const dispatcher = given as Dispatcher;
    return (request, attempt) => (attempt.aborted ? Promise.reject(attempt.reason) : dispatch(dispatcher, request, attempt));
  }
  const wire = (request: WireRequest, attempt: WireAttempt): Promise<WireResponse> => {
    if (attempt.aborted) return Promise.reject(attempt.reason);
    if (agent !== undefined) return dispatch(agent, request, attempt);
    return loadAgent().then((loaded) => dispatch(loaded, request, attempt));
  };
  return Object.assign(wire, { pending: () => (agent === undefined ? loadAgent() : undefined) });
}

/**
 * `#wire` on Node: openapi-fetch constructs a PreparedRequest as its `Request` (a light stand-in the transport
 * sends as it is), which spares a WHATWG Request per call (about 15 µs on Node).
 */
export const OpenApiRequest: typeof PreparedRequest | undefined = PreparedRequest;

/** `#wire` on Node: the request every attempt sends, from openapi-fetch's PreparedRequest or a URL/Request. */
export function outgoingOf(input: string | URL | Request | PreparedRequest, extraInit: RequestInit | undefined, signs: boolean, vendor: Vendor): Outgoing | Promise<Outgoing> {
  return PreparedRequest.isPrepared(input) ? fromPrepared(input, extraInit, signs, vendor) : fromRequest(input, extraInit);
}
