// What both wires share about a received response: the bounded body collection, decoding, the origin that
// typed errors name. The Response the caller gets is the wire's: buffered-response.ts (the Node wire) or
// read-response.ts (the fetch wire).
import { parseError, type ErrorContext } from '../errors.js';
import { TooLarge } from './wire.js';

export const EMPTY = new Uint8Array(0);
const decoder = new TextDecoder();

export function decode(bytes: Uint8Array): string {
  return bytes.byteLength === 0 ? '' : decoder.decode(bytes);
}

/** What a buffered response needs of the received head. */
export interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly type: ResponseType;
}

/** Where an error raised while reading the buffered body comes from. */
export interface Origin {
  readonly ctx: ErrorContext;
  readonly method: string;
  /** The request URL (the response's may be empty with a custom fetch). */
  readonly url: string;
  readonly attempts: number;
}

const origins = new WeakMap<Response, Origin>();

/**
 * Remembers which client a response came from, so that errors raised after the transport (the facade parsing a
 * 2xx body, converting a returned error body) are redacted with that client's secrets, not only by pattern.
 */
export function withOrigin(response: Response, origin: Origin): Response {
  origins.set(response, origin);
  return response;
}

/** The error context (vendor, the client's redactor, request-id headers) of a response from our transport. */
export function errorContextOf(response: Response): ErrorContext | undefined {
  return origins.get(response)?.ctx;
}

/** The typed error for a body that is not JSON (a ResponseParseError with the status and a bounded snippet). */
export function jsonParseError(origin: Origin, response: Response, text: string): Error {
  return parseError(origin.ctx, operationOf(origin.method, origin.url), response, text, origin.attempts, 'response body');
}

/** `METHOD /path` of a URL (no query: it may carry secrets). */
export function operationOf(method: string, url: string, parsed?: URL): string {
  if (parsed !== undefined) return `${method} ${parsed.pathname}`;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    const q = url.indexOf('?');
    path = q === -1 ? url : url.slice(0, q);
  }
  return `${method} ${path}`;
}

/** The declared Content-Length; throws TooLarge when it is over `max`. */
export function checkDeclaredLength(headers: Headers, max: number): number | undefined {
  const length = headers.get('content-length');
  if (length === null) return undefined;
  const declared = Number(length);
  if (declared > max) throw new TooLarge(declared, 0);
  return declared;
}

/** Collects body chunks into one Uint8Array (the single chunk itself when there is only one), refusing more than `max` bytes. */
export class BodyCollector {
  #first: Uint8Array | undefined;
  #chunks: Uint8Array[] | undefined;
  total = 0;

  declare readonly max: number;
  declare readonly declared: number | undefined;

  constructor(max: number, declared: number | undefined) {
    this.max = max;
    this.declared = declared;
  }

  /** Adds a chunk; throws TooLarge once the total passes the limit. */
  add(chunk: Uint8Array): void {
    this.total += chunk.byteLength;
    if (this.total > this.max) throw new TooLarge(this.declared, this.total);
    if (this.#first === undefined) this.#first = chunk;
    else if (this.#chunks === undefined) this.#chunks = [this.#first, chunk];
    else this.#chunks.push(chunk);
  }

  bytes(): Uint8Array {
    const chunks = this.#chunks;
    if (chunks === undefined) return this.#first ?? EMPTY;
    const out = new Uint8Array(this.total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}
