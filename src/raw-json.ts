// The CLI's `--json`: the vendor's JSON body as received, and only that. A 2xx body is printed when the
// response declares JSON and the body is JSON (valid UTF-8, parses); anything else is a ResponseParseError.
// (On a terminal the CLI escapes what could drive it: safe-output.ts.)
import { isJsonContentType, parseError, ResponseParseError, vendorErrorContext } from './errors.js';
import { defaultRedactor } from './safe-text.js';
import type { Vendor } from './types.js';

export type RawJson = { ok: true; text: string } | { ok: false; error: ResponseParseError };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** Checks that a 2xx body is what the vendor declared JSON and is JSON; returns its text. */
export function rawJsonBody(vendor: Vendor, bytes: Uint8Array, response: Response): RawJson {
  const ctx = vendorErrorContext(vendor, defaultRedactor);
  const operation = response.url === '' ? 'GET' : `GET ${new URL(response.url).pathname}`;
  const contentType = response.headers.get('content-type');
  const refuse = (text: string) => ({ ok: false as const, error: parseError(ctx, operation, response, text, 1, 'response body') });
  if (contentType === null) {
    const error = new ResponseParseError({
      vendor,
      operation,
      status: response.status,
      message: `HTTP ${response.status}: response body has no content type, not JSON`,
      attempts: 1,
      reason: 'unexpected-content-type',
      bodySnippet: bytes.length === 0 ? undefined : lenientUtf8.decode(bytes),
    });
    return { ok: false, error };
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    // Not UTF-8, so not JSON text (RFC 8259 §8.1).
    return refuse(lenientUtf8.decode(bytes));
  }
  if (!isJsonContentType(contentType)) return refuse(text);
  try {
    JSON.parse(text);
  } catch {
    return refuse(text);
  }
  return { ok: true, text };
}
