// Huawei SDK-HMAC-SHA256: the documented worked example, byte for byte, and the canonicalization
// decisions explained at the top of src/vendors/huawei/signer.ts.
//
// Worked example: Huawei "API Request Signing Guide" (AK QTWAOYTTINDUT2QVKYUC):
//   https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-002.html (standard request)
//   https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-003.html (string to sign,
//     hashed canonical request b25362e6...)
//   https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-004.html (signature with
//     SK MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc: 7be66680...)
//   and the resulting header "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date,
//   Signature=7be66680..." (same guide; also asserted by huaweicloud-sdk-java-v3 TestAKSKSigner).
// The guide lists the canonical request's parts and publishes its SHA-256; the full text below hashes
// to exactly that value, so it is the documented canonical request.
import { createHash } from 'node:crypto';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import { describe, expect, it } from 'vitest';
import { createCrypto } from '../../src/auth/crypto.js';
import {
  formatSdkDate,
  huaweiCanonicalQuery,
  huaweiCanonicalUri,
  signHuaweiRequest,
  signHuaweiRequestDetailed,
  type HuaweiSignature,
  type HuaweiSignInput,
} from '../../src/vendors/huawei/signer.js';

const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const DOC_DATE = Date.UTC(2019, 10, 15, 3, 36, 55); // 20191115T033655Z

const docInput: HuaweiSignInput = {
  method: 'GET',
  url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  headers: { 'Content-Type': 'application/json' },
  date: DOC_DATE,
  accessKey: AK,
  secretKey: SK,
};

const DOC_CANONICAL_REQUEST = [
  'GET',
  '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
  'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  'content-type:application/json',
  'host:service.region.example.com',
  'x-sdk-date:20191115T033655Z',
  '',
  'content-type;host;x-sdk-date',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
].join('\n');
const DOC_HASHED_CANONICAL_REQUEST = 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a';
const DOC_SIGNATURE = '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe';
const DOC_AUTHORIZATION = `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-sdk-date, Signature=${DOC_SIGNATURE}`;

const sign = (input: HuaweiSignInput) => signHuaweiRequestDetailed(input) as HuaweiSignature;

describe("Huawei's documented worked example", () => {
  it('reproduces canonical request, string to sign, signature and Authorization byte for byte', () => {
    expect(createHash('sha256').update(DOC_CANONICAL_REQUEST).digest('hex')).toBe(DOC_HASHED_CANONICAL_REQUEST);
    const result = sign(docInput);
    expect(result.canonicalRequest).toBe(DOC_CANONICAL_REQUEST);
    expect(result.stringToSign).toBe(`SDK-HMAC-SHA256\n20191115T033655Z\n${DOC_HASHED_CANONICAL_REQUEST}`);
    expect(result.signature).toBe(DOC_SIGNATURE);
    expect(result.headers).toEqual({ 'X-Sdk-Date': '20191115T033655Z', Authorization: DOC_AUTHORIZATION });
    expect(signHuaweiRequest(docInput)).toEqual(result.headers);
  });

  it('gives the same result on the WebCrypto path', async () => {
    const web = await signHuaweiRequestDetailed(docInput, createCrypto({ node: false }));
    expect(web.signature).toBe(DOC_SIGNATURE);
    expect(web.headers).toEqual({ 'X-Sdk-Date': '20191115T033655Z', Authorization: DOC_AUTHORIZATION });
  });

  it('is also what the official Node SDK signer produces for that request', async () => {
    const credential = new BasicCredentials().withAk(AK).withSk(SK);
    const request = {
      endpoint: 'https://service.region.example.com',
      url: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs',
      method: 'GET',
      headers: { 'content-type': 'application/json', 'X-Sdk-Date': '20191115T033655Z' },
      queryParams: { limit: '2', marker: '13551d6b-755d-4757-b956-536f674975c0' },
    };
    const signed = (await credential.processAuthRequest({} as never, request as never)) as { headers: Record<string, string> };
    expect(signed.headers['Authorization']).toBe(DOC_AUTHORIZATION);
  });
});

describe('canonical query', () => {
  it('matches the official Go SDK vector (huaweicloud-sdk-go-v3 core/auth/signer/signer_test.go)', () => {
    const wire =
      '?limit=1&enable=true&test=' + encodeURIComponent('一 (&=?!#%.*)') + '&path=' + encodeURIComponent('/tmp/123') +
      '&multi=1&multi=2&multi=3';
    expect(huaweiCanonicalQuery(wire)).toBe(
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
    );
  });

  it('decodes once, treats "+" as a literal plus, sorts by key then value, encodes per RFC 3986', () => {
    expect(huaweiCanonicalQuery('?b=2&a=x%20y&a=x+y&c=%7e%2a')).toBe('a=x%20y&a=x%2By&b=2&c=~%2A');
    expect(huaweiCanonicalQuery('a-b=1&a=2&a_b=3')).toBe('a=2&a-b=1&a_b=3');
    expect(huaweiCanonicalQuery('k&=v&&x=')).toBe('k=&x=');
    expect(huaweiCanonicalQuery('x=a=b')).toBe('x=a%3Db');
    expect(huaweiCanonicalQuery('x=%zz&y=%E4')).toBe('x=%25zz&y=%EF%BF%BD');
    expect(huaweiCanonicalQuery('')).toBe('');
    expect(huaweiCanonicalQuery('?')).toBe('');
  });
});

describe('canonical URI', () => {
  it('always ends with "/" and keeps plain paths', () => {
    expect(huaweiCanonicalUri('/')).toBe('/');
    expect(huaweiCanonicalUri('/v5/p/image/i/basic-image')).toBe('/v5/p/image/i/basic-image/');
    expect(huaweiCanonicalUri('/v5/p/')).toBe('/v5/p/');
  });

  it('decodes the whole path once, then encodes each segment: %2F inside a parameter becomes a separator', () => {
    // Decision (see src/vendors/huawei/signer.ts): Huawei's reference verifiers decode before splitting.
    expect(huaweiCanonicalUri('/v5/p/image/team%2Fapp/basic-image')).toBe('/v5/p/image/team/app/basic-image/');
    expect(huaweiCanonicalUri('/v5/p/image/a%20b/basic-image')).toBe('/v5/p/image/a%20b/basic-image/');
    expect(huaweiCanonicalUri('/v5/p/image/a+b~c*d!e\'f(g)/x')).toBe('/v5/p/image/a%2Bb~c%2Ad%21e%27f%28g%29/x/');
    expect(huaweiCanonicalUri('/v5/%e4%b8%ad/%41')).toBe('/v5/%E4%B8%AD/A/');
    expect(huaweiCanonicalUri('/v5/100%25/x')).toBe('/v5/100%25/x/');
    expect(huaweiCanonicalUri('/v5/%zz/%C3')).toBe('/v5/%25zz/%EF%BF%BD/');
  });

  it('signs the URL as the WHATWG parser (so fetch) normalizes it', () => {
    const result = sign({ ...docInput, headers: undefined, url: 'https://h.example.com/v5/p/image/名 字/basic-image?q=a b' });
    expect(result.canonicalRequest.split('\n').slice(0, 3)).toEqual([
      'GET',
      '/v5/p/image/%E5%90%8D%20%E5%AD%97/basic-image/',
      'q=a%20b',
    ]);
  });
});

describe('canonical headers and payload', () => {
  const base: HuaweiSignInput = { method: 'get', url: 'https://hss.example.com:8443/v5/p/image/i/basic-image', date: DOC_DATE, accessKey: AK, secretKey: SK };

  it('signs host (with port), x-sdk-date and the sent headers, lower-case, trimmed, sorted; skips runtime-managed ones', () => {
    const result = sign({
      ...base,
      headers: {
        Region: ' cn-north-4 ',
        'X-Project-Id': 'p',
        'User-Agent': 'x',
        'Content-Length': '0',
        Authorization: 'old',
        'Accept-Encoding': 'gzip',
      },
    });
    expect(result.signedHeaders).toBe('host;region;x-project-id;x-sdk-date');
    expect(result.canonicalRequest).toContain('\nhost:hss.example.com:8443\nregion:cn-north-4\nx-project-id:p\nx-sdk-date:20191115T033655Z\n\n');
    expect(result.canonicalRequest.startsWith('GET\n')).toBe(true);
  });

  it('accepts Headers, entry lists and records alike', () => {
    const record = sign({ ...base, headers: { 'content-type': 'application/json', region: 'r' } });
    const headers = sign({ ...base, headers: new Headers({ 'Content-Type': 'application/json', Region: 'r' }) });
    const entries = sign({ ...base, headers: [['Region', 'r'], ['Content-Type', 'application/json']] });
    expect(headers.headers).toEqual(record.headers);
    expect(entries.headers).toEqual(record.headers);
  });

  it('signs and returns X-Security-Token for temporary credentials', () => {
    const result = sign({ ...base, securityToken: 'token-value' });
    expect(result.signedHeaders).toBe('host;x-sdk-date;x-security-token');
    expect(result.headers['X-Security-Token']).toBe('token-value');
    expect(sign(base).headers['X-Security-Token']).toBeUndefined();
  });

  it('hashes the body (string or bytes) and honours X-Sdk-Content-Sha256', async () => {
    const body = '{"name":"名字"}';
    const fromString = sign({ ...base, method: 'POST', body });
    const fromBytes = sign({ ...base, method: 'POST', body: new TextEncoder().encode(body) });
    expect(fromString.canonicalRequest.endsWith('\n' + createHash('sha256').update(body).digest('hex'))).toBe(true);
    expect(fromBytes.signature).toBe(fromString.signature);
    expect(await signHuaweiRequestDetailed({ ...base, method: 'POST', body }, createCrypto({ node: false }))).toEqual(fromString);
    const unsigned = sign({ ...base, method: 'POST', body, headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' } });
    expect(unsigned.canonicalRequest.endsWith('\nhost;x-sdk-content-sha256;x-sdk-date\nUNSIGNED-PAYLOAD')).toBe(true);
  });

  it('formats X-Sdk-Date in UTC', () => {
    expect(formatSdkDate(new Date('2024-02-29T23:59:59.999Z'))).toBe('20240229T235959Z');
    expect(formatSdkDate(0)).toBe('19700101T000000Z');
  });
});

describe('input validation', () => {
  const base: HuaweiSignInput = { method: 'GET', url: 'https://h.example.com/x', date: DOC_DATE, accessKey: AK, secretKey: SK };
  it('names the missing or bad field, never a secret value', () => {
    const cases: [Partial<HuaweiSignInput>, RegExp][] = [
      [{ accessKey: '' }, /accessKey is required/],
      [{ secretKey: '' }, /secretKey is required/],
      [{ accessKey: 'A K' }, /accessKey must not contain/],
      [{ securityToken: ' ' }, /securityToken must be a non-empty string/],
      [{ date: Number.NaN }, /date must be a valid Date/],
      [{ date: new Date('nope') }, /date must be a valid Date/],
      [{ url: '/relative' }, /url must be an absolute URL/],
      [{ method: 'G E T' }, /method/],
    ];
    for (const [patch, message] of cases) {
      let thrown: unknown;
      try {
        signHuaweiRequest({ ...base, ...patch } as HuaweiSignInput);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect(String(thrown)).toMatch(message);
      expect(String(thrown)).not.toContain(SK);
    }
  });
});
