// NAVER signature v2 vectors. The expected signatures are computed here, independently of
// src/auth, straight from NAVER's documented algorithm (api.ncloud-docs.com/docs/common-ncpapi,
// "makeSignature": method + " " + url + "\n" + timestamp + "\n" + accessKey, HmacSHA256, Base64).
// NAVER's docs give the algorithm and a sample request target ("/photos/puppy.jpg?query1=&query2")
// but no resulting signature, so the first vector uses their target with our own keys.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCrypto } from '../../src/auth/crypto.js';
import { naverPathAndQuery, naverStringToSign, signNaverRequest } from '../../src/vendors/naver/signer.js';

const accessKey = 'ncp_iam_BPAMKR1ek0I6SMTtgW8h';
const secretKey = 'ncp_iam_BPKMKRHZ2cMw4dYX2XNCEjyjW3MVfpwWgP';

function documented(method: string, url: string, timestamp: number, ak: string, sk: string): string {
  const space = ' ';
  const newLine = '\n';
  const message = method + space + url + newLine + String(timestamp) + newLine + ak;
  return createHmac('sha256', Buffer.from(sk, 'utf8')).update(Buffer.from(message, 'utf8')).digest('base64');
}

const vectors: { name: string; method: string; pathAndQuery: string; timestampMs: number }[] = [
  { name: "NAVER's documented sample target", method: 'GET', pathAndQuery: '/photos/puppy.jpg?query1=&query2', timestampMs: 1505290625682 },
  { name: 'NCR image with an encoded "/" in its name', method: 'GET', pathAndQuery: '/ncr/api/v2/repositories/my-registry/team%2Fapp', timestampMs: 1711928488000 },
  { name: 'Singapore base path with a query in original order', method: 'GET', pathAndQuery: '/ncr/sgn-api/v2/repositories/my-registry/app?pageSize=20&page=1', timestampMs: 1711928488123 },
  { name: 'Japan base path, UTF-8 image name and encoded space in the query', method: 'GET', pathAndQuery: '/ncr/jpn-api/v2/repositories/reg/%ED%95%9C%EA%B8%80%2Fv1?q=a%20b%2Bc', timestampMs: 1 },
  { name: 'lower-case method is signed upper-case', method: 'delete', pathAndQuery: '/ncr/api/v2/repositories/r/i', timestampMs: 1700000000000 },
];

describe('signNaverRequest', () => {
  const web = createCrypto({ node: false });

  for (const v of vectors) {
    it(`matches the documented algorithm: ${v.name}`, async () => {
      const expected = documented(v.method.toUpperCase(), v.pathAndQuery, v.timestampMs, accessKey, secretKey);
      const input = { ...v, accessKey, secretKey };
      const headers = signNaverRequest(input);
      expect(headers).toEqual({
        'x-ncp-apigw-timestamp': String(v.timestampMs),
        'x-ncp-iam-access-key': accessKey,
        'x-ncp-apigw-signature-v2': expected,
      });
      // The WebCrypto path (edge runtimes) gives the same headers.
      expect(await signNaverRequest(input, web)).toEqual(headers);
      expect(naverStringToSign(input)).toBe(`${v.method.toUpperCase()} ${v.pathAndQuery}\n${v.timestampMs}\n${accessKey}`);
    });
  }

  it('pins one vector as a literal so a change in the test helper cannot hide a regression', () => {
    const headers = signNaverRequest({
      method: 'GET',
      pathAndQuery: '/ncr/api/v2/repositories/my-registry/team%2Fapp',
      timestampMs: 1711928488000,
      accessKey,
      secretKey,
    });
    expect(headers).toEqual({
      'x-ncp-apigw-timestamp': '1711928488000',
      'x-ncp-iam-access-key': accessKey,
      // base64(HMAC-SHA256(secretKey, "GET /ncr/api/v2/repositories/my-registry/team%2Fapp\n1711928488000\n" + accessKey))
      'x-ncp-apigw-signature-v2': '3keqI65WqPnkl4LYND1AM7exVmEYEtcc2dDdvhCBnL4=',
    });
  });

  it('a fractional clock value (performance.timeOrigin + performance.now()) signs its whole milliseconds', async () => {
    const input = { method: 'GET', pathAndQuery: '/ncr/api/v2/repositories/r/i', accessKey, secretKey };
    const expected = {
      'x-ncp-apigw-timestamp': '1711928488000',
      'x-ncp-iam-access-key': accessKey,
      'x-ncp-apigw-signature-v2': documented('GET', input.pathAndQuery, 1711928488000, accessKey, secretKey),
    };
    for (const timestampMs of [1711928488000.25, 1711928488000.999]) {
      expect(signNaverRequest({ ...input, timestampMs })).toEqual(expected);
      expect(await signNaverRequest({ ...input, timestampMs }, createCrypto({ node: false }))).toEqual(expected);
      expect(naverStringToSign({ ...input, timestampMs })).toBe(`GET ${input.pathAndQuery}\n1711928488000\n${accessKey}`);
    }
  });

  it('names the missing or bad field and never echoes a secret', () => {
    const base = { method: 'GET', pathAndQuery: '/ncr/api/v2/repositories/r/i', timestampMs: 1, accessKey, secretKey };
    expect(() => signNaverRequest({ ...base, secretKey: '' })).toThrow(/secretKey is required/);
    expect(() => signNaverRequest({ ...base, accessKey: '' })).toThrow(/accessKey is required/);
    expect(() => signNaverRequest({ ...base, pathAndQuery: 'ncr/api' })).toThrow(/pathAndQuery/);
    expect(() => signNaverRequest({ ...base, pathAndQuery: '/a b' })).toThrow(/pathAndQuery/);
    expect(() => signNaverRequest({ ...base, timestampMs: -1 })).toThrow(/timestampMs/);
    expect(() => signNaverRequest({ ...base, timestampMs: Number.NaN })).toThrow(/timestampMs/);
    expect(() => signNaverRequest({ ...base, timestampMs: Number.POSITIVE_INFINITY })).toThrow(/timestampMs/);
    expect(() => signNaverRequest({ ...base, method: '' })).toThrow(/method/);
    expect(() => signNaverRequest({ ...base, accessKey: 'a\nb' })).toThrow(/accessKey must not contain line breaks/);
    try {
      signNaverRequest({ ...base, accessKey: '' });
    } catch (error) {
      expect(String(error)).not.toContain(secretKey);
    }
  });
});

describe('naverPathAndQuery', () => {
  it('returns the path and query exactly as fetch sends them', () => {
    expect(naverPathAndQuery(new URL('https://ncr.apigw.ntruss.com/ncr/api/v2/repositories/my-registry/team%2Fapp'))).toBe(
      '/ncr/api/v2/repositories/my-registry/team%2Fapp',
    );
    expect(naverPathAndQuery('https://ncr.apigw.ntruss.com/ncr/sgn-api/v2/repositories/r/i?z=1&a=a%20b#frag')).toBe(
      '/ncr/sgn-api/v2/repositories/r/i?z=1&a=a%20b',
    );
    // What the WHATWG URL parser (and so fetch) does to unencoded input is what gets signed.
    expect(naverPathAndQuery('https://ncr.apigw.ntruss.com/ncr/api/v2/repositories/r/한 글')).toBe(
      '/ncr/api/v2/repositories/r/%ED%95%9C%20%EA%B8%80',
    );
    expect(naverPathAndQuery('/ncr/api/v2/repositories/r/i?page=2')).toBe('/ncr/api/v2/repositories/r/i?page=2');
  });
});
