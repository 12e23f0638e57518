// `#runtime` in the edge and browser builds: the web platform alone (see runtime-node.ts for Node's).
import type { SigningCrypto } from './auth/crypto.js';

/** The fetch wire has no timers of its own (WireTimeout is the Node wire's). */
export function isWireTimeout(_err: unknown): boolean {
  return false;
}

/** No util.inspect outside Node. */
export function inspectWithFields(_prototype: object): void {}

/** No listener warning threshold to lift outside Node. */
export function allowManyListeners(_signal: AbortSignal): void {}

/** No node:crypto: the signers use WebCrypto. */
export function nodeCrypto(): SigningCrypto | undefined {
  return undefined;
}
