// A look at JSON text before JSON.parse, in one linear pass: how deep it nests (JSON.parse, and any walk of
// what it returns, recurse: a document nested 100,000 levels deep must be refused, not overflow the stack),
// and the first object key given twice (JSON.parse keeps the last one silently). Strings are skipped
// whole, so brackets and quotes inside them count for nothing. The text need not be valid JSON: what is
// wrong with it is JSON.parse's to say.

export interface JsonScan {
  /** Offset of the bracket that opens one level more than allowed (the scan stops there). */
  tooDeepAt?: number;
  /** The first key given twice in one object: the object's path (`scopes[1]`, '' at the top) and the key. */
  duplicate?: { path: string; key: string };
}

/** One open object (`keys`) or array (`index`): enough to name where a duplicate is. */
interface Level {
  keys: Set<string> | undefined;
  key: string;
  index: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function scanJson(text: string, maxDepth: number): JsonScan {
  const open: Level[] = [];
  let duplicate: JsonScan['duplicate'];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end === -1) break;
      const level = open.at(-1);
      if (level?.keys !== undefined && duplicate === undefined && nextNonSpace(text, end + 1) === ':') {
        const key = keyOf(text.slice(i, end + 1));
        if (key === undefined) break;
        if (level.keys.has(key)) duplicate = { path: pathOf(open), key };
        level.keys.add(key);
        level.key = key;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (open.length >= maxDepth) return duplicate === undefined ? { tooDeepAt: i } : { tooDeepAt: i, duplicate };
      open.push({ keys: c === 0x7b ? new Set() : undefined, key: '', index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
    } else if (c === 0x2c /* , */) {
      const level = open.at(-1);
      if (level !== undefined && level.keys === undefined) level.index++;
    }
  }
  return duplicate === undefined ? {} : { duplicate };
}

/**
 * Whether JSON text nests arrays and objects deeper than `limit` (brackets inside strings do not count): the
 * depth part of {@link scanJson} alone, without its per-key work, for every response body.
 */
export function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i === -1) return false;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/** The offset of the quote that closes the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

function nextNonSpace(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return c;
  }
  return undefined;
}

/** The key as JSON.parse reads it (`"\u0061"` is `a`), or undefined for a malformed string. */
function keyOf(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/** The path of the innermost open object, e.g. `scopes[1]`. */
function pathOf(open: readonly Level[]): string {
  let path = '';
  for (let d = 0; d < open.length - 1; d++) {
    const level = open[d] as Level;
    path += level.keys === undefined ? `[${level.index}]` : path === '' ? level.key : `.${level.key}`;
  }
  return path;
}
