/**
 * Why a customer is where it is (DOMAIN.md §5): the waterfall from revenue to net profit, and its
 * top cost drivers with the multiple of the median and the action that answers each.
 */
import { costAt } from './cost-to-serve.js';
import { COST_LINE_LABELS, DRIVER_ACTIONS, SEGMENTS, TOP_DRIVERS } from './defaults.js';
import { formatMoney } from './format.js';
import type { PeriodAnalysis } from './price-and-segment.js';
import type { Settings } from './settings.js';
import { COST_LINES, type CostLine } from './types.js';

export interface WaterfallStep {
  label: string;
  /** Money: + for revenue and subtotals, − for costs. */
  value: number;
  /** Revenue, gross profit and net profit are totals; the rest are steps down. */
  kind: 'total' | 'cost';
}

export interface DriverReason {
  driver: CostLine;
  /** The customer's cost of this driver per $ of revenue, and the median customer's. */
  costPerRevenue: number;
  medianPerRevenue: number;
  /** costPerRevenue / medianPerRevenue; Infinity when the median customer has none. */
  multiple: number;
  action: string;
  /** e.g. "Orders: 3.1× the median per $ of revenue → minimum order size or order consolidation". */
  text: string;
}

export interface Why {
  waterfall: WaterfallStep[];
  topDrivers: DriverReason[];
  /** One sentence: the segment, the tier and the main reason. */
  summary: string;
}

/** The waterfall and reasons for customer `c`. Only cost lines that cost something appear. */
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

  const topDrivers: DriverReason[] = [];
  for (let j = 0; j < TOP_DRIVERS; j++) {
    const l = a.drivers.top[c * TOP_DRIVERS + j];
    if (l < 0) break;
    const driver = COST_LINES[l];
    const costPerRevenue = costAt(a.cost.lines[l]!, c) / t.revenue[c],
      medianPerRevenue = a.drivers.medians[l];
    const multiple = medianPerRevenue > 0 ? costPerRevenue / medianPerRevenue : Infinity;
    const times = Number.isFinite(multiple)
      ? `${multiple.toFixed(1)}× the median per $ of revenue`
      : `${(costPerRevenue * 100).toFixed(1)} ¢ per $ of revenue where the median customer has none`;
    topDrivers.push({
      driver,
      costPerRevenue,
      medianPerRevenue,
      multiple,
      action: DRIVER_ACTIONS[driver],
      text: `${COST_LINE_LABELS[driver]}: ${times} → ${DRIVER_ACTIONS[driver]}`,
    });
  }

  const seg = a.classes.segment[c];
  let summary: string;
  if (seg < 0)
    summary = `No revenue in this period: outside the matrix (net profit ${formatMoney(a.netProfit[c])}).`;
  else {
    const reason = topDrivers.length ? ` Main cost driver: ${topDrivers[0].text}.` : '';
    summary = `${SEGMENTS[seg]} → ${settings.tiers[seg]}: ${settings.actions[seg]}.${reason}`;
  }
  return { waterfall, topDrivers, summary };
}
