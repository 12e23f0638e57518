// The two wires every transport test runs on: the Node default (undici's dispatcher, no `fetch` option)
// and the fetch transport (what a caller gets by passing `fetch`, and what edge runtimes use).
import type { FetchLike } from '../../src/types.js';

export type WireName = 'undici' | 'fetch';

/** [name, the `fetch` option that selects it]. */
export const WIRES: readonly (readonly [WireName, FetchLike | undefined])[] = [
  ['undici', undefined],
  ['fetch', (input, init) => globalThis.fetch(input, init)],
];
