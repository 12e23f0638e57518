// Streaming writers for a stream of ImageSummary (`cloud-images list`, and any command that prints many
// images): each summary is written as it arrives, waiting for the sink to drain when it asks to.
//
//   ndjson  one ImageSummary per line, `raw` (the vendor's item as received) included
//   json    one JSON array of the same objects; left open (invalid JSON) when the stream fails midway
//   csv     a header, then one row per image (no `raw`); quoting by csv-stringify, formula-like cells
//           (starting with = + - @ tab CR) prefixed with ' so a spreadsheet does not run them
//   table   fixed-width columns for a terminal (no `raw`)
//
// No format writes a control, bidi or separator character from a vendor raw (safe-output.ts): JSON
// formats carry them as JSON escapes (the same values), table and CSV cells as visible `\uXXXX` text.
import { stringify } from 'csv-stringify/sync';
import { safeJson, visibleText } from '../safe-output.js';
import type { ImageSummary } from '../summary/types.js';
import { humanBytes } from '../summary/table.js';

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
export async function writeSummaries(summaries: AsyncIterable<ImageSummary>, format: OutputFormat, sink: OutputSink): Promise<number> {
  const formatter = FORMATTERS[format];
  let count = 0;
  for await (const summary of summaries) {
    await write(sink, (count === 0 ? formatter.start() : '') + formatter.item(summary, count));
    count++;
  }
  await write(sink, (count === 0 ? formatter.start() : '') + formatter.end(count));
  return count;
}

interface Formatter {
  start(): string;
  item(summary: ImageSummary, index: number): string;
  end(count: number): string;
}

/** The CSV and table columns, in order: header and the cell of a summary. */
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

/** Table columns: title, width (the last one unpadded), cell. */
const TABLE: readonly (readonly [string, number, (s: ImageSummary) => string | null])[] = [
  ['VENDOR', 6, (s) => s.vendor],
  ['REPOSITORY', 20, (s) => s.repository],
  ['NAME', 28, (s) => s.name],
  ['TAGS', 20, (s) => (s.tags.length === 0 ? null : s.tags.join(','))],
  ['ID', 22, (s) => s.id],
  ['DIGEST', 19, (s) => s.digest],
  ['SIZE', 10, (s) => (s.sizeBytes === null ? null : humanBytes(s.sizeBytes))],
  ['OS/ARCH', 14, (s) => [s.os ?? s.osDistro, s.architecture].filter((v) => v !== null).join('/') || null],
  ['CREATED', 24, (s) => s.createdAt],
  ['UPDATED', 24, (s) => s.updatedAt],
];

const FORMATTERS: Record<OutputFormat, Formatter> = {
  ndjson: {
    start: () => '',
    item: (s) => `${safeJson(JSON.stringify(s))}\n`,
    end: () => '',
  },
  json: {
    start: () => '[',
    item: (s, index) => `${index === 0 ? '\n' : ',\n'}${safeJson(JSON.stringify(s))}`,
    end: (count) => (count === 0 ? ']\n' : '\n]\n'),
  },
  csv: {
    start: () => stringify([COLUMNS.map(([header]) => header)], CSV_OPTIONS),
    item: (s) => stringify([COLUMNS.map(([, cell]) => csvCell(cell(s)))], CSV_OPTIONS),
    end: () => '',
  },
  table: {
    start: () => tableHeader(),
    item: (s) => tableLine(s),
    end: (count) => `(${count} ${count === 1 ? 'image' : 'images'})\n`,
  },
};

/** A CSV cell: text with every unsafe character as visible `\uXXXX` (a line break too: one line a row). */
function csvCell(value: string | number | null): string | number {
  return typeof value === 'string' ? visibleText(value) : (value ?? '');
}

/** The table's header line (for a table printed piece by piece). */
export function tableHeader(): string {
  return `${tableRow(TABLE.map(([title]) => title))}\n`;
}

/** One summary as a table line. */
export function tableLine(s: ImageSummary): string {
  return `${tableRow(TABLE.map(([, , cell]) => visibleText(cell(s) ?? '-')))}\n`;
}

function tableRow(cells: readonly string[]): string {
  return cells
    .map((cell, i) => {
      const width = TABLE[i]?.[1] ?? 0;
      const chars = [...cell];
      if (i === cells.length - 1) return cell;
      const fitted = chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : cell;
      return fitted + ' '.repeat(Math.max(0, width - [...fitted].length));
    })
    .join('  ')
    .trimEnd();
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
