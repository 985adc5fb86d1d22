/**
 * Exit economics (DOMAIN.md §10): "exit" is advice only where leaving the customer raises profit.
 * Each cost line is avoidable (it goes with the customer) or stranded (it stays and lands on the
 * other customers):
 *
 *   exitImpact(c)           = −grossProfit(c) + Σ_line avoidable_line × cost_line(c)
 *   breakEvenPriceChange(c) = −netProfit(c) / revenue(c)   (money-losers; else null)
 *
 * Default shares: the direct-rate part of a driver is avoidable, its pool and capacity parts are
 * stranded (people and space stay when one customer leaves); cost of capital is avoidable; cost of
 * goods goes with the revenue. A share set in `avoidable` covers the whole cost of that line.
 * A money-loser (matrix customer with netProfit < 0) is told to exit only when exitImpact > 0,
 * otherwise to reprice by its break-even price change.
 */
import type { CustomerTable } from './aggregate.js';
import { type CostToServe, costAt } from './cost-to-serve.js';
import { exactSum } from './exact-sum.js';
import type { Settings } from './settings.js';
import { COST_LINES, type CostLine } from './types.js';

export type Recommendation = 'exit' | 'reprice';

/** Where an avoidable share comes from, for the Assumptions sheet. */
export type ShareSource = 'setting' | 'direct' | 'pool' | 'capacity' | 'mixed' | 'none';

export interface ExitEconomics {
  /** Avoidable share of each cost line, in [0, 1]. */
  shares: Record<CostLine, number>;
  shareSources: Record<CostLine, ShareSource>;
  /** Change in total net profit if this customer alone leaves (> 0: profit rises). */
  exitImpact: Float64Array;
  /** Cost-to-serve that stays when the customer leaves, re-spread over the others. */
  stranded: Float64Array;
  /** Money-losers whose exit raises profit, the profit their exits gain, the cost they strand. */
  totals: { helps: number; gain: number; strandedCost: number };
}

/**
 * The avoidable share of each cost line. Example: orders priced by a pool and deliveries by a
 * rate of 40 → orders 0 (source 'pool'), deliveries 1 ('direct'); `avoidable: {orders: 0.3}`
 * makes orders 0.3 ('setting').
 */
export function avoidableShares(
  cost: Pick<CostToServe, 'rateParts'>,
  settings: Pick<Settings, 'avoidable'>,
): { shares: Record<CostLine, number>; sources: Record<CostLine, ShareSource> } {
  const shares = {} as Record<CostLine, number>;
  const sources = {} as Record<CostLine, ShareSource>;
  for (const line of COST_LINES) {
    const set = settings.avoidable[line];
    if (set !== undefined) {
      shares[line] = set;
      sources[line] = 'setting';
      continue;
    }
    if (line === 'paymentDays') {
      shares[line] = 1;
      sources[line] = 'direct';
      continue;
    }
    const p = cost.rateParts[line],
      rate = p.direct + p.pool + p.capacity;
    shares[line] = rate > 0 ? p.direct / rate : 1;
    const parts = (['direct', 'pool', 'capacity'] as const).filter((k) => p[k] > 0);
    sources[line] = parts.length === 0 ? 'none' : parts.length === 1 ? parts[0] : 'mixed';
  }
  return { shares, sources };
}

/**
 * A customer's avoidable cost per cost line (money that goes if it leaves); lines that cost
 * nothing are left out. Scenarios (§11) use it for `exit: true`.
 * Example: 10 orders at a direct rate of 25 and 4 deliveries from a pool of 40 each →
 * `{orders: 250}` (the deliveries' 160 is stranded).
 */
export function avoidableCost(
  cost: Pick<CostToServe, 'lines'>,
  shares: Record<CostLine, number>,
  c: number,
): Partial<Record<CostLine, number>> {
  const out: Partial<Record<CostLine, number>> = {};
  cost.lines.forEach((col, l) => {
    if (!col) return;
    const x = costAt(col, c) * shares[COST_LINES[l]];
    if (x !== 0) out[COST_LINES[l]] = x;
  });
  return out;
}

/**
 * Exit impact and stranded cost of every customer, and the totals over the money-losers whose
 * exit helps. `segment` is -1 outside the matrix (those are never money-losers).
 * Example: gross profit 100, orders 150 at a direct rate (avoidable), deliveries 40 from a pool
 * (stranded): net profit −90, exitImpact = −100 + 150 = 50 > 0 → exit; stranded 40.
 */
export function exitEconomics(
  t: Pick<CustomerTable, 'n' | 'grossProfit'>,
  cost: Pick<CostToServe, 'lines' | 'total' | 'rateParts'>,
  netProfit: Float64Array,
  segment: Int8Array,
  settings: Pick<Settings, 'avoidable'>,
): ExitEconomics {
  const n = t.n;
  const { shares, sources } = avoidableShares(cost, settings);
  const avoidable = new Float64Array(n);
  cost.lines.forEach((col, l) => {
    const share = shares[COST_LINES[l]];
    if (!col || share === 0) return;
    for (let c = 0; c < n; c++) avoidable[c] += costAt(col, c) * share;
  });
  const exitImpact = new Float64Array(n),
    stranded = new Float64Array(n);
  const gains: number[] = [],
    strandedOfExits: number[] = [];
  for (let c = 0; c < n; c++) {
    exitImpact[c] = avoidable[c] - t.grossProfit[c];
    // cost-to-serve less the avoidable part, so exitImpact + stranded = −netProfit exactly as summed
    stranded[c] = cost.total[c] - avoidable[c];
    if (recommendationAt(segment[c], netProfit[c], exitImpact[c]) === 'exit') {
      gains.push(exitImpact[c]);
      strandedOfExits.push(stranded[c]);
    }
  }
  return {
    shares,
    shareSources: sources,
    exitImpact,
    stranded,
    totals: { helps: gains.length, gain: exactSum(gains), strandedCost: exactSum(strandedOfExits) },
  };
}

/**
 * Exit for a money-loser whose exit raises profit, reprice for any other money-loser, null for
 * everyone else (a break-even or profitable customer is never told to exit).
 * Example: `recommendationAt(2, -90, 50)` → 'exit'; `recommendationAt(2, -90, -10)` → 'reprice'.
 */
export function recommendationAt(
  segment: number,
  netProfit: number,
  exitImpact: number,
): Recommendation | null {
  if (segment < 0 || !(netProfit < 0)) return null;
  return exitImpact > 0 ? 'exit' : 'reprice';
}

/**
 * The price change that brings a money-loser to break-even: −netProfit / revenue (0.032 = a
 * 3.2 % price rise, cost of goods unchanged); null for anyone else.
 * Example: net profit −32 on revenue 1,000 → 0.032.
 */
export function breakEvenPriceChange(
  segment: number,
  netProfit: number,
  revenue: number,
): number | null {
  return segment >= 0 && netProfit < 0 && revenue > 0 ? -netProfit / revenue : null;
}
