/**
 * One customer's tier and action: its segment's (DOMAIN.md §4), except
 * - a Concierge customer beyond `conciergeMaxAccounts` gets Maintain and the action of the Large
 *   Maintain segment (§8);
 * - in the Fix tier the action follows the exit recommendation (§10): exit only where leaving
 *   raises profit, otherwise reprice by the break-even price change or cut the named cause; a
 *   Fix customer that makes money is never told to exit;
 * - every other money-loser's action carries the same exit or reprice advice too (§10: no advice
 *   the numbers contradict): in a tier meant to be profitable (Concierge, Grow) it replaces the
 *   segment action ("Protect…" would contradict the loss), elsewhere the segment action follows.
 */
import { causeLabel, causesOf } from './causes.js';
import { SEGMENTS } from './defaults.js';
import { exactSum } from './exact-sum.js';
import { breakEvenPriceChange, recommendationAt } from './exit-economics.js';
import { formatMoney, formatPercent, plural } from './format.js';
import type { PeriodAnalysis } from './price-and-segment.js';
import type { Settings } from './settings.js';

export const MAINTAIN = 'Maintain';
export const FIX = 'Fix';
/** Tiers meant to hold profitable customers: a money-loser there is warned about (§10). */
export const PROFITABLE_TIERS: readonly string[] = ['Concierge', 'Grow'];
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
 * The action of customer `c`; null outside the matrix. A money-loser's action always says exit or
 * reprice (§10), whatever its tier.
 * Example: a Large/Low customer losing 90 on revenue 1,000 whose exit would raise profit by 50 →
 * "Exit: leaving raises profit by 50 (…), unless a 9.0 % price rise is accepted"; a Small/Low
 * (Self-service) money-loser → "Reprice: … ; Self-service action: Minimum orders, …"; a Concierge
 * money-loser (profitability terciles) → "Exit: … (loses money in the Concierge tier)".
 */
export function actionOf(a: PeriodAnalysis, settings: Settings, c: number): string | null {
  const seg = a.classes.segment[c];
  if (seg < 0) return null;
  const tier = tierOf(a, settings, c)!;
  const np = a.netProfit[c];
  if (!(np < 0))
    return tier === FIX
      ? 'Reduce cost-to-serve or reprice (it makes money: not a candidate for exit)'
      : segmentActionOf(a, settings, c);
  const advice = recommendationText(a, c);
  if (tier === FIX) return advice;
  if (PROFITABLE_TIERS.includes(tier)) return `${advice} (loses money in the ${tier} tier)`;
  return `${advice}; ${tier} action: ${segmentActionOf(a, settings, c)}`;
}

/**
 * Warnings for tiers meant to be profitable (Concierge, Grow) that hold money-losers or lose money
 * in total (§10); [] when none does.
 * Example: a Concierge tier of 5 with 2 money-losers and total net profit −300 →
 * ["The Concierge tier holds 2 money-losers and loses 300 in total: …"].
 */
export function tierLossWarnings(a: PeriodAnalysis, settings: Settings): string[] {
  const out: string[] = [];
  for (const tier of PROFITABLE_TIERS) {
    let losers = 0,
      members = 0;
    const profits: number[] = [];
    for (let c = 0; c < a.netProfit.length; c++) {
      if (tierOf(a, settings, c) !== tier) continue;
      members++;
      profits.push(a.netProfit[c]);
      if (a.netProfit[c] < 0) losers++;
    }
    if (members === 0) continue;
    const total = exactSum(profits);
    if (losers === 0 && !(total < 0)) continue;
    const held = losers > 0 ? ` holds ${plural(losers, 'money-loser')}` : '';
    const lost = total < 0 ? ` loses ${formatMoney(-total)} in total` : '';
    out.push(
      `The ${tier} tier${held}${held && lost ? ' and' : ''}${lost}: a tier meant to be profitable; each money-loser's action says exit or reprice instead of the tier's`,
    );
  }
  return out;
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
