/**
 * Why a customer sinks (DOMAIN.md §5): its top cost drivers are the cost lines whose cost per
 * unit of revenue most exceeds the median over all matrix customers. Ranked by the excess in
 * money per $ of revenue (what it takes off the margin); reported with the multiple of the median.
 */

import { type CostColumn, costAt } from './cost-to-serve.js';
import { TOP_DRIVERS } from './defaults.js';
import { medianInPlace } from './median.js';
import { NO_CLASS } from './size-class.js';

export interface TopDrivers {
  /** Median cost per $ of revenue per cost line (COST_LINES order); NaN where the line costs nothing. */
  medians: Float64Array;
  /**
   * For customer c: cost-line indexes top[c*3 .. c*3+2], -1 where fewer lines exceed the median.
   * Ranked on first use: the medians are what the whole population decides; ranking a customer's
   * own lines against them is work for whoever shows the explanations.
   */
  readonly top: Int8Array;
}

/**
 * Example: two matrix customers with revenue 100 each and order costs 5 and 20: median 0.125 per $,
 * the second customer's top driver is orders at 1.6× the median.
 */
export function topDrivers(
  revenue: Float64Array,
  lines: (CostColumn | null)[],
  size: Int8Array,
  scratchOfMatrixSize?: Float64Array,
): TopDrivers {
  const n = revenue.length;
  const medians = new Float64Array(lines.length).fill(NaN);
  let m = 0;
  for (let c = 0; c < n; c++) if (size[c] !== NO_CLASS) m++;
  // One scratch array serves every line's median: a million customers allocate no more than this.
  const scratch = scratchOfMatrixSize?.length === m ? scratchOfMatrixSize : new Float64Array(m);
  const active: number[] = [];
  lines.forEach((cost, l) => {
    if (!cost) return;
    for (let c = 0, j = 0; c < n; c++)
      if (size[c] !== NO_CLASS) scratch[j++] = costAt(cost, c) / revenue[c];
    medians[l] = medianInPlace(scratch);
    active.push(l);
  });
  let top: Int8Array | null = null;
  return {
    medians,
    get top() {
      top ??= rankDrivers(revenue, lines, size, active, medians);
      return top;
    },
  };
}

function rankDrivers(
  revenue: Float64Array,
  lines: (CostColumn | null)[],
  size: Int8Array,
  active: number[],
  medians: Float64Array,
): Int8Array {
  const n = revenue.length;
  const top = new Int8Array(n * TOP_DRIVERS).fill(-1);
  const bestL = new Int8Array(TOP_DRIVERS),
    bestX = new Float64Array(TOP_DRIVERS);
  // The hot loop reads each line's factors from flat locals (costAt inlined by hand).
  const values = active.map((l) => lines[l]!.values),
    by = active.map((l) => lines[l]!.by);
  const factor = active.map((l) => lines[l]!.factor),
    med = active.map((l) => medians[l]);
  for (let c = 0; c < n; c++) {
    if (size[c] === NO_CLASS) continue;
    let found = 0;
    const rev = revenue[c];
    for (let a = 0; a < active.length; a++) {
      const l = active[a],
        b = by[a];
      const x = (b ? values[a][c] * b[c] * factor[a] : values[a][c] * factor[a]) / rev - med[a];
      if (!(x > 0)) continue;
      // insert into the customer's short sorted list; earlier lines win ties
      let k = found < TOP_DRIVERS ? found++ : TOP_DRIVERS;
      while (k > 0 && x > bestX[k - 1]) {
        if (k < TOP_DRIVERS) {
          bestX[k] = bestX[k - 1];
          bestL[k] = bestL[k - 1];
        }
        k--;
      }
      if (k < TOP_DRIVERS) {
        bestX[k] = x;
        bestL[k] = l;
      }
    }
    for (let k = 0; k < found; k++) top[c * TOP_DRIVERS + k] = bestL[k];
  }
  return top;
}
