// The one place that decides what untrusted text (vendor ids, names, tags, messages; echoed arguments) may
// not carry into output, and how it is escaped. The characters:
//   C0 controls U+0000–U+001F and DEL U+007F   ESC sequences, OSC window titles, BEL, NUL, CR, LF
//   C1 controls U+0080–U+009F                  U+009B is a one-character CSI on many terminals
//   bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069   they reorder what is shown
//   U+2028, U+2029                             line breaks to JavaScript, logs and some viewers
// Two ways to escape them:
//   visibleText  each becomes the six characters `\uXXXX` (table cells, CSV cells, stderr lines)
//   safeJson     in JSON text, each becomes a JSON `\uXXXX` escape: the text parses to the same value
//                and holds none of them raw (NDJSON, JSON, `get --json` on a terminal)

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

// In valid JSON text, raw C0 controls occur only as whitespace between tokens (tab, LF, CR), where an
// escape would not be JSON; everything else of the class occurs only inside strings, where `\uXXXX`
// stands for the same character. Tab and LF move no cursor anywhere it matters and stay; CR is dropped.
const UNSAFE_IN_JSON = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Untrusted text with every unsafe character shown as the visible text `\uXXXX`. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Untrusted text on one line: line breaks become spaces, every other unsafe character `\uXXXX`. */
export function oneLine(text: string): string {
  return visibleText(text.replace(/\r?\n/g, ' '));
}

/** Valid JSON text (JSON.stringify's, or a vendor body that parsed) holding no unsafe character raw; the same value. */
export function safeJson(json: string): string {
  return json.replace(/\r/g, '').replace(UNSAFE_IN_JSON, escape);
}
