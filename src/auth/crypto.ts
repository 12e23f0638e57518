// HMAC-SHA256 and SHA-256 for the request signers.
//
// Two implementations with one interface:
// - node:crypto, reached through `process.getBuiltinModule` (Node >= 20.16) so that nothing here imports
//   `node:crypto` statically and the package still bundles for edge runtimes. It is synchronous: a
//   signer on Node never allocates a promise.
// - WebCrypto (`crypto.subtle`), the fallback where there is no node:crypto. It is asynchronous.
// Results are typed `MaybePromise<T>` so callers await only when they actually got a promise.

export type MaybePromise<T> = T | Promise<T>;

export type DigestEncoding = 'base64' | 'hex';

export interface SigningCrypto {
  /** Which implementation this is; the node one answers synchronously. */
  readonly runtime: 'node' | 'webcrypto';
  /** HMAC-SHA256 of `data` (UTF-8) under `key` (a string is taken as UTF-8). */
  hmacSha256(key: string | Uint8Array, data: string, encoding: DigestEncoding): MaybePromise<string>;
  /** Lower-case hex SHA-256 of `data` (a string is taken as UTF-8). */
  sha256Hex(data: string | Uint8Array): MaybePromise<string>;
}

/** SHA-256 of the empty string: the payload hash of every request without a body. */
export const EMPTY_SHA256_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Applies `fn` now when `value` is already there, or after it resolves. */
export function andThen<T, U>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(fn) : fn(value);
}

const encoder = new TextEncoder();

/** At most this many derived keys are kept per instance (one per secret in practice). */
const KEY_CACHE_LIMIT = 8;

// ---------------------------------------------------------------------------------------------
// node:crypto

interface NodeDigestLike {
  update(data: string | Uint8Array): NodeDigestLike;
  digest(encoding: DigestEncoding): string;
}

interface NodeCryptoLike {
  createHmac(algorithm: 'sha256', key: string | Uint8Array): NodeDigestLike;
  createHash(algorithm: 'sha256'): NodeDigestLike;
  /** One-shot hash (Node >= 20.12): several times cheaper than createHash/createHmac objects. */
  hash?: (algorithm: 'sha256', data: string | Uint8Array, outputEncoding: DigestEncoding | 'buffer') => string | Uint8Array;
}

function loadNodeCrypto(): NodeCryptoLike | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const mod = proc?.getBuiltinModule?.('node:crypto') as NodeCryptoLike | undefined;
    return mod && typeof mod.createHmac === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
}

function nodeImplementation(node: NodeCryptoLike): SigningCrypto {
  const oneShot = typeof node.hash === 'function' ? node.hash.bind(node) : undefined;
  const hmac = oneShot ? oneShotHmac(oneShot) : undefined;
  return {
    runtime: 'node',
    hmacSha256(key, data, encoding) {
      if (hmac && typeof key === 'string') return hmac(key, data, encoding);
      return node.createHmac('sha256', key).update(data).digest(encoding);
    },
    sha256Hex(data) {
      if (data.length === 0) return EMPTY_SHA256_HEX;
      return oneShot ? (oneShot('sha256', data, 'hex') as string) : node.createHash('sha256').update(data).digest('hex');
    },
  };
}

type OneShotHash = NonNullable<NodeCryptoLike['hash']>;

const BLOCK = 64;

/** Writes the bytes of a lower-case hex string into `out` at `offset`. */
function hexInto(hex: string, out: Uint8Array, offset: number): void {
  for (let i = 0, j = offset; i < hex.length; i += 2, j++) {
    const hi = hex.charCodeAt(i);
    const lo = hex.charCodeAt(i + 1);
    out[j] = (((hi > 57 ? hi - 87 : hi - 48) << 4) | (lo > 57 ? lo - 87 : lo - 48)) & 0xff;
  }
}

interface Pads {
  /** K ^ ipad as a string when every byte is ASCII (an ASCII key of at most 64 bytes), else undefined. */
  innerText: string | undefined;
  inner: Uint8Array;
  outer: Uint8Array;
}

/**
 * HMAC-SHA256 per RFC 2104 on top of the one-shot hash: H((K^opad) || H((K^ipad) || m)).
 * Creating an Hmac object per request costs more than both hashes together, and so does asking the hash
 * for a Buffer (allocating one costs twice the hash): the padded keys are computed once per secret, the
 * inner digest comes back as hex and is decoded into a reused buffer after K^opad. An ASCII key (the
 * usual secret) gives an ASCII K^ipad, hashed as one string with the message; other keys write the
 * message into a reused buffer. Synchronous, so the shared buffers cannot be observed half-written.
 * Tests check it against createHmac.
 */
function oneShotHmac(hash: OneShotHash): (key: string, data: string, encoding: DigestEncoding) => string {
  const pads = new Map<string, Pads>();
  let inner = new Uint8Array(BLOCK + 1024);
  let innerKey: string | undefined;
  const outer = new Uint8Array(BLOCK + 32);
  let outerKey: string | undefined;

  const padsFor = (key: string): Pads => {
    let entry = pads.get(key);
    if (!entry) {
      let keyBytes: Uint8Array = encoder.encode(key);
      if (keyBytes.length > BLOCK) keyBytes = hash('sha256', keyBytes, 'buffer') as Uint8Array;
      const ipad = new Uint8Array(BLOCK).fill(0x36);
      const opad = new Uint8Array(BLOCK).fill(0x5c);
      let ascii = true;
      for (let i = 0; i < keyBytes.length; i++) {
        ipad[i]! ^= keyBytes[i]!;
        opad[i]! ^= keyBytes[i]!;
        if (ipad[i]! > 0x7f) ascii = false;
      }
      if (pads.size >= KEY_CACHE_LIMIT) pads.clear();
      entry = { innerText: ascii ? String.fromCharCode(...ipad) : undefined, inner: ipad, outer: opad };
      pads.set(key, entry);
    }
    return entry;
  };

  return (key, data, encoding) => {
    const entry = padsFor(key);
    let innerHex: string;
    if (entry.innerText !== undefined) {
      innerHex = hash('sha256', entry.innerText + data, 'hex') as string;
    } else {
      const maxBytes = BLOCK + data.length * 3;
      if (inner.length < maxBytes) {
        inner = new Uint8Array(maxBytes);
        innerKey = undefined;
      }
      if (innerKey !== key) {
        inner.set(entry.inner, 0);
        innerKey = key;
      }
      const { written } = encoder.encodeInto(data, inner.subarray(BLOCK));
      innerHex = hash('sha256', inner.subarray(0, BLOCK + written), 'hex') as string;
    }
    if (outerKey !== key) {
      outer.set(entry.outer, 0);
      outerKey = key;
    }
    hexInto(innerHex, outer, BLOCK);
    return hash('sha256', outer, encoding) as string;
  };
}

// ---------------------------------------------------------------------------------------------
// WebCrypto

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + '=';
  }
  return out;
}

function toBytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  // A copy also turns a view over a SharedArrayBuffer into one WebCrypto accepts.
  return typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
}

function getSubtle(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!subtle) {
    throw new Error('No crypto available: neither node:crypto nor WebCrypto (crypto.subtle) exists in this runtime.');
  }
  return subtle;
}

function webImplementation(): SigningCrypto {
  // Importing a key costs more than the HMAC itself; string secrets are imported once.
  const keyCache = new Map<string, Promise<CryptoKey>>();
  const importKey = (key: string | Uint8Array): Promise<CryptoKey> => {
    const load = () =>
      getSubtle().importKey('raw', toBytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    if (typeof key !== 'string') return load();
    let cached = keyCache.get(key);
    if (!cached) {
      if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
      cached = load();
      cached.catch(() => keyCache.delete(key));
      keyCache.set(key, cached);
    }
    return cached;
  };
  return {
    runtime: 'webcrypto',
    async hmacSha256(key, data, encoding) {
      const cryptoKey = await importKey(key);
      const mac = new Uint8Array(await getSubtle().sign('HMAC', cryptoKey, toBytes(data)));
      return encoding === 'hex' ? toHex(mac) : toBase64(mac);
    },
    async sha256Hex(data) {
      if (data.length === 0) return EMPTY_SHA256_HEX;
      return toHex(new Uint8Array(await getSubtle().digest('SHA-256', toBytes(data))));
    },
  };
}

// ---------------------------------------------------------------------------------------------

export interface CreateCryptoOptions {
  /**
   * `false`: always WebCrypto (what an edge runtime gets; tests use it to compare both paths).
   * `true`: node:crypto or throw. Default: node:crypto when the runtime has it, else WebCrypto.
   */
  node?: boolean;
}

export function createCrypto(options: CreateCryptoOptions = {}): SigningCrypto {
  if (options.node === false) return webImplementation();
  const node = loadNodeCrypto();
  if (node) return nodeImplementation(node);
  if (options.node === true) {
    throw new Error('node:crypto is not available here (needs process.getBuiltinModule, Node >= 20.16).');
  }
  return webImplementation();
}

/** The WebCrypto implementation, whatever the runtime. */
export const webCrypto: SigningCrypto = webImplementation();

let defaultCrypto: SigningCrypto | undefined;

/** node:crypto when available, else WebCrypto; created on first use. */
export function getDefaultCrypto(): SigningCrypto {
  return (defaultCrypto ??= createCrypto());
}

export function hmacSha256(key: string | Uint8Array, data: string, encoding: DigestEncoding): MaybePromise<string> {
  return getDefaultCrypto().hmacSha256(key, data, encoding);
}

export function sha256Hex(data: string | Uint8Array): MaybePromise<string> {
  return getDefaultCrypto().sha256Hex(data);
}
