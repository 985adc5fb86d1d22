/**
 * The 3×3 profit matrix (DOMAIN.md §3–4): per segment, its customers' count, revenue, costs and
 * net profit, their shares of the matrix totals, and the segment's tier and action.
 */
import { SEGMENT_CODES, SEGMENTS } from './defaults.js';
import { exactSum, GroupSum } from './exact-sum.js';
import type { Settings } from './settings.js';
import type { ProfitClass, Segment, SizeClass } from './types.js';

export interface MatrixCell {
  segment: Segment;
  code: string;
  size: SizeClass;
  profitability: ProfitClass;
  tier: string;
  action: string;
  count: number;
  revenue: number;
  grossProfit: number;
  costToServe: number;
  netProfit: number;
  /**
   * Share of the matrix's customers, revenue and net profit (null when that total is 0). The
   * share of profit is null whenever total net profit ≤ 0: a loss-maker's share of a negative
   * total is positive, and would read as a profit (DOMAIN.md §17).
   */
  shareOfCustomers: number | null;
  shareOfRevenue: number | null;
  shareOfProfit: number | null;
}

/** Always 9 cells in SEGMENTS order, empty ones included. */
export function profitMatrix(
  segment: Int8Array,
  revenue: Float64Array,
  grossProfit: Float64Array,
  costToServe: Float64Array,
  netProfit: Float64Array,
  settings: Settings,
): MatrixCell[] {
  const count = new Array<number>(9).fill(0);
  const rev = new GroupSum(9),
    gp = new GroupSum(9),
    cts = new GroupSum(9),
    np = new GroupSum(9);
  for (let c = 0; c < segment.length; c++) {
    const s = segment[c];
    if (s < 0) continue;
    count[s]++;
    rev.add(s, revenue[c]);
    gp.add(s, grossProfit[c]);
    cts.add(s, costToServe[c]);
    np.add(s, netProfit[c]);
  }
  const R = rev.result(),
    G = gp.result(),
    C = cts.result(),
    P = np.result();
  const n = count.reduce((a, b) => a + b, 0),
    totalR = exactSum(R),
    totalP = exactSum(P);
  return SEGMENTS.map((seg, s) => {
    const [size, profitability] = seg.split('/') as [SizeClass, ProfitClass];
    return {
      segment: seg,
      code: SEGMENT_CODES[s],
      size,
      profitability,
      tier: settings.tiers[s],
      action: settings.actions[s],
      count: count[s],
      revenue: R[s],
      grossProfit: G[s],
      costToServe: C[s],
      netProfit: P[s],
      shareOfCustomers: n ? count[s] / n : null,
      shareOfRevenue: totalR ? R[s] / totalR : null,
      shareOfProfit: totalP > 0 ? P[s] / totalP : null,
    };
  });
}
