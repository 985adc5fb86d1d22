/**
 * Customer migration between two periods (DOMAIN.md §7): each period segmented on its own, then
 * the 9×9 transition matrix plus New (only in the later period) and Lost (only in the earlier),
 * with count, revenue and net profit; moves up and down; the value of new and lost customers.
 * A customer with revenue ≤ 0 in a period is in the state "No revenue" there.
 */
import { NO_REVENUE, SEGMENTS } from './defaults.js';
import { exactSum, GroupSum } from './exact-sum.js';
import type { PeriodAnalysis } from './price-and-segment.js';

export { NO_REVENUE } from './defaults.js';
export const NEW = 'New';
export const LOST = 'Lost';

export interface Transition {
  /** A segment, "No revenue", or "New". */
  from: string;
  /** A segment, "No revenue", or "Lost". */
  to: string;
  count: number;
  /** Later period's revenue and net profit (0 for Lost). */
  revenue: number;
  netProfit: number;
  /** Earlier period's revenue and net profit (0 for New). */
  previousRevenue: number;
  previousNetProfit: number;
}

export interface Migration {
  from: string;
  to: string;
  /** Every non-empty from → to cell, in state order (segments, No revenue, New / Lost). */
  transitions: Transition[];
  new: { count: number; revenue: number; netProfit: number };
  lost: { count: number; revenue: number; netProfit: number };
  /**
   * Segment moves, not tier moves: to a better profitability class, or the same class at a
   * bigger size (see `segmentRank`). The console and the Migration sheet say "segment".
   */
  movedUp: number;
  movedDown: number;
  unchanged: number;
}

const STATES = [...SEGMENTS, NO_REVENUE];

/**
 * Rank of a state for "up" and "down": profitability first, then size; lower is better.
 * Large/High 0, Medium/High 1, Small/High 2, Large/Mid 3, …, Small/Low 8, No revenue 9.
 */
export function segmentRank(segment: number): number {
  return segment < 0 ? 9 : (segment % 3) * 3 + Math.floor(segment / 3);
}

export function migration(
  earlier: PeriodAnalysis,
  later: PeriodAnalysis,
  fromLabel: string,
  toLabel: string,
): Migration {
  const before = new Map<string, number>();
  earlier.customers.keys.forEach((k, c) => {
    before.set(k, c);
  });
  // 11 × 11 cells: states 0–9, then New (as from) and Lost (as to) at index 10
  const K = 11,
    count = new Int32Array(K * K);
  const rev = new GroupSum(K * K),
    np = new GroupSum(K * K),
    prevRev = new GroupSum(K * K),
    prevNp = new GroupSum(K * K);
  const state = (seg: number) => (seg < 0 ? 9 : seg);
  let up = 0,
    down = 0,
    same = 0;
  const seen = new Uint8Array(earlier.customers.n);
  for (let c = 0; c < later.customers.n; c++) {
    const segTo = later.classes.segment[c];
    const e = before.get(later.customers.keys[c]);
    const i = (e === undefined ? 10 : state(earlier.classes.segment[e])) * K + state(segTo);
    count[i]++;
    rev.add(i, later.customers.revenue[c]);
    np.add(i, later.netProfit[c]);
    if (e === undefined) continue;
    seen[e] = 1;
    prevRev.add(i, earlier.customers.revenue[e]);
    prevNp.add(i, earlier.netProfit[e]);
    const d = segmentRank(segTo) - segmentRank(earlier.classes.segment[e]);
    if (d < 0) up++;
    else if (d > 0) down++;
    else same++;
  }
  for (let e = 0; e < earlier.customers.n; e++) {
    if (seen[e]) continue;
    const i = state(earlier.classes.segment[e]) * K + 10;
    count[i]++;
    prevRev.add(i, earlier.customers.revenue[e]);
    prevNp.add(i, earlier.netProfit[e]);
  }
  const R = rev.result(),
    P = np.result(),
    PR = prevRev.result(),
    PP = prevNp.result();
  const transitions: Transition[] = [];
  for (let i = 0; i < K * K; i++) {
    if (!count[i]) continue;
    const f = Math.floor(i / K),
      t = i % K;
    transitions.push({
      from: f === 10 ? NEW : STATES[f],
      to: t === 10 ? LOST : STATES[t],
      count: count[i],
      revenue: R[i],
      netProfit: P[i],
      previousRevenue: PR[i],
      previousNetProfit: PP[i],
    });
  }
  const sum = (ts: Transition[], prev: boolean) => ({
    count: ts.reduce((a, t) => a + t.count, 0),
    revenue: exactSum(ts.map((t) => (prev ? t.previousRevenue : t.revenue))),
    netProfit: exactSum(ts.map((t) => (prev ? t.previousNetProfit : t.netProfit))),
  });
  return {
    from: fromLabel,
    to: toLabel,
    transitions,
    new: sum(
      transitions.filter((t) => t.from === NEW),
      false,
    ),
    lost: sum(
      transitions.filter((t) => t.to === LOST),
      true,
    ),
    movedUp: up,
    movedDown: down,
    unchanged: same,
  };
}
