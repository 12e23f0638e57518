// The Node wire's response as the caller gets it: the body already read into memory (bounded), served by a
// Response subclass that keeps the received Headers and decodes/parses straight from the bytes, so a call
// builds no WHATWG body stream at all (on Node, a platform Response over bytes builds one per request).
import { decode, jsonParseError, type Origin, type ResponseHead } from './response.js';

/** An ArrayBuffer holding exactly `bytes`: the underlying buffer when it is exactly that, otherwise a copy. */
function exactBuffer(bytes: Uint8Array, shared: boolean): ArrayBuffer {
  const buffer = bytes.buffer;
  if (!shared && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength && buffer instanceof ArrayBuffer) return buffer;
  // A copy (not `bytes.slice()`: on a Node Buffer, such as undici's chunks, slice is a view of the whole socket read).
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

function bodyUnusable(): Promise<never> {
  return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
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
export class BufferedResponse extends LazyResponse {
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

  static from(head: ResponseHead, bytes: Uint8Array, headers: Headers, origin: Origin): BufferedResponse {
    if (!responseLinked) linkResponse();
    try {
      return new BufferedResponse(bytes, head.status, head.statusText, headers, head.url, false, head.type, origin);
    } catch {
      // a reason phrase the Response constructor refuses (custom fetch, odd server)
      return new BufferedResponse(bytes, head.status, '', headers, head.url, false, head.type, origin);
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
      return Promise.reject(jsonParseError(this.#origin, this, text));
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

