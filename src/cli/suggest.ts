// "Did you mean": the known word closest to a mistyped one, by edit distance (optimal string alignment:
// Damerau–Levenshtein with adjacent transpositions, so `inventroy` is one edit from `inventory`), compared
// without case (`KR` is `kr`). Close means at most 2 edits, 1 for words of up to 3 characters (`us` is not
// a misspelling of `kr`).

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** The candidate closest to `given` (the first of equals), when it is close enough to be a typo of it. */
export function closest(given: string, candidates: Iterable<string>): string | undefined {
  const word = given.toLowerCase();
  const limit = word.length <= 3 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** ` (did you mean "x"?)`, or '' when nothing is close. `show` spells the candidate (default: quoted). */
export function didYouMean(given: string, candidates: Iterable<string>, show: (candidate: string) => string = (c) => `"${c}"`): string {
  const found = closest(given, candidates);
  return found === undefined ? '' : ` (did you mean ${show(found)}?)`;
}
