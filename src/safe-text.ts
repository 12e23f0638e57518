// Untrusted text made safe to carry in an error: every known secret and credential-looking value replaced
// by `[REDACTED]`, and every field bounded in length.

export const REDACTED = '[REDACTED]';

/** Returns `text` with every known secret and every credential-looking value replaced by `[REDACTED]`. */
export type Redactor = (text: string) => string;

/** Secrets shorter than this are not matched literally (they would shred ordinary words); patterns still apply. */
const MIN_SECRET_LENGTH = 3;

// Header-like `name: value`, `name=value`, `"name":"value"`, `name => value` (inspect of a Map/Headers).
const CREDENTIAL_FIELD =
  /((?:proxy-)?authorization|x-auth-token|x-subject-token|x-security-token|x-amz-security-token|x-ncp-apigw-signature-v2|x-ncp-iam-access-key|x-api-key|api[-_]?key|access[-_]?token|refresh[-_]?token|client[-_]?secret|secret[-_]?(?:access[-_]?)?key|password|set-cookie|cookie)(\\?["']?\s*(?:=>|:|=)\s*\\?["']?)([^"'\r\n\\&]+)/gi;
// Scheme tokens wherever they appear: `Bearer x`, `APIKey x` (Gcore), `Basic x`.
const CREDENTIAL_SCHEME = /\b(Bearer|APIKey|Basic|Digest)(\s+)([^\s"',;\\]+)/gi;
// Signature parameters: Huawei `SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=<hex>`, query signatures.
const SIGNATURE_PARAM = /\b(signature|x-amz-signature|sig|token|key|secret)(=)([^\s,"'&;\\]+)/gi;

function replaceValue(_m: string, name: string, sep: string): string {
  return name + sep + REDACTED;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Applies only the credential patterns (no known values). */
export const defaultRedactor: Redactor = (text) =>
  text.replace(CREDENTIAL_FIELD, replaceValue).replace(CREDENTIAL_SCHEME, replaceValue).replace(SIGNATURE_PARAM, replaceValue);

/**
 * Builds a redactor from known secret values (tokens, keys, secret keys, static header values) plus the
 * credential patterns. Each secret is also matched in its URL-encoded and JSON-escaped spellings.
 */
export function createRedactor(secrets: readonly (string | null | undefined)[] = []): Redactor {
  const variants = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length < MIN_SECRET_LENGTH) continue;
    variants.add(s);
    variants.add(encodeURIComponent(s));
    variants.add(JSON.stringify(s).slice(1, -1));
  }
  if (variants.size === 0) return defaultRedactor;
  const literal = new RegExp([...variants].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  return (text) => defaultRedactor(text.replace(literal, REDACTED));
}

/** Cuts `text` to at most `max` characters (marking the cut). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[${text.length - max} more chars]`;
}

/** Redacts and bounds untrusted text. Redaction runs before the cut, on a window a bit larger than `max`. */
export function safeText(text: string, max: number, redact: Redactor): string {
  const window = text.length > max * 4 ? text.slice(0, max * 4) : text;
  return clip(redact(window), max);
}

/** Longest text kept per error field (characters). */
export const MAX_SNIPPET = 512;
export const MAX_MESSAGE = 1024;
export const MAX_CODE = 128;
export const MAX_REQUEST_ID = 256;
export const MAX_OPERATION = 512;
