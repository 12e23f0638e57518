// `#runtime` in the Node builds: what Node offers beyond the web platform (edge and browser builds get
// runtime-web.ts instead, so none of this is in their bundles). Built-ins are looked up at run time
// (`process.getBuiltinModule`, Node >= 20.16): no module of this package imports `node:` statically.
import type { DigestEncoding, SigningCrypto } from './auth/crypto.js';
import { WireTimeout } from './transport/wire.js';

const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;

function builtin<T>(id: string): T | undefined {
  try {
    return proc?.getBuiltinModule?.(id) as T | undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The Node wire (undici)

/** The Node wire's own timer fired (undici's headersTimeout/bodyTimeout): the policy treats it as the attempt timeout. */
export function isWireTimeout(err: unknown): boolean {
  return err instanceof WireTimeout;
}

// ---------------------------------------------------------------------------------------------
// util.inspect

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type InspectFn = (value: unknown, options?: object) => string;

interface WithFields {
  readonly name: string;
  readonly message: string;
  readonly stack?: string | undefined;
  toJSON(): Record<string, unknown>;
}

/** Has util.inspect show an object's stack, then its toJSON fields that are set (name and message are in the stack). */
export function inspectWithFields(prototype: WithFields): void {
  Object.defineProperty(prototype, INSPECT, {
    value(this: WithFields, _depth: number, options: object, inspect?: InspectFn): string {
      const { name: _n, message: _m, ...fields } = this.toJSON();
      for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
      const shown = typeof inspect === 'function' ? inspect(fields, options) : JSON.stringify(fields);
      return `${this.stack ?? `${this.name}: ${this.message}`}\n${shown}`;
    },
    writable: true,
    configurable: true,
  });
}

// ---------------------------------------------------------------------------------------------
// node:events

interface NodeEvents {
  defaultMaxListeners: number;
  getMaxListeners(target: EventTarget): number;
  setMaxListeners(n: number, ...targets: EventTarget[]): void;
}

const nodeEvents = builtin<NodeEvents>('node:events');

/**
 * Many concurrent calls may share one caller signal (each attempt listens to it): lift Node's 10-listener
 * warning threshold the way undici does for signals given to fetch, unless the owner has set one.
 */
export function allowManyListeners(signal: AbortSignal): void {
  if (nodeEvents !== undefined && nodeEvents.getMaxListeners(signal) === nodeEvents.defaultMaxListeners) {
    nodeEvents.setMaxListeners(1500, signal);
  }
}

// ---------------------------------------------------------------------------------------------
// node:crypto: synchronous, so a signer on Node never allocates a promise

interface NodeDigestLike {
  update(data: string | Uint8Array): NodeDigestLike;
  digest(encoding: DigestEncoding): string;
}

interface NodeCryptoLike {
  createHmac(algorithm: 'sha256', key: string | Uint8Array): NodeDigestLike;
  createHash(algorithm: 'sha256'): NodeDigestLike;
  /** One-shot hash (Node >= 20.12): several times cheaper than a createHash object. */
  hash?: (algorithm: 'sha256', data: string | Uint8Array, outputEncoding: 'hex') => string;
}

/** The signers' crypto on node:crypto (`createHmac`, and `hash`/`createHash` for plain digests), or undefined without it. */
export function nodeCrypto(): SigningCrypto | undefined {
  const node = builtin<NodeCryptoLike>('node:crypto');
  if (!node || typeof node.createHmac !== 'function') return undefined;
  const oneShot = typeof node.hash === 'function' ? node.hash.bind(node) : undefined;
  return {
    runtime: 'node',
    hmacSha256(key, data, encoding) {
      return node.createHmac('sha256', key).update(data).digest(encoding);
    },
    sha256Hex(data) {
      return oneShot ? oneShot('sha256', data, 'hex') : node.createHash('sha256').update(data).digest('hex');
    },
  };
}
