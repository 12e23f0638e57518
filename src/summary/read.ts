// Tolerant readers for vendor bodies. A summary is built from what actually arrived, which may not match
// the generated types (a vendor adds, renames or nulls a field): every reader takes `unknown` and returns
// a value of the promised type or null/empty. None of them throws.

export type Obj = Readonly<Record<string, unknown>>;

/** The value as a plain object, or undefined (null, arrays and primitives are not objects here). */
export function obj(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

/** A non-empty string (numbers are stringified: ids sometimes arrive as numbers), else null. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A finite, non-negative number (a size, a count), else null. */
export function size(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** The non-empty strings of an array, in order, without duplicates; anything else → []. */
export function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    const s = str(item);
    if (s !== null && !out.includes(s)) out.push(s);
  }
  return out;
}

/** The elements of an array that are objects; anything else → []. */
export function objects(value: unknown): Obj[] {
  if (!Array.isArray(value)) return [];
  const out: Obj[] = [];
  for (const item of value) {
    const o = obj(item);
    if (o !== undefined) out.push(o);
  }
  return out;
}

/** The distinct non-null values joined with ", " (several entries that disagree stay visible), or null. */
export function joinDistinct(values: readonly (string | null)[]): string | null {
  const distinct = [...new Set(values.filter((v): v is string => v !== null))];
  return distinct.length === 0 ? null : distinct.join(', ');
}
