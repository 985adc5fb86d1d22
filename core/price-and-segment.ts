/**
 * One period's customers → priced, segmented, tiered and explained (DOMAIN.md §2–6, §8).
 * Columnar throughout: typed arrays per measure, no object per customer.
 */
import type { CustomerTable } from './aggregate.js';
import { type CauseBasis, causeBasis } from './causes.js';
import { type Classes, classify } from './classify.js';
import { type ConciergeEconomics, conciergeCut, conciergeEconomics } from './concierge.js';
import { type CostToServe, costToServe, type DriverRates } from './cost-to-serve.js';
import { MAINTAIN } from './customer-action.js';
import { exactSum } from './exact-sum.js';
import { type ExitEconomics, exitEconomics } from './exit-economics.js';
import { type MatrixCell, profitMatrix, splitCells } from './matrix.js';
import { type ServiceQuality, serviceQuality } from './service-quality.js';
import type { Settings } from './settings.js';
import { type WhaleCurve, whaleCurve } from './whale-curve.js';

export interface Totals {
  customers: number;
  matrixCustomers: number;
  revenue: number;
  cogs: number;
  grossProfit: number;
  costToServe: number;
  netProfit: number;
  /** netProfit / revenue over all customers; null when revenue ≤ 0. */
  netMargin: number | null;
  /** The margin target of the bands method (null for other methods). */
  marginTarget: number | null;
  moneyLosers: number;
  /** Customers with revenue ≤ 0: outside the matrix, counted here. */
  noRevenue: { count: number; revenue: number; netProfit: number };
  /** Σ unused capacity cost of the capacity resources (§13): paid, but charged to no customer. */
  unusedCapacityCost: number;
}

export interface PeriodAnalysis {
  customers: CustomerTable;
  cost: CostToServe;
  netProfit: Float64Array;
  classes: Classes;
  /** Size-class medians the causes of §5 are measured against. */
  causes: CauseBasis;
  matrix: MatrixCell[];
  whale: WhaleCurve;
  concierge: ConciergeEconomics;
  /** 1 for a Concierge-segment customer given Maintain by conciergeMaxAccounts (§8); null when none is. */
  conciergeCut: Uint8Array | null;
  exit: ExitEconomics;
  /** First-contact resolution and the cost of repeat contacts (§16); null without both columns. */
  service: ServiceQuality | null;
  totals: Totals;
}

/**
 * Prices, segments and tiers one set of customers. `rates`, when given, price them instead of
 * rates spread over their own volumes (one rate for every period compared, §7). `directFactor`
 * scales direct rates per customer (a scenario's `rates` change, §11); the baseline passes none.
 */
export function priceAndSegment(
  t: CustomerTable,
  settings: Settings,
  rates?: DriverRates,
  directFactor?: readonly (Float64Array | null)[],
): PeriodAnalysis {
  const n = t.n;
  const cost = costToServe(n, t.revenue, t.volumes, t.paymentDays, settings, rates, directFactor);
  const netProfit = new Float64Array(n);
  for (let c = 0; c < n; c++) netProfit[c] = t.grossProfit[c] - cost.total[c];
  const classes = classify(t.revenue, netProfit, settings);
  const inMatrix = new Float64Array(matrixCount(classes.segment));
  const causes = causeBasis(
    t.revenue,
    t.grossProfit,
    t.discount,
    cost.lines,
    classes.size,
    netProfit,
  );
  const matrix = profitMatrix(
    classes.segment,
    t.revenue,
    t.grossProfit,
    cost.total,
    netProfit,
    settings,
  );

  let matrixCustomers = 0,
    losers = 0;
  const outRev: number[] = [],
    outProfit: number[] = [];
  for (let c = 0; c < n; c++) {
    if (classes.segment[c] < 0) {
      outRev.push(t.revenue[c]);
      outProfit.push(netProfit[c]);
      continue;
    }
    inMatrix[matrixCustomers++] = netProfit[c];
    if (netProfit[c] < 0) losers++;
  }
  const whale = whaleCurve(inMatrix, 100, 200, true);
  const revenue = exactSum(t.revenue),
    grossProfit = exactSum(t.grossProfit),
    cts = exactSum(cost.total),
    np = exactSum(netProfit);
  const totals: Totals = {
    customers: n,
    matrixCustomers,
    revenue,
    cogs: revenue - grossProfit,
    grossProfit,
    costToServe: cts,
    netProfit: np,
    netMargin: revenue > 0 ? np / revenue : null,
    marginTarget: Number.isNaN(classes.target) ? null : classes.target,
    moneyLosers: losers,
    noRevenue: { count: outRev.length, revenue: exactSum(outRev), netProfit: exactSum(outProfit) },
    unusedCapacityCost: exactSum(cost.capacity.map((r) => r.unusedCost)),
  };
  const cut = conciergeCut(
    classes.segment,
    netProfit,
    t.keys,
    settings.tiers,
    settings.conciergeMaxAccounts,
  );
  const moved = { count: 0, revenue: 0, netProfit: 0 };
  if (cut) {
    const rev: number[] = [],
      np: number[] = [];
    for (let c = 0; c < n; c++)
      if (cut[c]) {
        rev.push(t.revenue[c]);
        np.push(netProfit[c]);
      }
    Object.assign(moved, { count: rev.length, revenue: exactSum(rev), netProfit: exactSum(np) });
  }
  const concierge = conciergeEconomics(
    matrix,
    whale.totalNetProfit,
    settings.conciergeBudgetShare,
    moved,
  );
  const exit = exitEconomics(t, cost, netProfit, classes.segment, settings);
  const service = serviceQuality(t.volumes, cost.rates);
  return {
    customers: t,
    cost,
    netProfit,
    classes,
    causes,
    // §8: a Concierge cell cut by conciergeMaxAccounts shows both tiers with their counts
    matrix: cut ? splitCells(matrix, classes.segment, cut, MAINTAIN) : matrix,
    whale,
    concierge,
    conciergeCut: cut,
    exit,
    service,
    totals,
  };
}

function matrixCount(segment: Int8Array): number {
  let m = 0;
  for (let c = 0; c < segment.length; c++) if (segment[c] >= 0) m++;
  return m;
}

/** Net margin of customer `c`: net profit / revenue; null when revenue ≤ 0 (DOMAIN.md §2). */
export function netMarginOf(a: PeriodAnalysis, c: number): number | null {
  const r = a.customers.revenue[c];
  return r > 0 ? a.netProfit[c] / r : null;
}
