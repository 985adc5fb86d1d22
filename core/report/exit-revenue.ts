/**
 * What goes with the exits (DOMAIN.md §10): the exit total "raise profit by X" is only half the
 * story, the revenue of those customers leaves too. Summed here for the Profit Matrix and the CLI
 * summary, so both say the same.
 */
import type { Analysis } from '../analyze.js';
import { exactSum } from '../exact-sum.js';
import { recommendationAt } from '../exit-economics.js';

/**
 * Revenue of the money-losers whose exit raises profit, and its share of all revenue (null when
 * total revenue is not above 0). Example: exits of customers with revenue 300 and 100 out of a
 * total 2,000 → `{ revenue: 400, share: 0.2 }`.
 */
export function exitRevenue(a: Analysis): { revenue: number; share: number | null } {
  const out: number[] = [],
    seg = a.classes.segment;
  for (let c = 0; c < seg.length; c++)
    if (recommendationAt(seg[c], a.netProfit[c], a.exit.exitImpact[c]) === 'exit')
      out.push(a.customers.revenue[c]);
  const revenue = exactSum(out);
  return { revenue, share: a.totals.revenue > 0 ? revenue / a.totals.revenue : null };
}

/** Where the exit figures rest, said next to them: direct rates are assumed avoidable. */
export const EXIT_SHARES_NOTE =
  'direct rates are assumed avoidable, pooled and capacity cost stays: set avoidable to change (see Assumptions)';
