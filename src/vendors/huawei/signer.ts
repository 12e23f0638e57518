// Huawei Cloud AK/SK request signing, algorithm SDK-HMAC-SHA256 (API Gateway "APIG").
//
//   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
//                      SignedHeaders \n HexEncode(SHA256(body))
//   StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n HexEncode(SHA256(CanonicalRequest))
//   Signature        = HexEncode(HMAC-SHA256(SK, StringToSign))
//   Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<a;b;c>, Signature=<hex>
// (Huawei "API Request Signing Guide", support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-002.html
// and -003/-004; its worked example is reproduced byte for byte in test/auth/huawei.test.ts.)
//
// What we sign is the request exactly as it will arrive at the gateway: the URL after the client
// serialized it (WHATWG-normalized, percent-encoded), the headers that are sent, the body bytes.
//
// Canonicalization decisions, and why (the gateway is the judge, not any one client SDK):
//
// * Canonical URI: percent-decode the WHOLE path once, split it on "/", encode every segment per
//   RFC 3986 (unreserved A-Z a-z 0-9 - . _ ~ stay, everything else %XX with UPPER-case hex, UTF-8),
//   join with "/", append "/" if missing.
//   - This is what Huawei's own reference code computes from a *received* request: the APIG Python
//     signing SDK (apig_sdk/signer.py, whose `Signer.Verify` backs its backend_signature.py example)
//     canonicalizes `unquote(r.uri).split('/')`, and the Go "HWS API Gateway Signature" signer splits
//     `r.URL.Path` (Go's decoded path). So a path parameter `team/app`, sent as `team%2Fapp`,
//     canonicalizes as `team/app` (two segments), not `team%2Fapp`. (Decoding each segment on its
//     own would give `team%2Fapp`; no Huawei reference does that.)
//   - The official Node SDK (@huaweicloud/huaweicloud-sdk-core, AKSKSigner) agrees for that case
//     (HcClient substitutes path parameters raw, so "/" is a separator there as well) but does NOT
//     decode before encoding: it encodes `url.parse(endpoint).pathname`, in which legacy url.parse
//     has already escaped space, quotes, `<>\^\`{|}` etc. Those characters get encoded twice
//     (space -> %2520), which no decoding gateway can reproduce. We do not copy that; the tests
//     show the difference explicitly and check equality with the SDK everywhere else.
//   - Huawei's browser signer.js uses `decodeURI`, which leaves %2F (and other reserved escapes)
//     encoded; it also re-encodes the path it sends, so it never sends what we send. Not used.
// * Canonical query: split the raw query on "&", the first "=" separates key and value (a key
//   without "=" has the empty value), drop parts whose raw key is empty, percent-decode key and
//   value once ("+" is a literal plus: the signing guide says space is %20, and the reference
//   verifiers use `unquote`, not `unquote_plus`), sort by key then value, RFC 3986-encode both.
// * Malformed escapes (`%zz`, invalid UTF-8) decode like Python's `unquote`: kept literally,
//   invalid UTF-8 becomes U+FFFD. Our own clients never send such URLs.
// * Canonical headers: lower-case names, trimmed values, sorted; `host` (the URL's host, i.e. what
//   fetch sends) and `x-sdk-date` always; `x-security-token` with temporary credentials; plus every
//   header the caller passes except those the HTTP stack manages or rewrites (see UNSIGNED_HEADERS),
//   so `content-type`, `region`, `x-project-id` are signed when sent.
// * Payload hash: the value of an `X-Sdk-Content-Sha256` header when one is sent (e.g.
//   `UNSIGNED-PAYLOAD`), else hex SHA-256 of the body (empty body: the precomputed constant).

import {
  andThen,
  EMPTY_SHA256_HEX,
  getDefaultCrypto,
  type MaybePromise,
  type SigningCrypto,
} from '../../auth/crypto.js';

export const HUAWEI_ALGORITHM = 'SDK-HMAC-SHA256';

export type HeaderInput =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | Iterable<readonly [string, string]>;

export interface HuaweiSignInput {
  method: string;
  /** The absolute URL exactly as it will be fetched. */
  url: string | URL;
  /** Headers that will be sent (any casing). Runtime-managed ones are ignored. */
  headers?: HeaderInput | undefined;
  /** The body bytes as sent; absent for GET. */
  body?: string | Uint8Array | null | undefined;
  /** Signing time; becomes `X-Sdk-Date`. The gateway allows 15 minutes of skew. */
  date: Date | number;
  accessKey: string;
  secretKey: string;
  /** For temporary credentials; sent and signed as `X-Security-Token`. */
  securityToken?: string | undefined;
}

/** The headers to add to the request (`X-Security-Token` only with temporary credentials). */
export type HuaweiSignedHeaders = Record<string, string> & { 'X-Sdk-Date': string; Authorization: string };

export interface HuaweiSignature {
  headers: HuaweiSignedHeaders;
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
}

/**
 * Headers never signed even when passed: hop-by-hop, computed or rewritten by fetch/proxies, or set
 * by the signer itself.
 */
const UNSIGNED_HEADERS = new Set([
  'authorization',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'content-length',
  'accept-encoding',
  'user-agent',
  'x-sdk-date',
  'x-security-token',
]);

function fail(field: string, problem: string): never {
  throw new TypeError(`signHuaweiRequest: ${field} ${problem}`);
}

// --- percent-encoding ------------------------------------------------------------------------

const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;
const NEEDS_ENCODING = /[^A-Za-z0-9\-._~]/;
const SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT = /[!'()*]/g;

/** RFC 3986 percent-encoding of one component: only unreserved characters stay, hex upper-case. */
export function encodeRfc3986(value: string): string {
  if (!NEEDS_ENCODING.test(value)) return value;
  return encodeURIComponent(value).replace(
    SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/** Decodes valid %XX escapes to bytes, keeps everything else, replaces invalid UTF-8 with U+FFFD. */
function lenientPercentDecode(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; ) {
    if (value.charCodeAt(i) === 0x25 && i + 2 < value.length) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push((hi << 4) | lo);
        i += 3;
        continue;
      }
    }
    const codePoint = value.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    for (const b of utf8Encoder.encode(value.slice(i, i + width))) bytes.push(b);
    i += width;
  }
  return utf8Decoder.decode(Uint8Array.from(bytes));
}

/** Percent-decodes once. `+` stays a plus. */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return lenientPercentDecode(value);
  }
}

// --- canonical parts -------------------------------------------------------------------------

/** Canonical URI of a request path as received (see the decision at the top of this file). */
export function huaweiCanonicalUri(pathname: string): string {
  const canonical = PLAIN_PATH.test(pathname)
    ? pathname
    : percentDecode(pathname).split('/').map(encodeRfc3986).join('/');
  return canonical.endsWith('/') ? canonical : canonical + '/';
}

function comparePairs(a: readonly [string, string], b: readonly [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

/** Canonical query string of a raw query (with or without the leading `?`). */
export function huaweiCanonicalQuery(search: string): string {
  const query = search.charCodeAt(0) === 0x3f ? search.slice(1) : search;
  if (query === '') return '';
  const pairs: [string, string][] = [];
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    if (rawKey === '') continue;
    pairs.push([percentDecode(rawKey), eq === -1 ? '' : percentDecode(part.slice(eq + 1))]);
  }
  pairs.sort(comparePairs);
  let out = '';
  for (let i = 0; i < pairs.length; i++) {
    const [key, value] = pairs[i]!;
    out += (i === 0 ? '' : '&') + encodeRfc3986(key) + '=' + encodeRfc3986(value);
  }
  return out;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(date: Date | number): string {
  const d = new Date(Math.floor((typeof date === 'number' ? date : date.getTime()) / 1000) * 1000);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(year) || year < 0 || year > 9999) fail('date', 'must be a valid date between years 0 and 9999');
  return (
    String(year).padStart(4, '0') +
    pad2(d.getUTCMonth() + 1) +
    pad2(d.getUTCDate()) +
    'T' +
    pad2(d.getUTCHours()) +
    pad2(d.getUTCMinutes()) +
    pad2(d.getUTCSeconds()) +
    'Z'
  );
}

/** Signed headers collected as parallel arrays (a handful of entries: cheaper than a Map). */
interface HeaderList {
  names: string[];
  values: string[];
}

function putHeader(list: HeaderList, name: string, value: string): void {
  const key = name.toLowerCase();
  if (UNSIGNED_HEADERS.has(key)) return;
  const trimmed = value.trim();
  const at = list.names.indexOf(key);
  if (at === -1) {
    list.names.push(key);
    list.values.push(trimmed);
  } else {
    list.values[at] += ', ' + trimmed;
  }
}

function collectHeaders(headers: HeaderInput | undefined, list: HeaderList): void {
  if (headers === undefined) return;
  // Headers (iterable) and other iterables of pairs; a Headers iterator is cheaper than its forEach.
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [name, value] of headers as Iterable<readonly [string, string]>) putHeader(list, name, value);
    return;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const name of Object.keys(record)) {
    const value = record[name];
    if (value === undefined) continue;
    if (typeof value === 'string') putHeader(list, name, value);
    else for (const v of value) putHeader(list, name, v);
  }
}

function setHeader(list: HeaderList, name: string, value: string): void {
  const at = list.names.indexOf(name);
  if (at === -1) {
    list.names.push(name);
    list.values.push(value);
  } else {
    list.values[at] = value;
  }
}

const METHOD = /^[A-Za-z]+$/;
const HEADER_UNSAFE = /[\s,;=\u0000-\u001f\u007f]/;

function validate(input: HuaweiSignInput): void {
  if (typeof input.method !== 'string' || !METHOD.test(input.method)) fail('method', 'must be an HTTP method name');
  if (typeof input.accessKey !== 'string' || input.accessKey === '') fail('accessKey', 'is required');
  if (HEADER_UNSAFE.test(input.accessKey)) fail('accessKey', 'must not contain whitespace, ",", ";", "=" or control characters');
  if (typeof input.secretKey !== 'string' || input.secretKey === '') fail('secretKey', 'is required');
  if (input.securityToken !== undefined) {
    if (typeof input.securityToken !== 'string' || input.securityToken.trim() === '') {
      fail('securityToken', 'must be a non-empty string when given');
    }
    if (/[\r\n]/.test(input.securityToken)) fail('securityToken', 'must not contain line breaks');
  }
  const time = typeof input.date === 'number' ? input.date : input.date instanceof Date ? input.date.getTime() : NaN;
  if (!Number.isFinite(time)) fail('date', 'must be a valid Date or epoch milliseconds');
}

function parseUrl(url: string | URL): URL {
  if (typeof url !== 'string') return url;
  try {
    return new URL(url);
  } catch {
    fail('url', 'must be an absolute URL');
  }
}

/** Everything but the hashes: the canonical request up to its payload hash. */
interface Prepared {
  sdkDate: string;
  signedHeaders: string;
  /** The canonical request without the payload hash (which is appended). */
  head: string;
  payloadHash: MaybePromise<string>;
}

function prepare(input: HuaweiSignInput, crypto: SigningCrypto): Prepared {
  validate(input);
  const url = parseUrl(input.url);
  const method = input.method.toUpperCase();
  const sdkDate = formatSdkDate(input.date);

  const list: HeaderList = { names: [], values: [] };
  collectHeaders(input.headers, list);
  if (list.names.indexOf('host') === -1) setHeader(list, 'host', url.host);
  setHeader(list, 'x-sdk-date', sdkDate);
  if (input.securityToken !== undefined) setHeader(list, 'x-security-token', input.securityToken.trim());

  const names = list.names.slice();
  names.sort(); // by UTF-16 code units
  let canonicalHeaders = '';
  let signedHeaders = '';
  let declaredPayloadHash: string | undefined;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = list.values[list.names.indexOf(name)]!;
    canonicalHeaders += name + ':' + value + '\n';
    signedHeaders += i === 0 ? name : ';' + name;
    if (name === 'x-sdk-content-sha256') declaredPayloadHash = value;
  }

  const body = input.body ?? '';
  const payloadHash: MaybePromise<string> =
    declaredPayloadHash !== undefined ? declaredPayloadHash : body.length === 0 ? EMPTY_SHA256_HEX : crypto.sha256Hex(body);

  const head =
    method + '\n' + huaweiCanonicalUri(url.pathname) + '\n' + huaweiCanonicalQuery(url.search) + '\n' +
    canonicalHeaders + '\n' + signedHeaders + '\n';
  return { sdkDate, signedHeaders, head, payloadHash };
}

function headersOf(input: HuaweiSignInput, prepared: Prepared, signature: string): HuaweiSignedHeaders {
  const out: HuaweiSignedHeaders = {
    'X-Sdk-Date': prepared.sdkDate,
    Authorization:
      HUAWEI_ALGORITHM + ' Access=' + input.accessKey + ', SignedHeaders=' + prepared.signedHeaders + ', Signature=' + signature,
  };
  if (input.securityToken !== undefined) out['X-Security-Token'] = input.securityToken.trim();
  return out;
}

function stringToSignOf(prepared: Prepared, canonicalHash: string): string {
  return HUAWEI_ALGORITHM + '\n' + prepared.sdkDate + '\n' + canonicalHash;
}

/** Signs and also returns the intermediate strings (for tests and debugging). */
export function signHuaweiRequestDetailed(
  input: HuaweiSignInput,
  crypto: SigningCrypto = getDefaultCrypto(),
): MaybePromise<HuaweiSignature> {
  const prepared = prepare(input, crypto);
  return andThen(prepared.payloadHash, (hash) => {
    const canonicalRequest = prepared.head + hash;
    return andThen(crypto.sha256Hex(canonicalRequest), (canonicalHash) => {
      const stringToSign = stringToSignOf(prepared, canonicalHash);
      return andThen(crypto.hmacSha256(input.secretKey, stringToSign, 'hex'), (signature) => ({
        headers: headersOf(input, prepared, signature),
        canonicalRequest,
        stringToSign,
        signedHeaders: prepared.signedHeaders,
        signature,
      }));
    });
  });
}

/**
 * Signs one Huawei request. Returns the headers to add (`X-Sdk-Date`, `Authorization`, and
 * `X-Security-Token` for temporary credentials); synchronous with node:crypto, a promise with WebCrypto.
 */
export function signHuaweiRequest(
  input: HuaweiSignInput,
  crypto: SigningCrypto = getDefaultCrypto(),
): MaybePromise<HuaweiSignedHeaders> {
  return andThen(signHuaweiRequestDetailed(input, crypto), (result) => result.headers);
}
