import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  TimeoutError,
  ValidationError,
  toApiError,
} from '../../src/errors.js';
import { MAX_SNIPPET, REDACTED, createRedactor, defaultRedactor } from '../../src/safe-text.js';
import { vendorErrorFormats } from '../../src/vendor-errors.js';

const describeVendorError = {
  vercel: vendorErrorFormats.vercel.describe,
  gcore: vendorErrorFormats.gcore.describe,
  naver: vendorErrorFormats.naver.describe,
  huawei: vendorErrorFormats.huawei.describe,
};
const requestIdHeaders = { huawei: vendorErrorFormats.huawei.requestIdHeaders, vercel: vendorErrorFormats.vercel.requestIdHeaders };
import type { Vendor } from '../../src/types.js';
import { SECRET, expectNoSecret } from '../transport/secrets.js';

const VENDORS: Vendor[] = ['vercel', 'gcore', 'naver', 'huawei'];

describe('redaction', () => {
  const redact = createRedactor([SECRET]);

  it.each([
    ['Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['authorization=Bearer%20tok123', 'tok123'],
    ['{"Authorization":"APIKey 4242$secret"}', '4242$secret'],
    ['sent APIKey 99887766 to gcore', '99887766'],
    ['Bearer eyJhbGciOi.payload.sig', 'eyJhbGciOi.payload.sig'],
    [
      'Authorization: SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
      '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    ],
    ['SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=abcdef0123456789', 'abcdef0123456789'],
    ['x-ncp-apigw-signature-v2: WTPItrmMIfLUk/UyUIyoQbA/z5hq9o7xlmjMhaoqTpw=', 'WTPItrmMIfLUk/UyUIyoQbA/z5hq9o7xlmjMhaoqTpw='],
    ["headers: { 'x-auth-token': 'MIIEhwYJKoZIhvc' }", 'MIIEhwYJKoZIhvc'],
    ['X-Security-Token: gQpjbi1ub3J0aC00', 'gQpjbi1ub3J0aC00'],
    ['GET /x?access_token=tok999&page=1', 'tok999'],
    ['{\\"authorization\\":\\"Bearer inner\\"}', 'inner'],
    ['Map { "x-auth-token" => "t0ken-v" }', 't0ken-v'],
  ])('pattern %#: %s', (text, secret) => {
    const out = defaultRedactor(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('redacts known values in plain, URL-encoded and JSON-escaped spellings', () => {
    const odd = 'k3y/with+slash"quote';
    const r = createRedactor([odd, SECRET]);
    for (const text of [`x ${odd} y`, `x=${encodeURIComponent(odd)}`, JSON.stringify({ v: odd }), `tail${SECRET}tail`]) {
      const out = r(text);
      expect(out).not.toContain(odd);
      expect(out).not.toContain(encodeURIComponent(odd));
      expect(out).not.toContain(JSON.stringify(odd).slice(1, -1));
      expect(out).not.toContain(SECRET);
    }
  });

  it('leaves ordinary text alone', () => {
    expect(redact('Image img_123 not found in repository my-repo')).toBe('Image img_123 not found in repository my-repo');
    expect(redact('HSS.0011: the image does not exist')).toBe('HSS.0011: the image does not exist');
  });

  it('never lets a known secret through, whatever surrounds it (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), fc.string(), fc.string(), (secret, before, after) => {
        const r = createRedactor([secret]);
        expect(r(before + secret + after)).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ApiError family', () => {
  const redact = createRedactor([SECRET]);

  it('carries the vendor fields, bounded and redacted', () => {
    const err = new ApiError({
      vendor: 'vercel',
      operation: 'GET /v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}',
      status: 404,
      code: 'not_found',
      message: `Image not found (token ${SECRET})`,
      requestId: 'fra1::abc',
      bodySnippet: `{"error":{"message":"Bearer ${SECRET}"}}${'z'.repeat(5000)}`,
      redact,
    });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ApiError');
    expect(err.kind).toBe('http');
    expect(err.status).toBe(404);
    expect(err.code).toBe('not_found');
    expect(err.requestId).toBe('fra1::abc');
    expect(err.attempts).toBe(1);
    expect(err.bodySnippet!.length).toBeLessThanOrEqual(MAX_SNIPPET + 40);
    expect(String(err)).toBe(
      'ApiError: vercel GET /v1/vcr/repository/{idOrName}/images/{imageIdOrDigest} → 404 not_found: Image not found (token [REDACTED]) (request id fra1::abc)',
    );
    expectNoSecret(err);
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: 'ApiError', kind: 'http', status: 404, code: 'not_found', vendor: 'vercel' });
    expect(inspect(err)).toContain("code: 'not_found'");
  });

  it('names and kinds per subclass; the stack header shows the subclass name', () => {
    const base = { vendor: 'gcore' as const, operation: 'GET /x', message: 'm' };
    const cases: [ApiError, string, string][] = [
      [new ResponseParseError({ ...base, reason: 'malformed-json' }), 'ResponseParseError', 'parse'],
      [new NetworkError(base), 'NetworkError', 'network'],
      [new TimeoutError({ ...base, timeoutMs: 5, phase: 'headers' }), 'TimeoutError', 'timeout'],
      [new ResponseTooLargeError({ ...base, limitBytes: 1, receivedBytes: 2 }), 'ResponseTooLargeError', 'too-large'],
      [new ValidationError(base), 'ValidationError', 'validation'],
    ];
    for (const [err, name, kind] of cases) {
      expect(err).toBeInstanceOf(ApiError);
      expect(err.name).toBe(name);
      expect(err.kind).toBe(kind);
      expect(err.stack!.startsWith(`${name}: m`)).toBe(true);
      expect(JSON.parse(JSON.stringify(err)).kind).toBe(kind);
    }
  });

  it('ValidationError accepts a bare message and reports 0 attempts', () => {
    const err = new ValidationError('Missing vercel credential: pass `token` or set VERCEL_TOKEN. Nothing was sent.');
    expect(err.vendor).toBeUndefined();
    expect(err.attempts).toBe(0);
    expect(String(err)).toBe('ValidationError: Missing vercel credential: pass `token` or set VERCEL_TOKEN. Nothing was sent.');
  });

  it('keeps a sanitized cause: redacted messages and codes, no foreign frames, nested causes', () => {
    const inner = Object.assign(new Error(`connect ECONNRESET while sending Authorization: Bearer ${SECRET}`), { code: 'ECONNRESET', headers: { authorization: `Bearer ${SECRET}` } });
    const outer = new TypeError('fetch failed', { cause: inner });
    const err = new NetworkError({ vendor: 'naver', operation: 'GET /x', message: `Network error: ${inner.message}`, cause: outer, redact });
    const cause = err.cause as Error & { cause: Error & { code: string } };
    expect(cause).not.toBe(outer);
    expect(cause.name).toBe('TypeError');
    expect(cause.message).toBe('fetch failed');
    expect(cause.cause.code).toBe('ECONNRESET');
    expect(cause.cause.message).toContain(REDACTED);
    expect(cause.stack).toBe('TypeError: fetch failed');
    expect((cause.cause as unknown as Record<string, unknown>)['headers']).toBeUndefined();
    expectNoSecret(err);
  });

  it('strings in a cause are redacted too', () => {
    const err = new NetworkError({ vendor: 'huawei', operation: 'GET /x', message: 'x', cause: `X-Auth-Token: ${SECRET}`, redact });
    expectNoSecret(err);
  });
});

describe('describeVendorError', () => {
  const h = (init: Record<string, string> = {}) => new Headers(init);

  it('reads each vendor’s documented error body', () => {
    expect(describeVendorError.vercel({ error: { code: 'not_found', message: 'Image not found' } }, h({ 'x-vercel-id': 'fra1::iad1::x' }))).toEqual({
      code: 'not_found',
      message: 'Image not found',
      requestId: 'fra1::iad1::x',
    });
    expect(describeVendorError.gcore({ exception_class: 'ImageNotFound', message: 'Image 8cab not found' }, h({ 'x-request-id': 'g-1' }))).toEqual({
      code: 'ImageNotFound',
      message: 'Image 8cab not found',
      requestId: 'g-1',
    });
    expect(
      describeVendorError.naver({ error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' } }, h({ 'x-ncp-trace-id': 't-9' })),
    ).toEqual({ code: '200', message: 'Authentication Failed: Invalid authentication information.', requestId: 't-9' });
    expect(describeVendorError.huawei({ error_code: 'HSS.0011', error_msg: 'Image not found' }, h({ 'X-Request-Id': 'hw-7' }))).toEqual({
      code: 'HSS.0011',
      message: 'Image not found',
      requestId: 'hw-7',
    });
    // APIG answers with its own request_id in the body when there is no header
    expect(describeVendorError.huawei({ error_code: 'APIG.0303', error_msg: 'signature expired', request_id: 'b-1' }, h())).toEqual({
      code: 'APIG.0303',
      message: 'signature expired',
      requestId: 'b-1',
    });
  });

  it('falls back to common shapes', () => {
    expect(describeVendorError.gcore({ error: { code: 'E1', message: 'm' } }, h()).code).toBe('E1');
    expect(describeVendorError.vercel({ errors: [{ code: 'DENIED', message: 'no' }] }, h())).toMatchObject({ code: 'DENIED', message: 'no' });
    expect(describeVendorError.naver({ errorCode: 300, message: 'Not Found Exception' }, h())).toMatchObject({ code: '300', message: 'Not Found Exception' });
    expect(describeVendorError.huawei({ error: { code: 'IAM.0001', message: 'bad' } }, h())).toMatchObject({ code: 'IAM.0001', message: 'bad' });
    expect(describeVendorError.huawei('plain text body', h()).message).toBe('plain text body');
  });

  it('the request-id header list is one table, per vendor', () => {
    expect(requestIdHeaders.huawei).toContain('x-request-id');
    expect(requestIdHeaders.vercel).toContain('x-vercel-id');
  });

  it('never throws on untrusted bodies; the error built from any body keeps every field bounded (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VENDORS), fc.anything({ maxDepth: 4 }), (vendor, body) => {
        const info = describeVendorError[vendor](body, h());
        for (const v of [info.code, info.message, info.requestId]) expect(v === undefined || typeof v === 'string').toBe(true);
        const err = new ApiError({ vendor, message: info.message ?? 'HTTP 400', code: info.code, requestId: info.requestId });
        for (const v of [err.code, err.message, err.requestId]) expect((v ?? '').length).toBeLessThanOrEqual(1100);
      }),
      { numRuns: 500 },
    );
  });

  it('picks huge strings whole (the error redacts, then bounds them) and ignores wrong types', () => {
    const huge = 'm'.repeat(1_000_000);
    const info = describeVendorError.vercel({ error: { code: { nested: true }, message: huge } }, h());
    expect(info.code).toBeUndefined();
    expect(info.message).toBe(huge);
    expect(new ApiError({ vendor: 'vercel', message: info.message! }).message.length).toBeLessThan(1100);
    expect(describeVendorError.gcore(null, h())).toEqual({ code: undefined, message: undefined, requestId: undefined });
    expect(describeVendorError.naver([1, 2, 3], h())).toEqual({ code: undefined, message: undefined, requestId: undefined });
    expect(describeVendorError.huawei({ error_code: null, error_msg: ['x'] }, h())).toEqual({ code: undefined, message: undefined, requestId: undefined });
  });
});

describe('toApiError', () => {
  const op = 'GET /v5/{project_id}/image/{image_id}/basic-image';

  it('converts a parsed vendor body', () => {
    const response = new Response(null, { status: 400, headers: { 'X-Request-Id': 'hw-1' } });
    const err = toApiError('huawei', op, response, { error_code: 'HSS.0011', error_msg: 'image does not exist' });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).not.toBeInstanceOf(ResponseParseError);
    expect(err).toMatchObject({ vendor: 'huawei', operation: op, status: 400, code: 'HSS.0011', message: 'image does not exist', requestId: 'hw-1' });
    expect(err.bodySnippet).toContain('HSS.0011');
  });

  it('a raw-text error body (openapi-fetch could not parse it) becomes a ResponseParseError', () => {
    const response = new Response(null, { status: 502, headers: { 'content-type': 'text/html' } });
    const err = toApiError('vercel', 'GET /v1/x', response, '<html><body>502 Bad Gateway</body></html>');
    expect(err).toBeInstanceOf(ResponseParseError);
    expect((err as ResponseParseError).reason).toBe('unexpected-content-type');
    expect(err.status).toBe(502);
    expect(err.bodySnippet).toContain('502 Bad Gateway');
  });

  it('no body: the HTTP status speaks', () => {
    const err = toApiError('gcore', 'GET /x', new Response(null, { status: 503, statusText: 'Service Unavailable' }), undefined);
    expect(err.message).toBe('HTTP 503 Service Unavailable');
    expect(err.kind).toBe('http');
  });

  it('redacts secrets echoed by the vendor, given the secrets', () => {
    const response = new Response(null, { status: 401 });
    const err = toApiError('vercel', 'GET /x', response, { error: { code: 'forbidden', message: `token ${SECRET} is invalid` } }, { secrets: [SECRET] });
    expectNoSecret(err);
    expect(err.message).toBe('token [REDACTED] is invalid');
  });
});
