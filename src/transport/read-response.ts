// The fetch wire's response as the caller gets it: the platform's own Response over the body already read
// (bounded, within the attempt), keeping what was received (the Headers object, url, type) and giving json()
// the typed parse error. Everything else about the body (text, streams, clone…) is the platform's.
import { jsonParseError, type Origin, type ResponseHead } from './response.js';

/**
 * The class is defined on the first response, not when this module loads: on Node, touching `Response`
 * loads the bundled undici (~20 ms), which an import of this package must not pay.
 */
function defineReadResponse() {
  return class ReadResponse extends Response {
    readonly #bytes: Uint8Array<ArrayBuffer> | null;
    readonly #head: ResponseHead;
    readonly #headers: Headers;
    readonly #origin: Origin;

    constructor(bytes: Uint8Array<ArrayBuffer> | null, head: ResponseHead, statusText: string, headers: Headers, origin: Origin) {
      super(bytes, { status: head.status, statusText, headers });
      this.#bytes = bytes;
      this.#head = head;
      this.#headers = headers;
      this.#origin = origin;
    }

    override get headers(): Headers {
      return this.#headers;
    }
    override get url(): string {
      return this.#head.url;
    }
    override get redirected(): boolean {
      return false;
    }
    override get type(): ResponseType {
      return this.#head.type;
    }

    override async json(): Promise<any> {
      const text = await this.text();
      try {
        return JSON.parse(text);
      } catch {
        throw jsonParseError(this.#origin, this, text);
      }
    }

    override clone(): Response {
      if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
      return new ReadResponse(this.#bytes, this.#head, this.statusText, this.#headers, this.#origin);
    }
  };
}

let ReadResponse: ReturnType<typeof defineReadResponse> | undefined;

/** The Response for a received head and its body bytes (`headers`: the received ones, or a copy with a length). */
export function readResponse(head: ResponseHead, bytes: Uint8Array, headers: Headers, origin: Origin): Response {
  ReadResponse ??= defineReadResponse();
  // Empty bodies (HEAD, 204, 205, 304 among them) are null: those statuses may not have one.
  const body = bytes.byteLength === 0 ? null : (bytes as Uint8Array<ArrayBuffer>);
  try {
    return new ReadResponse(body, head, head.statusText, headers, origin);
  } catch {
    // a reason phrase the Response constructor refuses (custom fetch, odd server)
    return new ReadResponse(body, head, '', headers, origin);
  }
}
