// Both crypto paths (node:crypto, WebCrypto) against references that share no code with them: published
// test vectors (RFC 4231 HMAC-SHA256, FIPS 180-2 SHA-256), and node:crypto's createHmac/createHash imported
// here directly. Neither path is ever compared only with itself.
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
  type SigningCrypto,
} from '../../src/auth/crypto.js';

// process.getBuiltinModule exists from Node 20.16; on older Node only the WebCrypto path exists (and is tested).
const hasNodeCrypto = typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule === 'function';
const paths: [string, SigningCrypto][] = [['WebCrypto', createCrypto({ node: false })]];
if (hasNodeCrypto) paths.push(['node:crypto', createCrypto({ node: true })]);

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));

/** RFC 4231 section 4: HMAC-SHA-256 test cases whose data is text (3 and 4 are raw bytes, 5 a truncated output). */
const RFC_4231: { name: string; key: Uint8Array | string; data: string; mac: string }[] = [
  { name: 'case 1', key: hex('0b'.repeat(20)), data: 'Hi There', mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' },
  { name: 'case 2', key: 'Jefe', data: 'what do ya want for nothing?', mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  {
    name: 'case 6 (a 131-byte key, hashed first)',
    key: hex('aa'.repeat(131)),
    data: 'Test Using Larger Than Block-Size Key - Hash Key First',
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'case 7',
    key: hex('aa'.repeat(131)),
    data: 'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe('crypto implementations', () => {
  it.skipIf(!hasNodeCrypto)('uses node:crypto by default on Node, synchronously', () => {
    expect(getDefaultCrypto().runtime).toBe('node');
    expect(paths.map(([, c]) => c.runtime)).toEqual(['webcrypto', 'node']);
    expect(webCrypto.runtime).toBe('webcrypto');
    expect(isPromise(hmacSha256('key', 'data', 'hex'))).toBe(false);
    expect(isPromise(sha256Hex('data'))).toBe(false);
    expect(isPromise(webCrypto.sha256Hex('data'))).toBe(true);
  });

  for (const [label, impl] of paths) {
    describe(label, () => {
      it('RFC 4231 HMAC-SHA256 test vectors', async () => {
        for (const v of RFC_4231) {
          expect(await impl.hmacSha256(v.key, v.data, 'hex'), v.name).toBe(v.mac);
          expect(await impl.hmacSha256(v.key, v.data, 'base64'), v.name).toBe(Buffer.from(v.mac, 'hex').toString('base64'));
        }
      });

      it('FIPS 180-2 SHA-256 vectors, and the empty-body constant', async () => {
        expect(await impl.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
        expect(await impl.sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
          '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
        );
        expect(await impl.sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
        expect(EMPTY_SHA256_HEX).toBe(createHash('sha256').update('').digest('hex'));
        expect(await impl.sha256Hex('')).toBe(EMPTY_SHA256_HEX);
        expect(await impl.sha256Hex(new Uint8Array())).toBe(EMPTY_SHA256_HEX);
      });

      it('agrees with createHmac/createHash imported directly from node:crypto (fast-check, 300 runs)', async () => {
        const text = fc.string({ unit: 'binary', maxLength: 300 });
        const key = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }), fc.uint8Array({ minLength: 1, maxLength: 100 }));
        await fc.assert(
          fc.asyncProperty(key, text, fc.constantFrom('hex' as const, 'base64' as const), async (k, data, encoding) => {
            expect(await impl.hmacSha256(k, data, encoding)).toBe(createHmac('sha256', k).update(data, 'utf8').digest(encoding));
            const digest = createHash('sha256').update(data, 'utf8').digest('hex');
            expect(await impl.sha256Hex(data)).toBe(digest);
            expect(await impl.sha256Hex(new TextEncoder().encode(data))).toBe(digest);
          }),
          { numRuns: 300, seed: 4231 },
        );
      });

      it('keeps results right when keys alternate (per-key caches)', async () => {
        const keys = ['k1', 'another key', 'x'.repeat(65), 'ключ'];
        for (let round = 0; round < 3; round++) {
          for (const k of keys) {
            const data = 'm'.repeat(round * 900) + k;
            expect(await impl.hmacSha256(k, data, 'base64')).toBe(createHmac('sha256', k).update(data).digest('base64'));
          }
        }
      });
    });
  }

  it('andThen stays synchronous for plain values and chains promises', async () => {
    expect(andThen(2, (n) => n * 3)).toBe(6);
    await expect(andThen(Promise.resolve(2), (n) => n * 3)).resolves.toBe(6);
  });
});
