/**
 * Segmentation (DOMAIN.md §3–4): size × profitability → one of 9 segments → tier and action.
 * The analysis and the custom functions (PROFITTIER, PROFITSEGMENT) share it: a population is
 * prepared once (`population`), then each customer is placed by binary search.
 */
import { type ProfitScale, profitScale } from './profit-class.js';
import type { Settings } from './settings.js';
import { NO_CLASS, type SizeScale, sizeScale } from './size-class.js';

export interface Classes {
  /** 0 Large, 1 Medium, 2 Small; -1 for revenue ≤ 0. */
  size: Int8Array;
  /** 0 High, 1 Mid, 2 Low; -1 for revenue ≤ 0. */
  profit: Int8Array;
  /** size × 3 + profit, index into SEGMENTS; -1 for revenue ≤ 0. */
  segment: Int8Array;
  /** The margin target the bands method used (NaN for other methods). */
  target: number;
}

export interface Population {
  size: SizeScale;
  profit: ProfitScale;
  /** Segment index (0–8) of a customer with this revenue and net profit, -1 when revenue ≤ 0. */
  segmentOf(revenue: number, netProfit: number): number;
}

/** Prepares a population for placing customers: O(n log n) once. */
export function population(
  revenue: Float64Array,
  netProfit: Float64Array,
  settings: Settings,
): Population {
  const { size, profit } = scales(revenue, netProfit, settings);
  return {
    size,
    profit,
    segmentOf(r, np) {
      const s = size.classOf(r);
      return s === NO_CLASS ? NO_CLASS : s * 3 + profit.classOf(r, np, s);
    },
  };
}

/**
 * Classifies every customer of the population. Example: revenue [900, 100], net profit [90, -5]
 * → segments [Large/High, Medium/Low] with the default settings (before(100) = 0.9 → Medium).
 */
export function classify(
  revenue: Float64Array,
  netProfit: Float64Array,
  settings: Settings,
): Classes {
  const n = revenue.length;
  const { sizes: size, profit: scale } = scales(revenue, netProfit, settings);
  const profit = new Int8Array(n),
    segment = new Int8Array(n);
  for (let c = 0; c < n; c++) {
    profit[c] = scale.classOf(revenue[c], netProfit[c], size[c]);
    segment[c] = size[c] === NO_CLASS ? NO_CLASS : size[c] * 3 + profit[c];
  }
  return { size, profit, segment, target: scale.target };
}

/** The population's size scale, each member's size class, and the profit scale built on them. */
function scales(
  revenue: Float64Array,
  netProfit: Float64Array,
  settings: Settings,
): { size: SizeScale; sizes: Int8Array; profit: ProfitScale } {
  const size = sizeScale(revenue, settings.size);
  const sizes = new Int8Array(revenue.length);
  for (let c = 0; c < revenue.length; c++) sizes[c] = size.classOfMember(revenue[c]);
  return { size, sizes, profit: profitScale(revenue, netProfit, sizes, settings.profitability) };
}
