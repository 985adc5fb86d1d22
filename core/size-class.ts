/**
 * Size class by revenue (DOMAIN.md §3). Only customers with revenue > 0 take part.
 * - pareto: before(c) = revenue of customers with strictly greater revenue / total revenue;
 *   Large if before < 0.80, Medium if before < 0.95, else Small. Ties share a class.
 *   In a spreadsheet: SUMIF(rev, ">"&rev_c) / SUM(rev).
 * - terciles: rank(c) = customers with strictly greater revenue; Large if rank < n/3,
 *   Medium if rank < 2n/3, else Small.
 * - fixed: Large if revenue ≥ large, Medium if revenue ≥ medium, else Small.
 */
import { ExactSum, suffixSums, suffixTotal } from './exact-sum.js';
import type { Settings } from './settings.js';
import { sortFloat64 } from './sort-float64.js';

/** Class codes: 0 Large, 1 Medium, 2 Small, -1 not in the matrix (revenue ≤ 0). */
export const NO_CLASS = -1;

/** A population's revenues, sorted once, so any revenue is placed by binary search. */
export interface SizeScale {
  /** Size class of any revenue against this population (-1 when ≤ 0), by binary search. */
  classOf(revenue: number): number;
  /** The same for a revenue that is a member of the population, in O(1) by the class cut-offs. */
  classOfMember(revenue: number): number;
  /** before(c) of the Pareto rule; NaN when revenue ≤ 0. */
  before(revenue: number): number;
}

/**
 * Builds the scale of a population in O(n log n) (native typed-array sort).
 * Example: revenues [50, 30, 15, 5] → before = [0, .5, .8, .95] → Large, Large, Medium, Small.
 */
export function sizeScale(revenue: Float64Array, size: Settings['size']): SizeScale {
  const sorted = positiveSorted(revenue);
  const m = sorted.length;
  let suffix: Float64Array | null = null; // only placing a non-member needs every suffix sum
  const before = (r: number) => {
    if (!(r > 0) || size.method === 'terciles') return NaN;
    suffix ??= suffixSums(sorted);
    return suffix[upperBound(sorted, r)] / suffix[0];
  };
  const classOf = (r: number): number => {
    if (!(r > 0)) return NO_CLASS;
    if (size.method === 'fixed') return r >= size.large ? 0 : r >= size.medium ? 1 : 2;
    if (size.method === 'terciles') {
      const rank = m - upperBound(sorted, r);
      return 3 * rank < m ? 0 : 3 * rank < 2 * m ? 1 : 2;
    }
    const b = before(r);
    return b < size.large ? 0 : b < size.medium ? 1 : 2;
  };
  if (size.method === 'fixed') return { classOf, classOfMember: classOf, before };
  // before(r) and rank(r) only fall as r grows, so each class is a run of the sorted revenues:
  // its smallest member revenue is the cut-off, and a member's class is two comparisons.
  const [cutLarge, cutMedium] =
    size.method === 'terciles'
      ? [cutOff(sorted, (end) => 3 * (m - end) < m), cutOff(sorted, (end) => 3 * (m - end) < 2 * m)]
      : paretoCuts(sorted, size.large, size.medium);
  const classOfMember = (r: number) =>
    !(r > 0) ? NO_CLASS : r >= cutLarge ? 0 : r >= cutMedium ? 1 : 2;
  return { classOf, classOfMember, before };
}

/**
 * Pareto cut-offs in one descending pass: the smallest revenue whose before(c) is < large, and
 * the smallest whose before(c) is < medium. The running sum repeats suffixSums' additions in the
 * same order, so before(c) here is bit for bit the value `before()` gives.
 */
function paretoCuts(sorted: Float64Array, large: number, medium: number): [number, number] {
  const total = suffixTotal(sorted);
  let cutLarge = Infinity,
    cutMedium = Infinity;
  const sum = new ExactSum();
  for (let end = sorted.length; end > 0; ) {
    const v = sorted[end - 1],
      before = sum.value / total;
    if (!(before < medium) && !(before < large)) break;
    if (before < large) cutLarge = v;
    if (before < medium) cutMedium = v;
    while (end > 0 && sorted[end - 1] === v) sum.add(sorted[--end]);
  }
  return [cutLarge, cutMedium];
}

/**
 * The smallest value of `sorted` (ascending) whose group still satisfies `inClass(end)`, where
 * `end` is the index just past that value's ties; Infinity when even the largest does not.
 */
function cutOff(sorted: Float64Array, inClass: (end: number) => boolean): number {
  let cut = Infinity;
  for (let end = sorted.length; end > 0; ) {
    const v = sorted[end - 1];
    if (!inClass(end)) break;
    cut = v;
    while (end > 0 && sorted[end - 1] === v) end--;
  }
  return cut;
}

/** Size class of every customer of the population. */
export function sizeClasses(revenue: Float64Array, size: Settings['size']): Int8Array {
  const scale = sizeScale(revenue, size);
  const out = new Int8Array(revenue.length);
  for (let c = 0; c < revenue.length; c++) out[c] = scale.classOfMember(revenue[c]);
  return out;
}

/** The values > 0, ascending. */
export function positiveSorted(values: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) m++;
  const out = new Float64Array(m);
  for (let i = 0, j = 0; i < values.length; i++) if (values[i] > 0) out[j++] = values[i];
  return sortFloat64(out);
}

/** First index whose value is > x in an ascending array (its length when none). */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
