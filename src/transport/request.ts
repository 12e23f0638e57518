// What the transport is handed (openapi-fetch's PreparedRequest, or a URL/Request from a direct caller),
// turned into the one request every attempt sends.
import { ValidationError } from '../errors.js';
import type { Vendor } from '../types.js';
import { PreparedRequest } from './prepared-request.js';
import { operationOf } from './response.js';
import type { WireRequest } from './wire.js';

/** The request all attempts send (headers are re-signed per attempt), plus the caller's signal. */
export interface Outgoing extends WireRequest {
  readonly headers: Headers;
  readonly caller: AbortSignal | null;
}

/** From openapi-fetch's PreparedRequest: no copies. */
export function fromPrepared(input: PreparedRequest, extraInit: RequestInit | undefined, signs: boolean, vendor: Vendor): Outgoing {
  const method = input.method;
  const b = input.body;
  let body: string | undefined;
  if (b === null || b === undefined) body = undefined;
  else if (typeof b === 'string') body = b;
  else if (signs) throw new ValidationError({ vendor, message: 'Only string bodies can be signed. Nothing was sent.' });
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
  // The URL is parsed once: signers and the undici wire read its parts, and signers must see it exactly as it
  // goes on the wire (normalized by the URL parser).
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(raw);
  } catch {
    throw new ValidationError({ vendor, operation: operationOf(method, raw), message: 'Invalid request URL. Nothing was sent.' });
  }
  return {
    method,
    url: parsedUrl.href,
    parsedUrl,
    headers: input.headers,
    body,
    init: extraInit === undefined ? input.init : { ...input.init, ...extraInit },
    request: undefined,
    caller: extraInit?.signal ?? input.signal,
  };
}

/** From a URL or a Request (direct use of the transport as a fetch function). */
export async function fromRequest(input: string | URL | Request, extraInit: RequestInit | undefined): Promise<Outgoing> {
  const request = input instanceof Request ? input : new Request(input, extraInit);
  const body = request.body === null ? undefined : await request.text();
  const init: RequestInit = input instanceof Request && extraInit !== undefined ? { ...extraInit } : {};
  if (body !== undefined) init.body = body;
  return {
    method: request.method,
    url: request.url,
    parsedUrl: undefined,
    headers: request.headers,
    body,
    init,
    request,
    caller: input instanceof Request ? (extraInit?.signal ?? request.signal) : request.signal,
  };
}
