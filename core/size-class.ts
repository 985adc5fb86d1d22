/**
 * Size class by revenue (DOMAIN.md §3). Only customers with revenue > 0 take part.
 * - pareto: before(c) = revenue of customers with strictly greater revenue / total revenue;
 *   Large if before < 0.80, Medium if before < 0.95, else Small. Ties share a class.
 *   In a spreadsheet: SUMIF(rev, ">"&rev_c) / SUM(rev).
 * - terciles: rank(c) = customers with strictly greater revenue; Large if rank < n/3,
 *   Medium if rank < 2n/3, else Small.
 * - fixed: Large if revenue ≥ large, Medium if revenue ≥ medium, else Small.
 */
import { suffixSums } from './exact-sum.js';
import type { Settings } from './settings.js';

/** Class codes: 0 Large, 1 Medium, 2 Small, -1 not in the matrix (revenue ≤ 0). */
export const NO_CLASS = -1;

/**
 * One O(n log n) pass: sorts the positive revenues once, then places each customer by binary search.
 * Example: revenues [50, 30, 15, 5] → before = [0, .5, .8, .95] → Large, Large, Medium, Small.
 */
export function sizeClasses(revenue: Float64Array, size: Settings['size']): Int8Array {
  const n = revenue.length;
  const out = new Int8Array(n).fill(NO_CLASS);
  if (size.method === 'fixed') {
    for (let c = 0; c < n; c++) {
      const r = revenue[c];
      if (r > 0) out[c] = r >= size.large ? 0 : r >= size.medium ? 1 : 2;
    }
    return out;
  }
  const sorted = positiveSorted(revenue);
  const m = sorted.length;
  if (m === 0) return out;
  if (size.method === 'terciles') {
    for (let c = 0; c < n; c++) {
      const r = revenue[c];
      if (!(r > 0)) continue;
      const rank = m - upperBound(sorted, r);
      out[c] = 3 * rank < m ? 0 : 3 * rank < 2 * m ? 1 : 2;
    }
    return out;
  }
  const suffix = suffixSums(sorted);
  const total = suffix[0];
  for (let c = 0; c < n; c++) {
    const r = revenue[c];
    if (!(r > 0)) continue;
    const before = suffix[upperBound(sorted, r)] / total;
    out[c] = before < size.large ? 0 : before < size.medium ? 1 : 2;
  }
  return out;
}

/** The share of revenue held by customers with strictly greater revenue (pareto's before(c)). */
export function revenueBefore(revenue: Float64Array): Float64Array {
  const sorted = positiveSorted(revenue);
  const suffix = suffixSums(sorted);
  const out = new Float64Array(revenue.length).fill(NaN);
  for (let c = 0; c < revenue.length; c++) if (revenue[c] > 0) out[c] = suffix[upperBound(sorted, revenue[c])] / suffix[0];
  return out;
}

/** The values > 0, ascending (native typed-array sort). */
export function positiveSorted(values: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) m++;
  const out = new Float64Array(m);
  for (let i = 0, j = 0; i < values.length; i++) if (values[i] > 0) out[j++] = values[i];
  return out.sort();
}

/** First index whose value is > x in an ascending array (its length when none). */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}
