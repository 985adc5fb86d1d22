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
  /**
   * How the cell's customers split over tiers: one entry, unless conciergeMaxAccounts moved some
   * of a Concierge cell to Maintain (§8): [{Concierge, 5}, {Maintain, 14}].
   */
  tierCounts: { tier: string; count: number }[];
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
      tierCounts: [{ tier: settings.tiers[s], count: count[s] }],
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

/**
 * A cell's tier in words: its tier, or each tier with its count when the cell is split (§8).
 * Example: "Concierge", or "Concierge 5 · Maintain 14" when conciergeMaxAccounts moved 14.
 */
export function cellTierLabel(cell: Pick<MatrixCell, 'tier' | 'tierCounts'>): string {
  return cell.tierCounts.length > 1
    ? cell.tierCounts.map((x) => `${x.tier} ${x.count}`).join(' · ')
    : cell.tier;
}

/**
 * The matrix with each cell's tier counts after conciergeMaxAccounts (§8): `cut[c]` = 1 for a
 * customer moved to `moveTo`. Example: 19 in Large/High, 14 cut → tierCounts
 * [{Concierge, 5}, {Maintain, 14}]; cells with no cut customer are returned as they are.
 */
export function splitCells(
  matrix: MatrixCell[],
  segment: Int8Array,
  cut: Uint8Array,
  moveTo: string,
): MatrixCell[] {
  const moved = new Array<number>(9).fill(0);
  for (let c = 0; c < cut.length; c++) if (cut[c] && segment[c] >= 0) moved[segment[c]]++;
  return matrix.map((cell, s) =>
    moved[s]
      ? {
          ...cell,
          tierCounts: [
            { tier: cell.tier, count: cell.count - moved[s] },
            { tier: moveTo, count: moved[s] },
          ],
        }
      : cell,
  );
}
