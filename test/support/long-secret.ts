// Long secrets for the redaction checks: an IAM-token-sized value, and a search for any long piece of it.
import { randomBytes } from 'node:crypto';

/** A random token of `length` characters in the base64 alphabet, shaped like a Huawei IAM (PKI) token. */
export function longToken(length = 6_000): string {
  return `MIIZ${randomBytes(length).toString('base64').replace(/=+$/, '')}`.slice(0, length);
}

/** The first `size`-character piece of `secret` that occurs in `text`, or `undefined`. */
export function shownFragment(text: string, secret: string, size = 32): string | undefined {
  const pieces = new Set<string>();
  for (let i = 0; i + size <= text.length; i++) pieces.add(text.slice(i, i + size));
  for (let i = 0; i + size <= secret.length; i++) {
    const piece = secret.slice(i, i + size);
    if (pieces.has(piece)) return piece;
  }
  return undefined;
}
