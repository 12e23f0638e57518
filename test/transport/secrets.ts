// Shared by the transport and error tests: a fake secret, and every way an error gets printed or serialized.
import { expect } from 'vitest';
import { renderings } from '../support/error-renderings.js';

export { rejectionOf as failure } from '../support/error-renderings.js';

export const SECRET = 'SUPERSECRET-123';

/** Asserts that no rendering of `err` (message, toString, stack, inspect, JSON, cause) contains a secret. */
export function expectNoSecret(err: unknown, secrets: readonly string[] = [SECRET]): void {
  for (const text of renderings(err)) for (const s of secrets) expect(text).not.toContain(s);
}
