/** "did you mean --out?": the nearest known name to a mistyped one, by edit distance. */

/**
 * The candidate nearest to `typed` by Levenshtein distance (insert, delete or change one
 * character), if it is near enough to be a typo: at most 1 edit for names of up to 4 characters,
 * else 2. Ties go to the earlier candidate. closest('ot', ['out', 'json']) → 'out'.
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const limit = typed.length <= 4 ? 1 : 2;
  let best: string | undefined,
    bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(typed.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Levenshtein distance, one row at a time (names are short). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
