// NAVER Cloud API Gateway signature v2 (the `x-ncp-apigw-signature-v2` header).
//
// Documented algorithm (api.ncloud-docs.com "Ncloud API" / common-ncpapi, `makeSignature`):
//   stringToSign = METHOD + " " + pathAndQuery + "\n" + timestampMs + "\n" + accessKey
//   signature    = base64(HMAC-SHA256(secretKey, stringToSign))
// `pathAndQuery` is the request target exactly as it goes on the wire: the base path included
// (`/ncr/api/...`), already percent-encoded, query in its original order. Nothing is canonicalized,
// so the only way to get it right is to sign the very string that is sent.
// The gateway rejects timestamps more than 5 minutes away from its clock.

import { andThen, getDefaultCrypto, type MaybePromise, type SigningCrypto } from '../../auth/crypto.js';

export interface NaverSignInput {
  /** HTTP method; upper-cased for signing. */
  method: string;
  /** Path and query exactly as sent, e.g. `/ncr/api/v2/repositories/reg/team%2Fapp?page=1`. */
  pathAndQuery: string;
  /**
   * Milliseconds since the epoch; sent as `x-ncp-apigw-timestamp`. A fractional clock value
   * (`performance.timeOrigin + performance.now()`) is rounded down to whole milliseconds.
   */
  timestampMs: number;
  accessKey: string;
  secretKey: string;
}

export type NaverSignedHeaders = {
  'x-ncp-apigw-timestamp': string;
  'x-ncp-iam-access-key': string;
  'x-ncp-apigw-signature-v2': string;
};

function fail(field: string, problem: string): never {
  throw new TypeError(`signNaverRequest: ${field} ${problem}`);
}

const LINE_BREAK = /[\r\n]/;
const METHOD = /^[A-Za-z]+$/;

function validate(input: NaverSignInput): void {
  if (typeof input.method !== 'string' || !METHOD.test(input.method)) fail('method', 'must be an HTTP method name');
  if (typeof input.pathAndQuery !== 'string' || input.pathAndQuery[0] !== '/') {
    fail('pathAndQuery', 'must be the request path (starting with "/") plus its query');
  }
  if (/[\s#]/.test(input.pathAndQuery)) {
    fail('pathAndQuery', 'must be percent-encoded as sent (no whitespace, no fragment)');
  }
  if (typeof input.timestampMs !== 'number' || !Number.isSafeInteger(Math.floor(input.timestampMs)) || input.timestampMs < 0) {
    fail('timestampMs', 'must be a non-negative number of milliseconds');
  }
  if (typeof input.accessKey !== 'string' || input.accessKey === '') fail('accessKey', 'is required');
  if (LINE_BREAK.test(input.accessKey)) fail('accessKey', 'must not contain line breaks');
  if (typeof input.secretKey !== 'string' || input.secretKey === '') fail('secretKey', 'is required');
}

/** The documented string to sign. */
export function naverStringToSign(input: NaverSignInput): string {
  validate(input);
  return `${input.method.toUpperCase()} ${input.pathAndQuery}\n${Math.floor(input.timestampMs)}\n${input.accessKey}`;
}

/**
 * Signs one NAVER request. Returns the three headers to add; synchronous with node:crypto,
 * a promise with WebCrypto.
 */
export function signNaverRequest(
  input: NaverSignInput,
  crypto: SigningCrypto = getDefaultCrypto(),
): MaybePromise<NaverSignedHeaders> {
  const stringToSign = naverStringToSign(input);
  const timestamp = String(Math.floor(input.timestampMs));
  const accessKey = input.accessKey;
  return andThen(crypto.hmacSha256(input.secretKey, stringToSign, 'base64'), (signature) => ({
    'x-ncp-apigw-timestamp': timestamp,
    'x-ncp-iam-access-key': accessKey,
    'x-ncp-apigw-signature-v2': signature,
  }));
}

/**
 * The path and query that a fetch of `url` puts on the wire: pathname + search of the WHATWG URL
 * (what undici sends; a bare trailing `?` is dropped by the URL's `search`). A string starting with
 * `/` is taken as a path relative to any origin.
 */
export function naverPathAndQuery(url: URL | string): string {
  if (typeof url !== 'string') return url.pathname + url.search;
  const parsed = url.startsWith('/') && !url.startsWith('//') ? new URL(url, 'http://localhost') : new URL(url);
  return parsed.pathname + parsed.search;
}
