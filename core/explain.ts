/**
 * Why a customer is where it is (DOMAIN.md §5): the waterfall from revenue to net profit, and its
 * causes (core/causes.ts) measured against its size class, each with the action that answers it.
 */
import { type Cause, causesOf } from './causes.js';
import { costAt } from './cost-to-serve.js';
import { actionOf, tierOf } from './customer-action.js';
import { COST_LINE_LABELS, SEGMENTS } from './defaults.js';
import { formatMoney } from './format.js';
import type { PeriodAnalysis } from './price-and-segment.js';
import type { Settings } from './settings.js';
import { COST_LINES } from './types.js';

export interface WaterfallStep {
  label: string;
  /** Money: + for revenue and subtotals, − for costs. */
  value: number;
  /** Revenue, gross profit and net profit are totals; the rest are steps down. */
  kind: 'total' | 'cost';
}

export interface Why {
  waterfall: WaterfallStep[];
  /** Ranked, at most three; at least one for every money-loser. */
  causes: Cause[];
  /** One sentence: the segment, the tier, the action and the main cause. */
  summary: string;
}

/**
 * The waterfall and causes of customer `c`. Only cost lines that cost something appear.
 * Example: a Large/Mid customer with orders at 3× the Large median → summary
 * "Large/Mid → Maintain: Serve at lower cost, move up. Main cause: Orders: 3.0× the Large median …".
 */
export function explainCustomer(a: PeriodAnalysis, settings: Settings, c: number): Why {
  const t = a.customers;
  const waterfall: WaterfallStep[] = [{ label: 'Revenue', value: t.revenue[c], kind: 'total' }];
  const cogs = t.revenue[c] - t.grossProfit[c];
  if (cogs !== 0) waterfall.push({ label: 'Cost of goods sold', value: -cogs, kind: 'cost' });
  waterfall.push({ label: 'Gross profit', value: t.grossProfit[c], kind: 'total' });
  a.cost.lines.forEach((cost, l) => {
    const x = cost ? costAt(cost, c) : 0;
    if (x !== 0)
      waterfall.push({ label: COST_LINE_LABELS[COST_LINES[l]], value: -x, kind: 'cost' });
  });
  waterfall.push({ label: 'Net profit', value: a.netProfit[c], kind: 'total' });

  const causes = causesOf(a.causes, c);
  const seg = a.classes.segment[c];
  let summary: string;
  if (seg < 0)
    summary = `No revenue in this period: outside the matrix (net profit ${formatMoney(a.netProfit[c])}).`;
  else {
    const reason = causes.length ? ` Main cause: ${causes[0].text}.` : '';
    summary = `${SEGMENTS[seg]} → ${tierOf(a, settings, c)}: ${actionOf(a, settings, c)}.${reason}`;
  }
  return { waterfall, causes, summary };
}
