/**
 * Why a customer sinks (DOMAIN.md §5): its top cost drivers are the cost lines whose cost per
 * unit of revenue most exceeds the median over all matrix customers. Ranked by the excess in
 * money per $ of revenue (what it takes off the margin); reported with the multiple of the median.
 */
import { TOP_DRIVERS } from './defaults.js';
import { median } from './median.js';
import { NO_CLASS } from './size-class.js';

export interface TopDrivers {
  /** Median cost per $ of revenue per cost line (COST_LINES order); NaN where the line costs nothing. */
  medians: Float64Array;
  /** For customer c: cost-line indexes top[c*3 .. c*3+2], -1 where fewer lines exceed the median. */
  top: Int8Array;
}

/**
 * Example: two matrix customers with revenue 100 each and order costs 5 and 20: median 0.125 per $,
 * the second customer's top driver is orders at 1.6× the median.
 */
export function topDrivers(revenue: Float64Array, lines: (Float64Array | null)[], size: Int8Array): TopDrivers {
  const n = revenue.length;
  const medians = new Float64Array(lines.length).fill(NaN);
  let m = 0;
  for (let c = 0; c < n; c++) if (size[c] !== NO_CLASS) m++;
  lines.forEach((cost, l) => {
    if (!cost) return;
    const ratio = new Float64Array(m);
    for (let c = 0, j = 0; c < n; c++) if (size[c] !== NO_CLASS) ratio[j++] = cost[c] / revenue[c];
    medians[l] = median(ratio);
  });
  const top = new Int8Array(n * TOP_DRIVERS).fill(-1);
  const best = new Float64Array(TOP_DRIVERS);
  for (let c = 0; c < n; c++) {
    if (size[c] === NO_CLASS) continue;
    best.fill(0);
    for (let l = 0; l < lines.length; l++) {
      const cost = lines[l];
      if (!cost) continue;
      const excess = cost[c] / revenue[c] - medians[l];
      if (!(excess > 0)) continue;
      // insertion into the customer's top list; earlier lines win ties
      let j = TOP_DRIVERS;
      while (j > 0 && (top[c * TOP_DRIVERS + j - 1] < 0 || excess > best[j - 1])) j--;
      if (j >= TOP_DRIVERS) continue;
      for (let k = TOP_DRIVERS - 1; k > j; k--) { best[k] = best[k - 1]; top[c * TOP_DRIVERS + k] = top[c * TOP_DRIVERS + k - 1]; }
      best[j] = excess;
      top[c * TOP_DRIVERS + j] = l;
    }
  }
  return { medians, top };
}
