/**
 * One customer's tier and action: its segment's (DOMAIN.md §4), except
 * - a Concierge customer beyond `conciergeMaxAccounts` gets Maintain and the action of the Large
 *   Maintain segment (§8);
 * - in the Fix tier the action follows the exit recommendation (§10): exit only where leaving
 *   raises profit, otherwise reprice by the break-even price change or cut the named cause; a
 *   Fix customer that makes money is never told to exit.
 */
import { causeLabel, causesOf } from './causes.js';
import { SEGMENTS } from './defaults.js';
import { breakEvenPriceChange, recommendationAt } from './exit-economics.js';
import { formatMoney, formatPercent } from './format.js';
import type { PeriodAnalysis } from './price-and-segment.js';
import type { Settings } from './settings.js';

export const MAINTAIN = 'Maintain';
export const FIX = 'Fix';
const LARGE_MID = SEGMENTS.indexOf('Large/Mid');

/**
 * The tier of customer `c`; null outside the matrix.
 * Example: a Large/High customer → 'Concierge', or 'Maintain' when conciergeMaxAccounts cut it.
 */
export function tierOf(a: PeriodAnalysis, settings: Settings, c: number): string | null {
  const seg = a.classes.segment[c];
  if (seg < 0) return null;
  return a.conciergeCut?.[c] ? MAINTAIN : settings.tiers[seg];
}

/**
 * The action of customer `c`; null outside the matrix.
 * Example: a Large/Low customer losing 90 on revenue 1,000 whose exit would raise profit by 50 →
 * "Exit: leaving raises profit by 50 (…), unless a 9.0 % price rise is accepted".
 */
export function actionOf(a: PeriodAnalysis, settings: Settings, c: number): string | null {
  const seg = a.classes.segment[c];
  if (seg < 0 || a.conciergeCut?.[c] || settings.tiers[seg] !== FIX)
    return segmentActionOf(a, settings, c);
  const np = a.netProfit[c];
  if (!(np < 0))
    return 'Reduce cost-to-serve or reprice (it makes money: not a candidate for exit)';
  return recommendationText(a, c);
}

/**
 * The action of the customer's segment — Large/Mid's for a customer cut from Concierge — before
 * the Fix tier's wording by the exit recommendation (what the SQL query gives); null outside.
 */
export function segmentActionOf(a: PeriodAnalysis, settings: Settings, c: number): string | null {
  const seg = a.classes.segment[c];
  if (seg < 0) return null;
  return a.conciergeCut?.[c] ? settings.actions[LARGE_MID] : settings.actions[seg];
}

/** The advice to a money-loser in words, from its exit impact, break-even price and first cause. */
export function recommendationText(a: PeriodAnalysis, c: number): string {
  const seg = a.classes.segment[c];
  const impact = a.exit.exitImpact[c],
    stranded = a.exit.stranded[c];
  const rise = formatPercent(
    breakEvenPriceChange(seg, a.netProfit[c], a.customers.revenue[c]) ?? 0,
  );
  const strandedText =
    stranded > 0 ? ` (${formatMoney(stranded)} of its cost-to-serve stays with the others)` : '';
  const cause = causesOf(a.causes, c)[0];
  const cut = cause ? `; main cause ${causeLabel(cause)}: ${cause.action}` : '';
  if (recommendationAt(seg, a.netProfit[c], impact) === 'exit')
    return `Exit: leaving raises profit by ${formatMoney(impact)}${strandedText}, unless a ${rise} price rise is accepted${cut}`;
  const exit =
    impact < 0
      ? `exit would lower profit by ${formatMoney(-impact)}`
      : 'exit would not raise profit';
  return `Reprice: a ${rise} price rise breaks even${cut}; ${exit}${strandedText}`;
}
