/**
 * Segmentation (DOMAIN.md §3–4): size × profitability → one of 9 segments → tier and action.
 * The one entry point the analysis and the custom functions (PROFITTIER, PROFITSEGMENT) share.
 */
import { profitClasses } from './profit-class.js';
import type { Settings } from './settings.js';
import { NO_CLASS, sizeClasses } from './size-class.js';

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

/**
 * Classifies every customer. Example: `classify(Float64Array.of(900, 100), Float64Array.of(90, -5), s)`
 * → segments [Large/High, Small/Low] with the default settings.
 */
export function classify(revenue: Float64Array, netProfit: Float64Array, settings: Settings): Classes {
  const size = sizeClasses(revenue, settings.size);
  const { classes: profit, target } = profitClasses(revenue, netProfit, size, settings.profitability);
  const segment = new Int8Array(revenue.length);
  for (let c = 0; c < segment.length; c++) segment[c] = size[c] === NO_CLASS ? NO_CLASS : size[c] * 3 + profit[c];
  return { size, profit, segment, target };
}
