// Untrusted text made safe to carry in an error: every known secret, every long fragment of one, and every
// credential-looking value replaced by `[REDACTED]`; then every field bounded in length.

export const REDACTED = '[REDACTED]';

/** Returns `text` with every known secret and every credential-looking value replaced by `[REDACTED]`. */
export type Redactor = (text: string) => string;

/** Secrets shorter than this are not matched literally (they would shred ordinary words); patterns still apply. */
const MIN_SECRET_LENGTH = 3;

/**
 * Any run of at least this many characters that also occurs in a known secret is redacted, not only the
 * whole secret. A server that echoes part of a token (cut by its own limit, split across a line break,
 * quoted after a prefix) must not get that part into an error. 16 characters of a token are some 96 bits:
 * too long to occur by chance in ordinary text, long enough to be worth keeping out of logs. A secret of at
 * most this length is matched whole only.
 */
export const SECRET_FRAGMENT_LENGTH = 16;

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

/** What a redactor built from known secrets knows about them, for cutting text without splitting one. */
interface KnownSecrets {
  /** Every spelling of every secret, longest first. */
  readonly variants: readonly string[];
  /** Is `gram` (SECRET_FRAGMENT_LENGTH characters) part of some spelling of a secret? */
  isFragment(gram: string): boolean;
}

const knownSecrets = new WeakMap<Redactor, KnownSecrets>();

/** Every SECRET_FRAGMENT_LENGTH-character substring of the long spellings; built on first use (error paths only). */
function fragmentIndex(variants: readonly string[]): (gram: string) => boolean {
  let grams: Set<string> | undefined;
  return (gram) => {
    if (grams === undefined) {
      grams = new Set();
      for (const v of variants) {
        for (let i = 0; i + SECRET_FRAGMENT_LENGTH <= v.length; i++) grams.add(v.slice(i, i + SECRET_FRAGMENT_LENGTH));
      }
    }
    return grams.has(gram);
  };
}

/** Replaces every run of text covered by secret fragments with one REDACTED. */
function redactFragments(text: string, isFragment: (gram: string) => boolean): string {
  const last = text.length - SECRET_FRAGMENT_LENGTH;
  let out = '';
  let copied = 0;
  for (let i = 0; i <= last; i++) {
    if (!isFragment(text.slice(i, i + SECRET_FRAGMENT_LENGTH))) continue;
    let end = i + SECRET_FRAGMENT_LENGTH;
    while (end <= text.length - 1 && isFragment(text.slice(end - SECRET_FRAGMENT_LENGTH + 1, end + 1))) end++;
    out += text.slice(copied, i) + REDACTED;
    copied = end;
    i = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Builds a redactor from known secret values (tokens, keys, secret keys, static header values) plus the
 * credential patterns. Each secret is also matched in its URL-encoded and JSON-escaped spellings, and so is
 * every run of {@link SECRET_FRAGMENT_LENGTH} or more characters taken from one of those spellings.
 */
export function createRedactor(secrets: readonly (string | null | undefined)[] = []): Redactor {
  const unique = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length < MIN_SECRET_LENGTH) continue;
    unique.add(s);
    unique.add(JSON.stringify(s).slice(1, -1));
    try {
      unique.add(encodeURIComponent(s));
    } catch {
      // A lone surrogate has no URL-encoded spelling.
    }
  }
  if (unique.size === 0) return defaultRedactor;
  const variants = [...unique].sort((a, b) => b.length - a.length);
  const literal = new RegExp(variants.map(escapeRegExp).join('|'), 'g');
  const long = variants.filter((v) => v.length > SECRET_FRAGMENT_LENGTH);
  const isFragment = long.length === 0 ? () => false : fragmentIndex(long);
  const redact: Redactor =
    long.length === 0
      ? (text) => defaultRedactor(text.replace(literal, REDACTED))
      : (text) => defaultRedactor(redactFragments(text.replace(literal, REDACTED), isFragment));
  knownSecrets.set(redact, { variants, isFragment });
  return redact;
}

/** Cuts `text` to at most `max` characters, marking the cut with how many characters (plus `hidden`) were left out. */
export function clip(text: string, max: number, hidden = 0): string {
  if (text.length <= max && hidden === 0) return text;
  const kept = text.length <= max ? text : text.slice(0, max);
  return `${kept}…[${text.length - kept.length + hidden} more chars]`;
}

/**
 * Where to cut `text` at or before `end` so that no known secret and no run of its fragments crosses the
 * cut (a piece of a secret on our side of the cut would no longer match it).
 */
function cutOutsideSecrets(text: string, end: number, known: KnownSecrets): number {
  let cut = end;
  for (let moved = true; moved && cut > 0; ) {
    moved = false;
    for (const v of known.variants) {
      // An occurrence crossing the cut starts in (cut - v.length, cut).
      const from = Math.max(0, cut - v.length + 1);
      const at = text.slice(from, cut + v.length - 1).indexOf(v);
      if (at !== -1 && from + at < cut) {
        cut = from + at;
        moved = true;
      }
    }
    for (let i = Math.max(0, cut - SECRET_FRAGMENT_LENGTH + 1); i < cut; i++) {
      if (!known.isFragment(text.slice(i, i + SECRET_FRAGMENT_LENGTH))) continue;
      // Back to the start of the run of fragments, which is redacted as a whole or not at all.
      while (i > 0 && known.isFragment(text.slice(i - 1, i - 1 + SECRET_FRAGMENT_LENGTH))) i--;
      cut = i;
      moved = true;
      break;
    }
  }
  return cut;
}

/**
 * Redacts, then bounds untrusted text. Bodies can be megabytes, so redaction runs on a prefix: four times
 * `max` plus the longest secret spelling (a secret that starts inside the shown part is wholly inside it),
 * cut where no secret or fragment run crosses the cut.
 */
export function safeText(text: string, max: number, redact: Redactor): string {
  const known = knownSecrets.get(redact);
  const window = max * 4 + (known?.variants[0]?.length ?? 0);
  if (text.length <= window) return clip(redact(text), max);
  const cut = known === undefined ? window : cutOutsideSecrets(text, window, known);
  return clip(redact(text.slice(0, cut)), max, text.length - cut);
}

/** Longest text kept per error field (characters). */
export const MAX_SNIPPET = 512;
export const MAX_MESSAGE = 1024;
export const MAX_CODE = 128;
export const MAX_REQUEST_ID = 256;
export const MAX_OPERATION = 512;
