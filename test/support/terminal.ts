// What a terminal shows for a stream of output: `\r` returns to the line's start, `ESC[2K` erases the line,
// `\n` ends it, other characters overwrite in place. Any other escape sequence is refused (the CLI writes
// none). Used to check that rows and the progress line never end up on one line.

/** The screen's lines for `text`; the last one is where the cursor is (empty when the text ends with `\n`). */
export function screenLines(text: string): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let column = 0;
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('\x1b[2K', i)) {
      line = Array.from({ length: column }, () => ' ');
      i += 4;
      continue;
    }
    const c = text[i++] as string;
    if (c === '\x1b') throw new Error(`unexpected escape sequence at ${i - 1}: ${JSON.stringify(text.slice(i - 1, i + 8))}`);
    if (c === '\r') column = 0;
    else if (c === '\n') {
      lines.push(line.join('').trimEnd());
      line = [];
      column = 0;
    } else line[column++] = c;
  }
  lines.push(line.join('').trimEnd());
  return lines;
}
