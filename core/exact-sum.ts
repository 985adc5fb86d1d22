/**
 * Order-independent sums of money (DOMAIN.md §9: results never depend on row order).
 * Plain `+=` gives different last bits for different row orders, which can flip a customer that
 * sits exactly on a threshold. Each add keeps the rounding error (Knuth's TwoSum) in a second
 * double, so a sum carries ~106 bits and rounds to the same double in any order for money data.
 * This file is the only place that does the arithmetic; everything else uses its accumulators.
 */

/** TwoSum: the exact rounding error of `s = hi + x`, so that hi + x = s + error. */
function roundingError(hi: number, x: number, s: number): number {
  const b = s - hi;
  return hi - (s - b) + (x - b);
}

/**
 * A running double-double sum: `add` values one at a time, read `value` at any point.
 * Example: add 1e16, 1, −1e16 → value 1 (plain `+=` gives 0).
 */
export class ExactSum {
  private hi = 0;
  private lo = 0;
  add(x: number): void {
    const s = this.hi + x;
    this.lo += roundingError(this.hi, x, s);
    this.hi = s;
  }
  get value(): number {
    return this.hi + this.lo;
  }
}

/**
 * Sum of `values[from..to)` in double-double precision; with `inMatrix`, only where it is not -1
 * (a class code). Example: `exactSum([0.1, 0.2, 0.3])` → 0.6 (plain `+=` gives 0.6000000000000001).
 */
export function exactSum(values: ArrayLike<number>, inMatrix?: Int8Array): number;
export function exactSum(values: ArrayLike<number>, from?: number, to?: number): number;
export function exactSum(values: ArrayLike<number>, a?: number | Int8Array, b?: number): number {
  const mask = typeof a === 'object' ? a : null;
  const from = typeof a === 'number' ? a : 0,
    to = b ?? values.length;
  const sum = new ExactSum();
  for (let i = from; i < to; i++) if (!mask || mask[i] !== -1) sum.add(values[i]);
  return sum.value;
}

/** Per-group double-double accumulator: `add(g, x)` for each value, then `result()`. */
export class GroupSum {
  private readonly hi: Float64Array;
  private readonly lo: Float64Array;
  constructor(groups: number) {
    this.hi = new Float64Array(groups);
    this.lo = new Float64Array(groups);
  }
  add(g: number, x: number): void {
    const hi = this.hi[g],
      s = hi + x;
    this.lo[g] += roundingError(hi, x, s);
    this.hi[g] = s;
  }
  result(): Float64Array {
    const out = new Float64Array(this.hi.length);
    for (let g = 0; g < out.length; g++) out[g] = this.hi[g] + this.lo[g];
    return out;
  }
}

/**
 * Suffix sums of `sorted`: out[i] = Σ sorted[i..n), out[n] = 0, added from the end. Used by the
 * Pareto size rule, where the values are sorted so the result is canonical.
 */
export function suffixSums(sorted: Float64Array): Float64Array {
  const out = new Float64Array(sorted.length + 1);
  const sum = new ExactSum();
  for (let i = sorted.length - 1; i >= 0; i--) {
    sum.add(sorted[i]);
    out[i] = sum.value;
  }
  return out;
}

/** suffixSums(sorted)[0] without the array: the same additions in the same order. */
export function suffixTotal(sorted: Float64Array): number {
  const sum = new ExactSum();
  for (let i = sorted.length - 1; i >= 0; i--) sum.add(sorted[i]);
  return sum.value;
}
