/**
 * The analysis as one plain JSON object (the CLI's `--json`, and what hosts show in summaries).
 * Customers come in whale order (core/whale-curve.ts), so the output never depends on row order.
 */
import type { Analysis } from './analyze.js';
import { assumptions, type RunInfo } from './assumptions.js';
import { costAt } from './cost-to-serve.js';
import { actionOf, tierOf } from './customer-action.js';
import { SEGMENTS } from './defaults.js';
import { breakEvenPriceChange, type Recommendation, recommendationAt } from './exit-economics.js';
import { explainCustomer, type Why } from './explain.js';
import type { GroupColumn } from './groups.js';
import { netMarginOf } from './price-and-segment.js';
import { scenarioJson, sensitivityJson } from './scenario-json.js';
import { firstContactResolution } from './service-quality.js';
import {
  COST_LINES,
  type CostLine,
  DRIVERS,
  type Driver,
  PROFIT_CLASSES,
  SIZE_CLASSES,
} from './types.js';
import { whaleBenchmark, whaleOrder } from './whale-curve.js';

export interface CustomerRecord {
  customer: string;
  name: string;
  revenue: number;
  grossProfit: number;
  costToServe: number;
  netProfit: number;
  /** null when revenue ≤ 0. */
  netMargin: number | null;
  size: string | null;
  profitability: string | null;
  segment: string | null;
  tier: string | null;
  action: string | null;
  /** Cost per cost line (money), only lines that cost something. */
  drivers: Partial<Record<CostLine, number>>;
  /** Activity volumes and payment days, as aggregated. */
  volumes: Partial<Record<Driver | 'paymentDays', number>>;
  /** Discount in money (DOMAIN.md §1a); null without a discount column. */
  discount: number | null;
  /** Change in total net profit if this customer alone leaves (§10; > 0: profit rises). */
  exitImpact: number;
  /** −netProfit / revenue for a money-loser (0.032: a 3.2 % price rise breaks even); else null. */
  breakEvenPriceChange: number | null;
  /** For a money-loser: exit when its exit raises profit, else reprice; null for the others. */
  recommendation: Recommendation | null;
  /** 1 − repeat contacts / contacts (§16); null without both columns or without contacts. */
  firstContactResolution: number | null;
  why: Why;
  /** The sensitivity moves that change this customer's tier (§12); absent when sensitivity is off. */
  fragile?: string[];
  /** Group column → this customer's value (§14); only with `groupBy`. */
  groups?: Record<string, string>;
}

export function customerRecord(a: Analysis, c: number): CustomerRecord {
  const t = a.customers,
    seg = a.classes.segment[c];
  const drivers: Partial<Record<CostLine, number>> = {};
  a.cost.lines.forEach((cost, l) => {
    const x = cost ? costAt(cost, c) : 0;
    if (x !== 0) drivers[COST_LINES[l]] = x;
  });
  const volumes: Partial<Record<Driver | 'paymentDays', number>> = {};
  t.volumes.forEach((v, d) => {
    if (v) volumes[DRIVERS[d]] = v[c];
  });
  if (t.paymentDays) volumes.paymentDays = t.paymentDays[c];
  return {
    customer: t.keys[c],
    name: t.names[c],
    revenue: t.revenue[c],
    grossProfit: t.grossProfit[c],
    costToServe: a.cost.total[c],
    netProfit: a.netProfit[c],
    netMargin: netMarginOf(a, c),
    size: seg < 0 ? null : SIZE_CLASSES[a.classes.size[c]],
    profitability: seg < 0 ? null : PROFIT_CLASSES[a.classes.profit[c]],
    segment: seg < 0 ? null : SEGMENTS[seg],
    tier: tierOf(a, a.settings, c),
    action: actionOf(a, a.settings, c),
    drivers,
    volumes,
    discount: t.discount ? t.discount[c] : null,
    exitImpact: a.exit.exitImpact[c],
    breakEvenPriceChange: breakEvenPriceChange(seg, a.netProfit[c], t.revenue[c]),
    recommendation: recommendationAt(seg, a.netProfit[c], a.exit.exitImpact[c]),
    firstContactResolution: a.service
      ? firstContactResolution(volumes.contacts ?? 0, volumes.repeatContacts ?? 0)
      : null,
    why: explainCustomer(a, a.settings, c),
    ...(a.sensitivity ? { fragile: a.sensitivity.fragile(c) } : {}),
    ...(t.groups.length ? { groups: groupsOf(t.groups, c) } : {}),
  };
}

/** `{ Region: 'North', Channel: 'Web' }` for customer `c`. */
function groupsOf(groups: GroupColumn[], c: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of groups) out[g.column] = g.values[g.of[c]];
  return out;
}

/** The whole analysis as the documented JSON object; `run` names the input and the time. */
export function resultJson(a: Analysis, run: RunInfo = {}) {
  const { curve, ...whale } = a.whale;
  return {
    customers: Array.from(whaleOrder(a), (c) => customerRecord(a, c)),
    matrix: a.matrix,
    whale: { ...whale, benchmark: whaleBenchmark(a.whale), curve },
    concierge: a.concierge,
    exit: a.exit.totals,
    service: a.service,
    totals: a.totals,
    rows: a.rows,
    input: a.input,
    rates: a.cost.rates,
    capacity: a.cost.capacity,
    warnings: a.warnings,
    assumptions: assumptions(a, run),
    ...(a.migration ? { period: a.period, migration: a.migration } : {}),
    ...(a.previousRows ? { previousRows: a.previousRows } : {}),
    scenarios: a.scenarios.map((sc) =>
      scenarioJson(sc, whaleOrder(a), a.customers.keys, a.settings.tiers),
    ),
    sensitivity: a.sensitivity ? sensitivityJson(a.sensitivity) : null,
    ...(a.groups.length ? { groups: a.groups } : {}),
    ...(a.trend ? { trend: a.trend } : {}),
  };
}
