// Shared by the transport and error tests: a fake secret, and every way an error gets printed or serialized.
import { inspect } from 'node:util';
import { expect } from 'vitest';

export const SECRET = 'SUPERSECRET-123';

export function renderings(err: unknown): string[] {
  const e = err as Error & { cause?: unknown };
  return [
    String(e?.message),
    String(e),
    String(e?.stack ?? ''),
    inspect(e),
    inspect(e, { depth: 10, showHidden: true }),
    JSON.stringify(e) ?? '',
    inspect(e?.cause, { depth: 10, showHidden: true }),
    JSON.stringify(e?.cause ?? null) ?? '',
    String((e?.cause as Error | undefined)?.stack ?? ''),
  ];
}

/** Asserts that no rendering of `err` (message, toString, stack, inspect, JSON, cause) contains a secret. */
export function expectNoSecret(err: unknown, secrets: readonly string[] = [SECRET]): void {
  for (const text of renderings(err)) for (const s of secrets) expect(text).not.toContain(s);
}
