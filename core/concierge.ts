/**
 * Concierge economics (DOMAIN.md §8): what the Concierge tier earns and the extra service budget
 * it can carry — a set share (default 10 %) of its net profit, in total and per account.
 * Seed 000: the second-level service is exclusive. `conciergeMaxAccounts: N` keeps Concierge for
 * the N most profitable of them (ties by key) and gives the rest Maintain; when Concierge still
 * holds more than 20 % of the matrix customers, a warning says the budget thins out.
 */
import { formatCount, formatMoney, formatPercent } from './format.js';
import type { MatrixCell } from './matrix.js';

export const CONCIERGE = 'Concierge';
/** Above this share of the matrix customers Concierge is no longer exclusive (seed 000). */
export const CONCIERGE_WARN_SHARE = 0.2;

export interface ConciergeEconomics {
  count: number;
  revenue: number;
  netProfit: number;
  /** Of the matrix's total net profit; null when that total is ≤ 0 (a share of a loss misleads). */
  shareOfProfit: number | null;
  /** Of the matrix customers; null without any. */
  shareOfCustomers: number | null;
  budgetShare: number;
  serviceBudget: number;
  /** Per Concierge account; null without accounts. */
  budgetPerAccount: number | null;
  /** Customers of Concierge segments given Maintain by `conciergeMaxAccounts` (0 without it). */
  movedToMaintain: number;
  /** Set when Concierge holds more than 20 % of the matrix customers. */
  warning: string | null;
}

/** Totals of the customers `conciergeCut` moved out of Concierge. */
export interface Moved {
  count: number;
  revenue: number;
  netProfit: number;
}

/**
 * Marks the customers of Concierge segments beyond the `max` most profitable (net profit
 * descending, ties by key ascending) with 1: they get Maintain. Null when nothing is cut.
 * Example: three Concierge customers with net profits 50, 90, 70 and max 2 → the one with 50.
 */
export function conciergeCut(
  segment: Int8Array,
  netProfit: Float64Array,
  keys: readonly string[],
  tiers: readonly string[],
  max: number | null,
): Uint8Array | null {
  if (max === null) return null;
  const members: number[] = [];
  for (let c = 0; c < segment.length; c++)
    if (segment[c] >= 0 && tiers[segment[c]] === CONCIERGE) members.push(c);
  if (members.length <= max) return null;
  members.sort(
    (x, y) => netProfit[y] - netProfit[x] || (keys[x] < keys[y] ? -1 : keys[x] > keys[y] ? 1 : 0),
  );
  const cut = new Uint8Array(segment.length);
  for (let i = max; i < members.length; i++) cut[members[i]] = 1;
  return cut;
}

/**
 * Sums the cells whose tier is named "Concierge" (after any remapping), less the customers moved
 * to Maintain. Example: one cell of 4 accounts earning 200,000 at a 10 % share → budget 20,000,
 * 5,000 per account.
 */
export function conciergeEconomics(
  matrix: MatrixCell[],
  totalNetProfit: number,
  budgetShare: number,
  moved: Moved = { count: 0, revenue: 0, netProfit: 0 },
): ConciergeEconomics {
  const cells = matrix.filter((c) => c.tier === CONCIERGE);
  const count = cells.reduce((a, c) => a + c.count, 0) - moved.count;
  const revenue = cells.reduce((a, c) => a + c.revenue, 0) - moved.revenue;
  const netProfit = cells.reduce((a, c) => a + c.netProfit, 0) - moved.netProfit;
  const matrixCustomers = matrix.reduce((a, c) => a + c.count, 0);
  const serviceBudget = Math.max(0, netProfit) * budgetShare;
  const shareOfCustomers = matrixCustomers ? count / matrixCustomers : null;
  const budgetPerAccount = count ? serviceBudget / count : null;
  return {
    count,
    revenue,
    netProfit,
    shareOfProfit: totalNetProfit > 0 ? netProfit / totalNetProfit : null,
    shareOfCustomers,
    budgetShare,
    serviceBudget,
    budgetPerAccount,
    movedToMaintain: moved.count,
    warning:
      shareOfCustomers !== null && shareOfCustomers > CONCIERGE_WARN_SHARE
        ? `Concierge holds ${formatCount(count)} of ${formatCount(matrixCustomers)} matrix customers (${formatPercent(shareOfCustomers)}), so its service budget thins out to ${formatMoney(budgetPerAccount ?? 0)} per account. Concierge service pays only while it stays exclusive: set Concierge accounts at most (conciergeMaxAccounts) to keep it for the most profitable few`
        : null,
  };
}
