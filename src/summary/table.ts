// Plain-text rendering of summaries: one summary as "field  value" lines (the CLI on a terminal), several
// side by side (npm start). Vendor strings are untrusted: control, bidi and separator characters are shown
// as `\uXXXX` text (safe-output.ts) so a body cannot repaint or reorder the terminal.
import { visibleText } from '../safe-output.js';
import type { ImageSummary } from './types.js';

const NONE = '-';

/** The rows shown for a summary, in display order: [label, text]. */
export function summaryRows(s: ImageSummary): [string, string][] {
  return [
    ['vendor', s.vendor],
    ['id', text(s.id)],
    ['repository', text(s.repository)],
    ['name', text(s.name)],
    ['tags', s.tags.length === 0 ? NONE : s.tags.join(', ')],
    ['digest', text(s.digest)],
    ['size', s.sizeBytes === null ? NONE : `${s.sizeBytes} B (${humanBytes(s.sizeBytes)})`],
    ['os', text(s.os)],
    ['os distro', text(s.osDistro)],
    ['os version', text(s.osVersion)],
    ['architecture', text(s.architecture)],
    ['status', text(s.status)],
    ['created', text(s.createdAt)],
    ['updated', text(s.updatedAt)],
    ['labels', joinOrNone(Object.entries(s.labels).map(([k, v]) => `${k}=${v}`))],
    ['base images', joinOrNone(s.baseImages.map((b) => [b.os, b.osVersion, b.layerDigest && `(${b.layerDigest})`].filter(Boolean).join(' ')))],
  ];
}

/** One summary: aligned `label  value` lines. */
export function renderSummary(s: ImageSummary): string {
  return renderTable(null, summaryRows(s), Infinity);
}

/** Several summaries side by side: one row per field, one column per summary; long cells are shortened. */
export function renderComparison(columns: readonly { title: string; summary: ImageSummary }[], maxCell = 24): string {
  // The titles name the vendors: the `vendor` row is left out.
  const perColumn = columns.map((c) => summaryRows(c.summary).filter(([label]) => label !== 'vendor'));
  const labels = perColumn[0]?.map(([label]) => label) ?? [];
  const rows = labels.map((label, i) => [label, ...perColumn.map((rows) => rows[i]?.[1] ?? NONE)]);
  return renderTable(['', ...columns.map((c) => c.title)], rows, maxCell);
}

function renderTable(header: string[] | null, rows: string[][], maxCell: number): string {
  const all = (header === null ? rows : [header, ...rows]).map((row) => row.map((cell, i) => (i === 0 ? visibleText(cell) : shorten(visibleText(cell), maxCell))));
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd();
  const out = all.map(line);
  if (header !== null) out.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  return out.join('\n') + '\n';
}

function text(value: string | null): string {
  return value ?? NONE;
}

function joinOrNone(values: string[]): string {
  return values.length === 0 ? NONE : values.join(', ');
}

function shorten(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
