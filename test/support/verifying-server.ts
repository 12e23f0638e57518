// A local HTTP server that verifies NAVER (signature v2) and Huawei (SDK-HMAC-SHA256) signatures the
// way the vendors' gateways do, then answers like the vendor. Prism only checks that an auth header
// is present; this checks that it is right.
//
// The verification is implemented here independently of src/auth (node:crypto and Buffer directly,
// nothing imported from the signers): it recomputes everything from what actually arrived on the wire,
// i.e. the raw request-target (`req.url`), the received headers and the body bytes.
//
// Vendor behaviour reproduced:
// - NAVER API Gateway: string to sign = METHOD " " request-target "\n" timestamp "\n" access key,
//   base64 HMAC-SHA256; timestamps more than 5 minutes off are invalid. Failures: HTTP 401
//   {"error":{"errorCode":"200","message":"Authentication Failed","details":...}} (NAVER publishes no
//   separate code for an expired timestamp; it is the same authentication failure). Unknown resource:
//   404 errorCode "300" "Not Found Exception".
// - Huawei APIG: canonical request rebuilt from the wire as Huawei's reference verifiers do (whole path
//   percent-decoded once, split on "/", each segment RFC 3986-encoded; query decoded and sorted; signed
//   headers from the Authorization header, values trimmed; body hash or X-Sdk-Content-Sha256).
//   Bad signature: 401 APIG.0301 "Incorrect IAM authentication information: verify aksk signature
//   fail, ..."; unknown AK: APIG.0301 "Get secretKey failed,ak:...,err:ak not exist"; no credentials:
//   APIG.0301 "x-auth-token not found"; X-Sdk-Date more than 15 minutes off: 401 APIG.0303
//   "...signature expired, signature time:...,server time:..." (the documented expiry text; Huawei
//   documents it for APIG's app authentication). Every answer carries X-Request-Id. Unknown API:
//   404 APIG.0101.
// Routes: NAVER "Get image details" and the listings (registries, images, tags, one tag); Huawei
// ListImageBasicImage and ListRegistryImages. Listings answer an empty page that echoes what arrived.
// Every response carries a `Date` header from the injected clock (clients correct skew with it).
// Every answer goes through the spec check (spec-conformance.ts) for the operation at the request's path; the
// 404 for a path that is no vendor operation is declared as such.

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conformingAnswer, warmUp } from './spec-conformance.js';

export interface NaverCredentials {
  accessKey: string;
  secretKey: string;
}

export interface HuaweiCredentials {
  accessKey: string;
  secretKey: string;
  /** When set, requests must carry (and sign) this X-Security-Token. */
  securityToken?: string | undefined;
}

export interface VerifyingServerOptions {
  naver?: NaverCredentials | undefined;
  huawei?: HuaweiCredentials | undefined;
  /** The server's clock in epoch milliseconds (default Date.now). */
  now?: (() => number) | undefined;
}

export type Vendor = 'naver' | 'huawei';

export type Outcome =
  | 'ok'
  | 'missing-credentials'
  | 'unknown-access-key'
  | 'bad-signature'
  | 'expired'
  | 'not-found';

export interface RecordedRequest {
  vendor: Vendor;
  method: string;
  /** The raw request-target as received. */
  url: string;
  /** Received headers, lower-case names. */
  headers: Record<string, string>;
  body: string;
  status: number;
  outcome: Outcome;
  /** Huawei: the canonical request the server computed (X-Security-Token value redacted). */
  canonicalRequest?: string;
}

export interface VerifyingServer {
  /** Base URL, e.g. http://127.0.0.1:43123 */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A request as it arrived. */
export interface WireRequest {
  method: string;
  /** Raw request-target: path and query, as in `req.url`. */
  target: string;
  /** Lower-case names as node:http delivers them. */
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

export type Verdict =
  | { ok: true; canonicalRequest?: string }
  | { ok: false; outcome: Exclude<Outcome, 'ok' | 'not-found'>; status: number; body: unknown; canonicalRequest?: string };

const NAVER_SKEW_MS = 5 * 60_000;
const HUAWEI_SKEW_MS = 15 * 60_000;

// --------------------------------------------------------------------------------------------
// NAVER

function naverAuthFailure(outcome: Exclude<Outcome, 'ok' | 'not-found'>, details: string): Verdict {
  return {
    ok: false,
    outcome,
    status: 401,
    body: { error: { errorCode: '200', message: 'Authentication Failed', details } },
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function verifyNaver(req: WireRequest, credentials: NaverCredentials | undefined, nowMs: number): Verdict {
  const timestamp = header(req.headers, 'x-ncp-apigw-timestamp');
  const accessKey = header(req.headers, 'x-ncp-iam-access-key');
  const signature = header(req.headers, 'x-ncp-apigw-signature-v2');
  if (!timestamp || !accessKey || !signature) {
    return naverAuthFailure('missing-credentials', 'Authentication information are missing.');
  }
  if (!/^\d{1,16}$/.test(timestamp) || Math.abs(nowMs - Number(timestamp)) > NAVER_SKEW_MS) {
    return naverAuthFailure('expired', 'Invalid authentication information.');
  }
  if (!credentials || accessKey !== credentials.accessKey) {
    return naverAuthFailure('unknown-access-key', 'Invalid authentication information.');
  }
  const stringToSign = `${req.method} ${req.target}\n${timestamp}\n${accessKey}`;
  const expected = createHmac('sha256', credentials.secretKey).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return naverAuthFailure('bad-signature', 'Invalid authentication information.');
  }
  return { ok: true };
}

// --------------------------------------------------------------------------------------------
// Huawei

function huaweiFailure(
  outcome: Exclude<Outcome, 'ok' | 'not-found'>,
  errorCode: string,
  message: string,
  canonicalRequest?: string,
): Verdict {
  const verdict: Verdict = { ok: false, outcome, status: 401, body: { error_code: errorCode, error_msg: message } };
  if (canonicalRequest !== undefined) verdict.canonicalRequest = canonicalRequest;
  return verdict;
}

function isUnreservedByte(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) ||
    b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e
  );
}

function hexDigit(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** One percent-decoding pass over raw bytes; malformed escapes stay; invalid UTF-8 becomes U+FFFD. */
function unquote(raw: string): string {
  const input = Buffer.from(raw, 'latin1');
  const out = Buffer.alloc(input.length);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const b = input[i]!;
    if (b === 0x25 && i + 2 < input.length) {
      const hi = hexDigit(input[i + 1]!);
      const lo = hexDigit(input[i + 2]!);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  return out.subarray(0, n).toString('utf8');
}

/** Percent-encodes every UTF-8 byte outside RFC 3986's unreserved set, upper-case hex. */
function quote(text: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    out += isUnreservedByte(b) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function gatewayCanonicalUri(rawPath: string): string {
  const joined = unquote(rawPath).split('/').map(quote).join('/');
  return joined.endsWith('/') ? joined : joined + '/';
}

function gatewayCanonicalQuery(rawQuery: string): string {
  const pairs: { key: string; value: string }[] = [];
  for (const item of rawQuery.split('&')) {
    const at = item.indexOf('=');
    const rawKey = at < 0 ? item : item.substring(0, at);
    if (rawKey.length === 0) continue;
    pairs.push({ key: unquote(rawKey), value: at < 0 ? '' : unquote(item.substring(at + 1)) });
  }
  // Key, then value, in UTF-16 code unit order (as the official Node/Java SDKs sort).
  pairs.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  return pairs.map((p) => `${quote(p.key)}=${quote(p.value)}`).join('&');
}

/**
 * The canonical request the gateway computes for `req` and the given signed-header list.
 * Returns undefined when a signed header did not arrive.
 */
export function gatewayCanonicalRequest(req: WireRequest, signedHeaders: readonly string[]): string | undefined {
  const q = req.target.indexOf('?');
  const rawPath = q < 0 ? req.target : req.target.substring(0, q);
  const rawQuery = q < 0 ? '' : req.target.substring(q + 1);
  const lines: string[] = [];
  for (const name of signedHeaders) {
    const value = header(req.headers, name);
    if (value === undefined) return undefined;
    lines.push(`${name}:${value.trim()}`);
  }
  const declared = header(req.headers, 'x-sdk-content-sha256');
  const payloadHash = declared !== undefined ? declared.trim() : createHash('sha256').update(req.body).digest('hex');
  return [
    req.method,
    gatewayCanonicalUri(rawPath),
    gatewayCanonicalQuery(rawQuery),
    lines.join('\n') + '\n',
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function formatBasic(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function verifyHuawei(req: WireRequest, credentials: HuaweiCredentials | undefined, nowMs: number): Verdict {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) {
    return huaweiFailure('missing-credentials', 'APIG.0301', 'Incorrect IAM authentication information: x-auth-token not found');
  }
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match) {
    return huaweiFailure('bad-signature', 'APIG.0301', 'Incorrect IAM authentication information: verify aksk signature fail, Authorization header malformed');
  }
  const [, accessKey, signedList, signature] = match as unknown as [string, string, string, string];
  if (!credentials || accessKey !== credentials.accessKey) {
    return huaweiFailure('unknown-access-key', 'APIG.0301', `Incorrect IAM authentication information: Get secretKey failed,ak:${accessKey},err:ak not exist`);
  }
  const sdkDate = header(req.headers, 'x-sdk-date');
  const date = sdkDate === undefined ? undefined : SDK_DATE.exec(sdkDate.trim());
  if (!sdkDate || !date) {
    return huaweiFailure('bad-signature', 'APIG.0301', 'Incorrect IAM authentication information: verify aksk signature fail, x-sdk-date missing or malformed');
  }
  const [, y, mo, d, h, mi, s] = date.map(Number) as [number, number, number, number, number, number, number];
  const signedAt = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Math.abs(nowMs - signedAt) > HUAWEI_SKEW_MS) {
    return huaweiFailure(
      'expired',
      'APIG.0303',
      `Incorrect app authentication information: signature expired, signature time:${sdkDate.trim()},server time:${formatBasic(nowMs)}`,
    );
  }
  const signedHeaders = signedList.split(';');
  const sorted = [...signedHeaders].sort();
  if (
    !signedHeaders.includes('host') ||
    !signedHeaders.includes('x-sdk-date') ||
    signedHeaders.some((name, i) => name !== sorted[i] || name !== name.toLowerCase())
  ) {
    return huaweiFailure('bad-signature', 'APIG.0301', 'Incorrect IAM authentication information: verify aksk signature fail, SignedHeaders must be sorted lower-case names including host and x-sdk-date');
  }
  if (credentials.securityToken !== undefined) {
    if (header(req.headers, 'x-security-token') !== credentials.securityToken || !signedHeaders.includes('x-security-token')) {
      return huaweiFailure('bad-signature', 'APIG.0301', 'Incorrect IAM authentication information: verify aksk signature fail, x-security-token missing, wrong or unsigned');
    }
  }
  const canonical = gatewayCanonicalRequest(req, signedHeaders);
  if (canonical === undefined) {
    return huaweiFailure('bad-signature', 'APIG.0301', 'Incorrect IAM authentication information: verify aksk signature fail, a signed header is missing');
  }
  const stringToSign = `SDK-HMAC-SHA256\n${sdkDate.trim()}\n${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
  const expected = createHmac('sha256', credentials.secretKey).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(signature, 'hex');
  const redacted = redactToken(canonical);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    // Like APIG's own message, show the server's canonical request with "|" for newlines.
    return huaweiFailure(
      'bad-signature',
      'APIG.0301',
      `Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:${redacted.replaceAll('\n', '|')}`,
      redacted,
    );
  }
  return { ok: true, canonicalRequest: redacted };
}

function redactToken(canonical: string): string {
  return canonical.replace(/^x-security-token:.*$/m, 'x-security-token:<redacted>');
}

// --------------------------------------------------------------------------------------------
// Routes and server

const NAVER_ROUTE = /^\/ncr\/(api|sgn-api|jpn-api)\/v2\/repositories\/([^/]+)\/([^/]+)$/;
const HUAWEI_ROUTE = /^\/v5\/([^/]+)\/image\/([^/]+)\/basic-image$/;
// The listings: registries, a registry's images, an image's tags, one tag; ListRegistryImages.
const NAVER_LIST_ROUTE = /^\/ncr\/(api|sgn-api|jpn-api)\/v2\/repositories(?:\/([^/]+)(?:\/([^/]+)\/tags(?:\/([^/]+))?)?)?$/;
const HUAWEI_LIST_ROUTE = /^\/v5\/([^/]+)\/image\/registries\/images$/;

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function decodedQuery(rawQuery: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQuery.replaceAll('+', '%2B'))) {
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

function naverImageBody(region: string, registry: string, imageName: string) {
  // Shaped like NAVER's "Get image details" response example; name/namespace echo the decoded path.
  return {
    can_edit: true,
    description: `image in ${region}`,
    full_description: 'Naver Cloud Platform Docker',
    is_automated: null,
    is_private: null,
    last_updated: 1711928488000,
    name: imageName,
    namespace: registry,
    private_id: '',
    pull_count: 0,
    repository_type: 'image',
    star_count: null,
    status: 0,
    tag_mutability_enabled: true,
    user: null,
  };
}

function huaweiBasicImageBody(projectId: string, imageId: string, query: Record<string, string | string[]>) {
  // Shaped like the HSS "Querying Basic Image Information" response example; `echo` (not a vendor
  // field) returns the decoded parameters so tests can see what arrived.
  return {
    total_num: 1,
    data_list: [
      {
        os_name: 'Debian',
        os_version: '9',
        layer_digest: 'sha256:27833a3ba0a545deda33bb01eaf95a14d05d43bf30bce9267d92d17f069fe897',
      },
    ],
    echo: { project_id: projectId, image_id: imageId, query },
  };
}

function naverListBody(route: RegExpExecArray, rawQuery: string) {
  // An empty page in NAVER's list shape (a tag: NAVER's tag shape); `echo` (not a vendor field) returns the
  // decoded path parameters and query so tests can see what arrived.
  const [, region, registry, imageName, reference] = route as unknown as [string, string, string?, string?, string?];
  const echo = {
    region,
    registry: registry === undefined ? null : decodeParam(registry),
    imageName: imageName === undefined ? null : decodeParam(imageName),
    reference: reference === undefined ? null : decodeParam(reference),
    query: decodedQuery(rawQuery),
  };
  return reference === undefined ? { count: 0, next: null, previous: null, results: [], echo } : { name: echo.reference, images: [], echo };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

export async function startVerifyingServer(options: VerifyingServerOptions = {}): Promise<VerifyingServer> {
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  warmUp();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const nowMs = now();
      res.setHeader('Date', new Date(nowMs).toUTCString());
      const wire: WireRequest = {
        method: req.method ?? 'GET',
        target: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      const q = wire.target.indexOf('?');
      const rawPath = q < 0 ? wire.target : wire.target.substring(0, q);
      const rawQuery = q < 0 ? '' : wire.target.substring(q + 1);
      /** Sends a JSON answer, checked against the vendor's spec (off it: recorded, and a 500 instead). */
      const reply = (status: number, body: unknown, headers: Record<string, string>, unspecified?: string) => {
        const answer = conformingAnswer({ method: wire.method, path: rawPath, status, body, unspecified });
        sendJson(res, answer.ok ? status : answer.status, answer.ok ? body : answer.body, headers);
      };
      const looksNaver = rawPath.startsWith('/ncr/') || header(wire.headers, 'x-ncp-iam-access-key') !== undefined;
      const vendor: Vendor = looksNaver ? 'naver' : 'huawei';
      const record = (status: number, outcome: Outcome, canonicalRequest?: string) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(wire.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        const entry: RecordedRequest = {
          vendor,
          method: wire.method,
          url: wire.target,
          headers,
          body: Buffer.from(wire.body).toString('utf8'),
          status,
          outcome,
        };
        if (canonicalRequest !== undefined) entry.canonicalRequest = canonicalRequest;
        requests.push(entry);
      };

      if (vendor === 'naver') {
        const vendorHeaders = { 'x-ncp-trace-id': randomBytes(16).toString('hex') };
        const route = wire.method === 'GET' ? NAVER_ROUTE.exec(rawPath) : null;
        const listRoute = wire.method === 'GET' && !route ? NAVER_LIST_ROUTE.exec(rawPath) : null;
        if (listRoute) {
          const verdict = verifyNaver(wire, options.naver, nowMs);
          record(verdict.ok ? 200 : verdict.status, verdict.ok ? 'ok' : verdict.outcome);
          reply(verdict.ok ? 200 : verdict.status, verdict.ok ? naverListBody(listRoute, rawQuery) : verdict.body, vendorHeaders);
          return;
        }
        if (!route) {
          record(404, 'not-found');
          reply(404, { error: { errorCode: '300', message: 'Not Found Exception', details: 'Request resource not found.' } }, vendorHeaders, 'an unknown resource: the gateway answers 404');
          return;
        }
        const verdict = verifyNaver(wire, options.naver, nowMs);
        if (!verdict.ok) {
          record(verdict.status, verdict.outcome);
          reply(verdict.status, verdict.body, vendorHeaders);
          return;
        }
        record(200, 'ok');
        const [, region, registry, imageName] = route as unknown as [string, string, string, string];
        reply(200, naverImageBody(region, decodeParam(registry), decodeParam(imageName)), vendorHeaders);
        return;
      }

      const requestId = randomBytes(16).toString('hex');
      const vendorHeaders = { 'X-Request-Id': requestId };
      const route = wire.method === 'GET' ? HUAWEI_ROUTE.exec(rawPath) : null;
      const listRoute = wire.method === 'GET' && !route ? HUAWEI_LIST_ROUTE.exec(rawPath) : null;
      if (!route && !listRoute) {
        record(404, 'not-found');
        reply(
          404,
          {
            error_code: 'APIG.0101',
            error_msg: 'The API does not exist or has not been published in the environment',
            request_id: requestId,
          },
          vendorHeaders,
          'an unknown API: the gateway answers 404',
        );
        return;
      }
      const verdict = verifyHuawei(wire, options.huawei, nowMs);
      if (!verdict.ok) {
        record(verdict.status, verdict.outcome, verdict.canonicalRequest);
        reply(verdict.status, { ...(verdict.body as object), request_id: requestId }, vendorHeaders);
        return;
      }
      record(200, 'ok', verdict.canonicalRequest);
      if (listRoute) {
        // An empty ListRegistryImages page; `echo` as for the basic-image route.
        const echo = { project_id: decodeParam(listRoute[1]!), query: decodedQuery(rawQuery) };
        reply(200, { total_num: 0, data_list: [], echo }, vendorHeaders);
        return;
      }
      const [, projectId, imageId] = route as unknown as [string, string, string];
      reply(200, huaweiBasicImageBody(decodeParam(projectId), decodeParam(imageId), decodedQuery(rawQuery)), vendorHeaders);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** What `fn` returned, and the requests `target` received while it ran. */
export async function received<T>(target: VerifyingServer, fn: () => Promise<T>): Promise<{ result: T; requests: RecordedRequest[] }> {
  const before = target.requests.length;
  const result = await fn();
  return { result, requests: target.requests.slice(before) };
}
