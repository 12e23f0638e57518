// The table of `list` and `inventory` (--format table): which columns, how wide, one line per image.
//   default   fits the terminal (stdout's width, at least MIN_WIDTH): the least useful columns are left out
//             first (UPDATED, OS/ARCH, DIGEST, CREATED, SIZE, TAGS), the others narrowed down to a floor;
//             long cells end in `…`; a digest shows its algorithm and first 12 hex digits, as `docker` does
//   --wide    every column, nothing cut, digests in full (lines may be longer than the terminal, and a
//             cell longer than its column pushes the rest of its line to the right)
//   --columns the columns named, in that order (fitted as above, or in full with --wide)
// Cells are untrusted text: every unsafe character is shown as `\uXXXX` (safe-output.ts).
import { visibleText } from '../safe-output.js';
import { humanBytes } from '../summary/table.js';
import type { ImageSummary } from '../summary/types.js';

interface Column {
  /** The name --columns takes. */
  readonly key: string;
  readonly title: string;
  /** Width when there is room, and the floor it may be narrowed to. */
  readonly width: number;
  readonly min: number;
  cell(s: ImageSummary, wide: boolean): string | null;
}

const COLUMNS: readonly Column[] = [
  { key: 'vendor', title: 'VENDOR', width: 6, min: 6, cell: (s) => s.vendor },
  { key: 'repository', title: 'REPOSITORY', width: 20, min: 12, cell: (s) => s.repository },
  { key: 'name', title: 'NAME', width: 28, min: 16, cell: (s) => s.name },
  { key: 'tags', title: 'TAGS', width: 20, min: 10, cell: (s) => (s.tags.length === 0 ? null : s.tags.join(',')) },
  { key: 'id', title: 'ID', width: 22, min: 16, cell: (s) => s.id },
  { key: 'digest', title: 'DIGEST', width: 19, min: 19, cell: (s, wide) => (wide || s.digest === null ? s.digest : shortDigest(s.digest)) },
  { key: 'size', title: 'SIZE', width: 10, min: 9, cell: (s) => (s.sizeBytes === null ? null : humanBytes(s.sizeBytes)) },
  { key: 'os/arch', title: 'OS/ARCH', width: 14, min: 12, cell: (s) => [s.os ?? s.osDistro, s.architecture].filter((v) => v !== null).join('/') || null },
  { key: 'created', title: 'CREATED', width: 24, min: 24, cell: (s) => s.createdAt },
  { key: 'updated', title: 'UPDATED', width: 24, min: 24, cell: (s) => s.updatedAt },
];

/** The names --columns takes, in the table's order. */
export const TABLE_COLUMNS: readonly string[] = COLUMNS.map((c) => c.key);

/** Left out first, in this order, when the terminal is narrow; the other columns always stay. */
const LEAST_USEFUL_FIRST = ['updated', 'os/arch', 'digest', 'created', 'size', 'tags'];

/** Narrower terminals are taken to be this wide (the columns that always stay fit it). */
export const MIN_WIDTH = 60;

const GAP = '  ';
/** `sha256:` and 64 hex digits. */
const FULL_DIGEST = 71;
const NONE = '-';

export interface TableOptions {
  /** The terminal's width; undefined when stdout is not a terminal (the columns' own widths are used). */
  width?: number | undefined;
  /** Every column (or those of `columns`), nothing cut. */
  wide?: boolean | undefined;
  /** The columns to show, by TABLE_COLUMNS name, in order. */
  columns?: readonly string[] | undefined;
}

export interface Table {
  header(): string;
  line(s: ImageSummary): string;
}

/** The table for `options`: its columns and their widths are fixed before the first line. */
export function createTable(options: TableOptions = {}): Table {
  const wide = options.wide === true;
  const chosen = options.columns === undefined ? COLUMNS : options.columns.map((key) => COLUMNS.find((c) => c.key === key) as Column);
  const layout = wide ? chosen.map((column) => ({ column, width: column.key === 'digest' ? FULL_DIGEST : column.width })) : fit(chosen, options.columns === undefined, options.width);
  const row = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const width = layout[i]?.width ?? 0;
        const fitted = wide ? cell : cut(cell, width);
        return fitted + ' '.repeat(Math.max(0, width - [...fitted].length));
      })
      .join(GAP)
      .trimEnd();
  return {
    header: () => `${row(layout.map(({ column }) => column.title))}\n`,
    line: (s) => `${row(layout.map(({ column }) => visibleText(column.cell(s, wide) ?? NONE)))}\n`,
  };
}

/**
 * The columns and widths that fit `width`: columns left out (least useful first, when `mayLeaveOut`) until
 * their floors fit, then widened in turns, one character each, up to their own widths.
 */
function fit(chosen: readonly Column[], mayLeaveOut: boolean, terminal: number | undefined): { column: Column; width: number }[] {
  if (terminal === undefined) return chosen.map((column) => ({ column, width: column.width }));
  const width = Math.max(terminal, MIN_WIDTH);
  const total = (columns: readonly Column[], of: (c: Column) => number) => columns.reduce((sum, c) => sum + of(c), 0) + GAP.length * (columns.length - 1);
  let columns = [...chosen];
  for (const key of mayLeaveOut ? LEAST_USEFUL_FIRST : []) {
    if (total(columns, (c) => c.min) <= width) break;
    columns = columns.filter((c) => c.key !== key);
  }
  const layout = columns.map((column) => ({ column, width: column.min }));
  let room = width - total(columns, (c) => c.min);
  for (let grew = true; room > 0 && grew; ) {
    grew = false;
    for (const entry of layout) {
      if (room === 0 || entry.width >= entry.column.width) continue;
      entry.width++;
      room--;
      grew = true;
    }
  }
  return layout;
}

function cut(cell: string, width: number): string {
  const chars = [...cell];
  return chars.length <= width ? cell : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** `sha256:` and the first 12 hex digits (what `docker images` shows); anything else as it is. */
function shortDigest(digest: string): string {
  const match = /^([a-z0-9]+:)([0-9a-f]{12})[0-9a-f]*$/.exec(digest);
  return match === null ? digest : `${match[1]}${match[2]}`;
}
