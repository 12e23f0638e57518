// HMAC-SHA256 and SHA-256 for the request signers.
//
// Two implementations with one interface, both the platform's own primitives (nothing cryptographic is
// assembled here):
// - node:crypto, in the Node builds (`#runtime`: runtime-node.ts). It is synchronous: a signer on Node never
//   allocates a promise.
// - WebCrypto (`crypto.subtle`), the fallback where there is no node:crypto. It is asynchronous.
// Results are typed `MaybePromise<T>` so callers await only when they actually got a promise.

import { nodeCrypto } from '#runtime';

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

// ---------------------------------------------------------------------------------------------
// WebCrypto

const encoder = new TextEncoder();

/** At most this many imported keys are kept per instance (one per secret in practice). */
const KEY_CACHE_LIMIT = 8;

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
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
  const node = nodeCrypto();
  if (node) return node;
  if (options.node === true) {
    throw new Error('node:crypto is not available here (needs process.getBuiltinModule, Node >= 20.16).');
  }
  return webImplementation();
}

/** The WebCrypto implementation, whatever the runtime. */
export const webCrypto: SigningCrypto = /* @__PURE__ */ webImplementation();

let defaultCrypto: SigningCrypto | undefined;

/** node:crypto when available, else WebCrypto; created on first use. */
export function getDefaultCrypto(): SigningCrypto {
  return (defaultCrypto ??= nodeCrypto() ?? webImplementation());
}

export function hmacSha256(key: string | Uint8Array, data: string, encoding: DigestEncoding): MaybePromise<string> {
  return getDefaultCrypto().hmacSha256(key, data, encoding);
}

export function sha256Hex(data: string | Uint8Array): MaybePromise<string> {
  return getDefaultCrypto().sha256Hex(data);
}
