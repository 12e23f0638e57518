// Streaming writers for a stream of ImageSummary (`cloud-images list`, and any command that prints many
// images): each summary is written as it arrives, waiting for the sink to drain when it asks to.
//
//   ndjson  one ImageSummary per line, `raw` (the vendor's item as received) included
//   json    one JSON array of the same objects; left open (invalid JSON) when the stream fails midway
//   csv     a header, then one row per image (no `raw`); quoting by csv-stringify, formula-like cells
//           (starting with = + - @ tab CR) prefixed with ' so a spreadsheet does not run them
//   table   columns fitted to the terminal, or --wide / --columns (no `raw`): see table.ts
//
// No format writes a control, bidi or separator character from a vendor raw (safe-output.ts): JSON
// formats carry them as JSON escapes (the same values), table and CSV cells as visible `\uXXXX` text.
import { stringify } from 'csv-stringify/sync';
import { safeJson, visibleText } from '../safe-output.js';
import type { ImageSummary } from '../summary/types.js';
import { createTable, type TableOptions } from './table.js';

export const OUTPUT_FORMATS = ['ndjson', 'json', 'table', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A writable stream (process.stdout) or anything with `write`; `once` lets the writer wait for `drain`. */
export interface OutputSink {
  write(chunk: string): unknown;
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  removeListener?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

/**
 * Writes every summary of `summaries` in `format`, one at a time, as they arrive. Resolves to the number
 * written; an error of the stream is thrown after everything before it was written. The opening (CSV or
 * table header, `[`) waits for the first summary, or for the stream's successful end: a stream that fails
 * before its first summary (bad credentials, a refused parameter) leaves stdout empty.
 */
export async function writeSummaries(summaries: AsyncIterable<ImageSummary>, format: OutputFormat, sink: OutputSink, table: TableOptions = {}): Promise<number> {
  const { start, item, end } = formatter(format, table);
  let count = 0;
  for await (const summary of summaries) {
    await write(sink, (count === 0 ? start() : '') + item(summary, count));
    count++;
  }
  await write(sink, (count === 0 ? start() : '') + end(count));
  return count;
}

interface Formatter {
  start(): string;
  item(summary: ImageSummary, index: number): string;
  end(count: number): string;
}

/** The CSV columns, in order: header and the cell of a summary. */
const COLUMNS: readonly (readonly [string, (s: ImageSummary) => string | number | null])[] = [
  ['vendor', (s) => s.vendor],
  ['id', (s) => s.id],
  ['repository', (s) => s.repository],
  ['name', (s) => s.name],
  ['tags', (s) => s.tags.join(' ')],
  ['digest', (s) => s.digest],
  ['sizeBytes', (s) => s.sizeBytes],
  ['os', (s) => s.os],
  ['osDistro', (s) => s.osDistro],
  ['osVersion', (s) => s.osVersion],
  ['architecture', (s) => s.architecture],
  ['status', (s) => s.status],
  ['createdAt', (s) => s.createdAt],
  ['updatedAt', (s) => s.updatedAt],
  ['labels', (s) => (Object.keys(s.labels).length === 0 ? null : JSON.stringify(s.labels))],
  ['baseImages', (s) => (s.baseImages.length === 0 ? null : JSON.stringify(s.baseImages))],
];

const CSV_OPTIONS = { escape_formulas: true } as const;

function formatter(format: OutputFormat, table: TableOptions): Formatter {
  switch (format) {
    case 'ndjson':
      return { start: () => '', item: (s) => `${safeJson(JSON.stringify(s))}\n`, end: () => '' };
    case 'json':
      return {
        start: () => '[',
        item: (s, index) => `${index === 0 ? '\n' : ',\n'}${safeJson(JSON.stringify(s))}`,
        end: (count) => (count === 0 ? ']\n' : '\n]\n'),
      };
    case 'csv':
      return {
        start: () => stringify([COLUMNS.map(([header]) => header)], CSV_OPTIONS),
        item: (s) => stringify([COLUMNS.map(([, cell]) => csvCell(cell(s)))], CSV_OPTIONS),
        end: () => '',
      };
    case 'table': {
      const lines = createTable(table);
      return { start: () => lines.header(), item: (s) => lines.line(s), end: (count) => `(${count} ${count === 1 ? 'image' : 'images'})\n` };
    }
  }
}

/** A CSV cell: text with every unsafe character as visible `\uXXXX` (a line break too: one line a row). */
function csvCell(value: string | number | null): string | number {
  return typeof value === 'string' ? visibleText(value) : (value ?? '');
}

/** Writes a chunk; when the sink says its buffer is full, waits for `drain` (or for it to close or fail). */
function write(sink: OutputSink, chunk: string): Promise<void> | void {
  if (chunk === '') return;
  if (sink.write(chunk) !== false || sink.once === undefined) return;
  const once = sink.once.bind(sink);
  return new Promise<void>((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error'] as const) sink.removeListener?.(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error'] as const) once(event, done);
  });
}
