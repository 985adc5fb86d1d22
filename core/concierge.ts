/**
 * Concierge economics (DOMAIN.md §8): what the Concierge tier earns and the extra service budget
 * it can carry — a set share (default 10 %) of its net profit, in total and per account.
 */
import type { MatrixCell } from './matrix.js';

export interface ConciergeEconomics {
  count: number;
  revenue: number;
  netProfit: number;
  /** Of the matrix's total net profit; null when that total is 0. */
  shareOfProfit: number | null;
  budgetShare: number;
  serviceBudget: number;
  /** Per Concierge account; null without accounts. */
  budgetPerAccount: number | null;
}

/**
 * Sums the cells whose tier is named "Concierge" (after any remapping).
 * Example: one cell of 4 accounts earning 200,000 at a 10 % share → budget 20,000, 5,000 per account.
 */
export function conciergeEconomics(
  matrix: MatrixCell[],
  totalNetProfit: number,
  budgetShare: number,
): ConciergeEconomics {
  const cells = matrix.filter((c) => c.tier === 'Concierge');
  const count = cells.reduce((a, c) => a + c.count, 0);
  const revenue = cells.reduce((a, c) => a + c.revenue, 0);
  const netProfit = cells.reduce((a, c) => a + c.netProfit, 0);
  const serviceBudget = Math.max(0, netProfit) * budgetShare;
  return {
    count,
    revenue,
    netProfit,
    shareOfProfit: totalNetProfit ? netProfit / totalNetProfit : null,
    budgetShare,
    serviceBudget,
    budgetPerAccount: count ? serviceBudget / count : null,
  };
}
