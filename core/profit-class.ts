/**
 * Profitability class (DOMAIN.md §3), over the matrix customers (revenue > 0).
 * - bands: target = max(0, Σ netProfit / Σ revenue); Low if netProfit < 0 (a money-loser),
 *   High if netMargin ≥ target, else Mid.
 * - terciles: of netMargin within each size class (the literal seed method): rank = customers of
 *   the same size with strictly greater margin; High if rank < m/3, Mid if rank < 2m/3, else Low.
 * - fixed: High if netMargin ≥ high, Mid if netMargin ≥ low, else Low.
 * A value exactly on a threshold goes to the higher class.
 */
import { exactSum } from './exact-sum.js';
import type { Settings } from './settings.js';
import { NO_CLASS, upperBound } from './size-class.js';

/** The margin target of the bands method: max(0, overall net margin of the matrix customers). */
export function marginTarget(revenue: Float64Array, netProfit: Float64Array, size: Int8Array): number {
  const r = new Float64Array(revenue.length), p = new Float64Array(revenue.length); // zeros outside the matrix
  for (let c = 0; c < revenue.length; c++) if (size[c] !== NO_CLASS) { r[c] = revenue[c]; p[c] = netProfit[c]; }
  const totalRevenue = exactSum(r);
  return totalRevenue > 0 ? Math.max(0, exactSum(p) / totalRevenue) : 0;
}

/**
 * Class codes: 0 High, 1 Mid, 2 Low, -1 outside the matrix.
 * Example (bands): revenue [100, 100, 100], net profit [30, 5, -2] → target 0.11 → High, Mid, Low.
 */
export function profitClasses(revenue: Float64Array, netProfit: Float64Array, size: Int8Array, p: Settings['profitability']): { classes: Int8Array; target: number } {
  const n = revenue.length;
  const out = new Int8Array(n).fill(NO_CLASS);
  if (p.method === 'terciles') { tercilesWithinSize(revenue, netProfit, size, out); return { classes: out, target: NaN }; }
  const target = p.method === 'fixed' ? NaN : p.target ?? marginTarget(revenue, netProfit, size);
  for (let c = 0; c < n; c++) {
    if (size[c] === NO_CLASS) continue;
    const margin = netProfit[c] / revenue[c];
    if (p.method === 'fixed') out[c] = margin >= p.high ? 0 : margin >= p.low ? 1 : 2;
    else out[c] = netProfit[c] < 0 ? 2 : margin >= target ? 0 : 1;
  }
  return { classes: out, target };
}

function tercilesWithinSize(revenue: Float64Array, netProfit: Float64Array, size: Int8Array, out: Int8Array): void {
  for (let s = 0; s < 3; s++) {
    let m = 0;
    for (let c = 0; c < size.length; c++) if (size[c] === s) m++;
    const sorted = new Float64Array(m);
    for (let c = 0, j = 0; c < size.length; c++) if (size[c] === s) sorted[j++] = netProfit[c] / revenue[c];
    sorted.sort();
    for (let c = 0; c < size.length; c++) {
      if (size[c] !== s) continue;
      const rank = m - upperBound(sorted, netProfit[c] / revenue[c]);
      out[c] = 3 * rank < m ? 0 : 3 * rank < 2 * m ? 1 : 2;
    }
  }
}
