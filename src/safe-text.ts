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

/**
 * One way of looking for fragments of secrets: in the text as it is, or with its whitespace skipped (an echo
 * split by spaces or line breaks, `abcd efgh …`, a wrapped line). `isFragment` knows the grams of the same view
 * of the secrets' spellings.
 */
interface FragmentScan {
  readonly squeezes: boolean;
  /** Is `gram` (SECRET_FRAGMENT_LENGTH characters of this view) part of some spelling of a secret? */
  isFragment(gram: string): boolean;
}

/** What a redactor built from known secrets knows about them, for cutting text without splitting one. */
interface KnownSecrets {
  /** Every spelling of every secret, longest first. */
  readonly variants: readonly string[];
  readonly scans: readonly FragmentScan[];
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

/** Space, tab, line breaks: what a server or a terminal puts inside an echo it splits or wraps. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

function hasSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isSpace(text.charCodeAt(i))) return true;
  return false;
}

/** `text` seen by a scan (whitespace removed or not), and where each of its characters stands in `text`. */
interface View {
  readonly text: string;
  at(index: number): number;
}

function viewOf(text: string, squeezes: boolean): View {
  if (!squeezes || !hasSpace(text)) return { text, at: (index) => index };
  const at: number[] = [];
  const kept: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) continue;
    at.push(i);
    kept.push(text[i] as string);
  }
  return { text: kept.join(''), at: (index) => at[index] as number };
}

/** Replaces every run of text covered by secret fragments (as the scan sees the text) with one REDACTED. */
function redactFragments(text: string, scan: FragmentScan): string {
  const view = viewOf(text, scan.squeezes);
  const seen = view.text;
  const last = seen.length - SECRET_FRAGMENT_LENGTH;
  let out = '';
  let copied = 0;
  for (let i = 0; i <= last; i++) {
    if (!scan.isFragment(seen.slice(i, i + SECRET_FRAGMENT_LENGTH))) continue;
    let end = i + SECRET_FRAGMENT_LENGTH;
    while (end <= seen.length - 1 && scan.isFragment(seen.slice(end - SECRET_FRAGMENT_LENGTH + 1, end + 1))) end++;
    out += text.slice(copied, view.at(i)) + REDACTED;
    copied = view.at(end - 1) + 1;
    i = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Secrets at least this long are also matched in their base64 and hex spellings (shorter ones would match by chance). */
const MIN_ENCODED_LENGTH = 8;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The base64 spellings of a secret: encoded alone (padding included), and, for each of the three byte offsets
 * it may have inside a longer encoded value (`user:<token>` in a Basic header, say), the characters that
 * depend on its bytes alone. Each also in the URL-safe alphabet without padding.
 */
function base64Spellings(bytes: Uint8Array): string[] {
  const spellings = [base64(bytes)];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = new Uint8Array(offset + bytes.length);
    shifted.set(bytes, offset);
    const total = shifted.length;
    // Leading characters mixing the bytes before it; trailing ones mixing the bytes after it.
    const start = [0, 2, 3][offset] as number;
    const end = Math.floor(total / 3) * 4 + (total % 3);
    spellings.push(base64(shifted).slice(start, end));
  }
  return [...spellings, ...spellings.map((b) => b.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))];
}

/** The hex spellings of a secret's UTF-8 bytes, lower and upper case. */
function hexSpellings(bytes: Uint8Array): string[] {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return [hex, hex.toUpperCase()];
}

/**
 * Builds a redactor from known secret values (tokens, keys, secret keys, static header values) plus the
 * credential patterns. Each secret is also matched in its URL-encoded and JSON-escaped spellings, and (from
 * 8 characters) in base64 (standard and URL-safe, at any byte offset) and hex; so is every run of
 * {@link SECRET_FRAGMENT_LENGTH} or more characters taken from one of those spellings, whitespace inside the
 * run skipped (an echo split by spaces or line breaks).
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
    if (s.length >= MIN_ENCODED_LENGTH) {
      const bytes = new TextEncoder().encode(s);
      for (const spelling of [...base64Spellings(bytes), ...hexSpellings(bytes)]) unique.add(spelling);
    }
  }
  if (unique.size === 0) return defaultRedactor;
  const variants = [...unique].sort((a, b) => b.length - a.length);
  // A long spelling is a run of its own fragments: the fragment scans find it whole, and go first so that a
  // short secret inside a long one cannot cut the long one's run into short pieces. The scan with whitespace
  // skipped finds split echoes of the spellings without whitespace (a header value `APIKey <key>` squeezed
  // would take the `ey` of a word before an echo of the key: the key alone is a secret too); the plain scan
  // finds the spellings that hold whitespace.
  // The short spellings are matched literally (one regular expression of the long ones would be too large).
  const long = variants.filter((v) => v.length > SECRET_FRAGMENT_LENGTH);
  const short = variants.filter((v) => v.length <= SECRET_FRAGMENT_LENGTH);
  const spaced = long.filter(hasSpace);
  const unspaced = long.filter((v) => !hasSpace(v));
  const scans: FragmentScan[] = [];
  if (spaced.length > 0) scans.push({ squeezes: false, isFragment: fragmentIndex(spaced) });
  if (unspaced.length > 0) scans.push({ squeezes: true, isFragment: fragmentIndex(unspaced) });
  const literal = short.length === 0 ? undefined : new RegExp(short.map(escapeRegExp).join('|'), 'g');
  const redact: Redactor = (text) => {
    let out = text;
    for (const scan of scans) out = redactFragments(out, scan);
    return defaultRedactor(literal === undefined ? out : out.replace(literal, REDACTED));
  };
  knownSecrets.set(redact, { variants, scans });
  return redact;
}

/** Cuts `text` to at most `max` characters, marking the cut with how many characters (plus `hidden`) were left out. */
export function clip(text: string, max: number, hidden = 0): string {
  if (text.length <= max && hidden === 0) return text;
  const kept = text.length <= max ? text : text.slice(0, max);
  return `${kept}…[${text.length - kept.length + hidden} more chars]`;
}

/** How far past a cut an echo split by whitespace is followed (its next 15 characters, whitespace between). */
const CUT_LOOKAHEAD = 256;

/**
 * Where to cut `text` at or before `end` so that no known secret and no run of its fragments crosses the
 * cut (a piece of a secret on our side of the cut would no longer match it).
 */
function cutOutsideSecrets(text: string, end: number, known: KnownSecrets): number {
  // The cut only moves back: one view per scan of the text up to a little past `end` serves every round.
  const views = known.scans.map((scan) => ({ scan, view: viewOf(text.slice(0, end + CUT_LOOKAHEAD), scan.squeezes) }));
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
    for (const { scan, view } of views) {
      // The view's characters before the cut: a run crossing it starts in the last SECRET_FRAGMENT_LENGTH - 1 of them.
      let before = view.text.length;
      while (before > 0 && view.at(before - 1) >= cut) before--;
      for (let i = Math.max(0, before - SECRET_FRAGMENT_LENGTH + 1); i < before; i++) {
        if (!scan.isFragment(view.text.slice(i, i + SECRET_FRAGMENT_LENGTH))) continue;
        // Back to the start of the run of fragments, which is redacted as a whole or not at all.
        while (i > 0 && scan.isFragment(view.text.slice(i - 1, i - 1 + SECRET_FRAGMENT_LENGTH))) i--;
        cut = view.at(i);
        moved = true;
        break;
      }
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
