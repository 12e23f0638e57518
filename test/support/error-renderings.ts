// Every way an error gets printed or serialized: what the no-secret-leak checks search.
import { inspect } from 'node:util';

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

/** The rejection reason of `promise`; fails when it fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}
