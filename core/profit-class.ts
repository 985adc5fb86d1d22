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
import { formatMoney } from './format.js';
import type { Settings } from './settings.js';
import { NO_CLASS, upperBound } from './size-class.js';
import { sortFloat64 } from './sort-float64.js';

/** The margin target of the bands method: max(0, the overall margin), OVERALL_MARGIN in words. */
export function marginTarget(
  revenue: Float64Array,
  netProfit: Float64Array,
  size: Int8Array,
): number {
  const totalRevenue = exactSum(revenue, size),
    totalProfit = exactSum(netProfit, size);
  return totalRevenue > 0 ? Math.max(0, totalProfit / totalRevenue) : 0;
}

/** A population's margins, prepared once, so any customer is placed in O(log n). */
export interface ProfitScale {
  /** 0 High, 1 Mid, 2 Low; -1 when the size class is -1. */
  classOf(revenue: number, netProfit: number, size: number): number;
  /** The bands target (NaN for other methods). */
  target: number;
}

/**
 * Example (bands): revenue [100, 100, 100], net profit [30, 5, -2] → target 0.11 → High, Mid, Low.
 */
export function profitScale(
  revenue: Float64Array,
  netProfit: Float64Array,
  size: Int8Array,
  p: Settings['profitability'],
): ProfitScale {
  if (p.method === 'fixed') {
    return {
      target: NaN,
      classOf: (r, np, s) =>
        s === NO_CLASS ? NO_CLASS : np / r >= p.high ? 0 : np / r >= p.low ? 1 : 2,
    };
  }
  if (p.method === 'bands') {
    const target = p.target ?? marginTarget(revenue, netProfit, size);
    return {
      target,
      classOf: (r, np, s) => (s === NO_CLASS ? NO_CLASS : np < 0 ? 2 : np / r >= target ? 0 : 1),
    };
  }
  const sorted = [0, 1, 2].map((s) => {
    const margins: number[] = [];
    for (let c = 0; c < size.length; c++)
      if (size[c] === s) margins.push(netProfit[c] / revenue[c]);
    return sortFloat64(Float64Array.from(margins));
  });
  return {
    target: NaN,
    classOf: (r, np, s) => {
      if (s === NO_CLASS) return NO_CLASS;
      const m = sorted[s].length,
        rank = m - upperBound(sorted[s], np / r);
      return 3 * rank < m ? 0 : 3 * rank < 2 * m ? 1 : 2;
    },
  };
}

/**
 * The warning when the bands rest on a 0 % target because the matrix customers lose money overall
 * (the target is max(0, overall net margin)): then any customer that makes money is High, so a
 * thin-margin customer reads "Protect" or "grow at full margin". Null otherwise (another method,
 * a target set in settings, or a business that makes money).
 * Example: bands, matrix net profit −5,000 → "The business loses 5,000 overall, so the …".
 */
export function zeroTargetWarning(
  settings: Pick<Settings, 'profitability'>,
  marginTarget: number | null,
  matrixNetProfit: number,
): string | null {
  const p = settings.profitability;
  if (p.method !== 'bands' || p.target !== null || marginTarget !== 0 || !(matrixNetProfit < 0))
    return null;
  return `The business loses ${formatMoney(-matrixNetProfit)} overall, so the profitability bands rest on a 0 % margin target: any customer that makes money is High, and a thin-margin customer may read "Protect" or "grow at full margin" (set profitability.target to judge margins against a goal)`;
}
