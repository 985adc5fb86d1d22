/**
 * Which columns the pane offers as groups (DOMAIN.md §14): any column the mapping does not use
 * whose sample holds few distinct values (a Region, Channel or Sales Rep — not ids, names or
 * amounts). Judged on the first rows the host read, so a long table costs nothing more.
 */
import type { CellValue } from '../core/types.js';

/** At most this many distinct values in the sample, and at most half as many as filled cells. */
export const MAX_GROUP_VALUES = 30;
const NUMBER = /^\s*[-+(]?[$€£]?\s*[\d.,\s]+%?\)?\s*$/;

/** Rows a host reads to judge the columns (besides the header). */
export const GROUP_SAMPLE_ROWS = 500;

/**
 * Headers of the columns to offer, in table order. `sample` is the header row followed by data
 * rows; `mapped` the headers the column mapping uses. A column qualifies with 2 … 30 distinct
 * non-blank values, no more than half its filled cells, and some text among them (a column of
 * numbers is a quantity or an amount far more often than a group).
 * Example: Customer | Region | Revenue with rows (A, North, 10), (B, North, 20), (C, South, 5),
 * (D, South, 7) and Customer, Revenue mapped → ['Region'].
 */
export function groupCandidates(sample: CellValue[][], mapped: readonly string[]): string[] {
  const headers = (sample[0] ?? []).map((h) => String(h ?? '').trim());
  const used = new Set(mapped);
  const out: string[] = [];
  headers.forEach((h, c) => {
    if (h === '' || used.has(h)) return;
    const seen = new Set<string>();
    let filled = 0,
      numbers = 0;
    for (let r = 1; r < sample.length; r++) {
      const v = sample[r]?.[c];
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
      filled++;
      if (typeof v === 'number' || (typeof v === 'string' && NUMBER.test(v))) numbers++;
      seen.add(typeof v === 'string' ? v.trim() : String(v));
      if (seen.size > MAX_GROUP_VALUES) return;
    }
    if (seen.size >= 2 && seen.size * 2 <= filled && numbers < filled) out.push(h);
  });
  return out;
}
