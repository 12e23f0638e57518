import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  andThen,
  createCrypto,
  EMPTY_SHA256_HEX,
  getDefaultCrypto,
  hmacSha256,
  isPromise,
  sha256Hex,
  webCrypto,
} from '../../src/auth/crypto.js';

// process.getBuiltinModule exists from Node 20.16; older Node 20 runs the WebCrypto path everywhere.
const hasNodeCrypto = typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule === 'function';
const node = createCrypto();
const web = createCrypto({ node: false });

describe('crypto implementations', () => {
  it.skipIf(!hasNodeCrypto)('uses node:crypto by default on Node, synchronously', () => {
    expect(getDefaultCrypto().runtime).toBe('node');
    expect(node.runtime).toBe('node');
    expect(web.runtime).toBe('webcrypto');
    expect(webCrypto.runtime).toBe('webcrypto');
    const mac = hmacSha256('key', 'data', 'hex');
    expect(isPromise(mac)).toBe(false);
    expect(isPromise(sha256Hex('data'))).toBe(false);
    expect(isPromise(web.sha256Hex('data'))).toBe(true);
  });

  it('precomputes the empty-body hash', async () => {
    expect(EMPTY_SHA256_HEX).toBe(createHash('sha256').update('').digest('hex'));
    expect(await node.sha256Hex('')).toBe(EMPTY_SHA256_HEX);
    expect(await node.sha256Hex(new Uint8Array())).toBe(EMPTY_SHA256_HEX);
    expect(await web.sha256Hex('')).toBe(EMPTY_SHA256_HEX);
  });

  it('matches RFC 4231 HMAC-SHA256 test cases 2 and 6 on both paths', async () => {
    const case2 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(await node.hmacSha256('Jefe', 'what do ya want for nothing?', 'hex')).toBe(case2);
    expect(await web.hmacSha256('Jefe', 'what do ya want for nothing?', 'hex')).toBe(case2);
    // Test case 6: a 131-byte key, longer than the block size, is hashed first.
    const key6 = new Uint8Array(131).fill(0xaa);
    const data6 = 'Test Using Larger Than Block-Size Key - Hash Key First';
    const case6 = '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54';
    expect(await node.hmacSha256(key6, data6, 'hex')).toBe(case6);
    expect(await web.hmacSha256(key6, data6, 'hex')).toBe(case6);
  });

  it('node and WebCrypto paths agree with node:crypto createHmac/createHash (fast-check, 300 runs)', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const key = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
      fc.uint8Array({ minLength: 1, maxLength: 100 }),
    );
    await fc.assert(
      fc.asyncProperty(key, text, fc.constantFrom('hex' as const, 'base64' as const), async (k, data, encoding) => {
        const expected = createHmac('sha256', k).update(data, 'utf8').digest(encoding);
        expect(await node.hmacSha256(k, data, encoding)).toBe(expected);
        expect(await web.hmacSha256(k, data, encoding)).toBe(expected);
        const digest = createHash('sha256').update(data, 'utf8').digest('hex');
        expect(await node.sha256Hex(data)).toBe(digest);
        expect(await web.sha256Hex(data)).toBe(digest);
        const bytes = new TextEncoder().encode(data);
        expect(await node.sha256Hex(bytes)).toBe(digest);
        expect(await web.sha256Hex(bytes)).toBe(digest);
      }),
      { numRuns: 300, seed: 4231 },
    );
  });

  it('keeps the node HMAC right when keys alternate and messages grow past the scratch buffer', async () => {
    const keys = ['k1', 'another key', 'x'.repeat(65), 'ключ'];
    for (let round = 0; round < 3; round++) {
      for (const k of keys) {
        const data = 'm'.repeat(round * 900) + k;
        expect(await node.hmacSha256(k, data, 'base64')).toBe(createHmac('sha256', k).update(data).digest('base64'));
      }
    }
  });

  it('andThen stays synchronous for plain values and chains promises', async () => {
    expect(andThen(2, (n) => n * 3)).toBe(6);
    await expect(andThen(Promise.resolve(2), (n) => n * 3)).resolves.toBe(6);
  });
});
