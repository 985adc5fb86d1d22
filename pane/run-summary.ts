/**
 * What the pane shows after a run, from the core's analysis: every host builds its RunSummary
 * here, so the Excel pane and the Sheets sidebar report the same numbers in the same words.
 */
import type { Analysis } from '../core/analyze.js';
import { causeLabel, causesOf, moneyLoserCauses } from '../core/causes.js';
import { recommendationText } from '../core/customer-action.js';
import { recommendationAt } from '../core/exit-economics.js';
import { scenarioBase } from '../core/scenario-base.js';
import { capacityLine, sensitivityLine } from '../core/scenario-words.js';
import { whaleBenchmark, whaleOrder } from '../core/whale-curve.js';
import type { RunSummary } from './host.js';

/** The first rejected rows the pane lists; the Data Issues sheet has them all. */
export const REJECTED_SHOWN = 200;
/** Money-losers the pane names; the Customers sheet lists them all. */
export const LOSERS_SHOWN = 5;
/** Values per group column the pane shows; the Groups sheet has them all. */
export const GROUP_VALUES_SHOWN = 12;

/**
 * The summary of a run. Both hosts build it where the pane runs (the Sheets run is stepwise, in
 * the sidebar), so the What-if columns go by reference, whatever the number of customers.
 */
export function summarizeRun(a: Analysis, sheets: string[], sourceSheet: string): RunSummary {
  return {
    matrix: a.matrix,
    whaleReading: a.whale.reading,
    peakShareOfProfit: a.whale.peakShareOfProfit,
    peakAtShareOfCustomers: a.whale.peakAtShareOfCustomers,
    customers: a.totals.customers,
    revenue: a.totals.revenue,
    netProfit: a.totals.netProfit,
    rowsUsed: a.rows.used,
    rejected: a.rows.rejected.slice(0, REJECTED_SHOWN),
    rejectedCount: a.rows.rejected.length,
    sheets,
    sourceSheet,
    losers: biggestLosers(a),
    ...(a.groups.length
      ? {
          groups: a.groups.map((g) => ({
            column: g.column,
            values: g.values.slice(0, GROUP_VALUES_SHOWN),
            valueCount: g.values.length,
          })),
        }
      : {}),
    ...(a.trend ? { trend: { periods: a.trend.periods, totals: a.trend.totals } } : {}),
    moneyLosers: a.totals.moneyLosers,
    loserCauses: moneyLoserCauses(a.causes),
    exit: a.exit.totals,
    benchmark: a.whale.customers ? whaleBenchmark(a.whale) : '',
    warnings: a.warnings,
    unpriced: a.unpriced,
    decisionNotes: [
      ...a.cost.capacity.map((r, i) => capacityLine(r, a.settings.capacity[i].minutes)),
      ...(a.sensitivity ? [sensitivityLine(a.sensitivity, a.totals.matrixCustomers)] : []),
    ],
    whatIfBase: scenarioBase(a.customers),
  };
}

/** The most negative net profits, worst first: the whale order read from its end. */
function biggestLosers(a: Analysis): RunSummary['losers'] {
  const order = whaleOrder(a),
    out: NonNullable<RunSummary['losers']> = [];
  for (
    let i = order.length - 1;
    i >= 0 && out.length < LOSERS_SHOWN && a.netProfit[order[i]] < 0;
    i--
  ) {
    const c = order[i];
    const cause = causesOf(a.causes, c)[0];
    const recommendation = recommendationAt(
      a.classes.segment[c],
      a.netProfit[c],
      a.exit.exitImpact[c],
    );
    out.push({
      customer: a.customers.keys[c],
      name: a.customers.names[c],
      netProfit: a.netProfit[c],
      cause: cause ? causeLabel(cause) : undefined,
      recommendation,
      advice: recommendation ? recommendationText(a, c) : undefined,
    });
  }
  return out;
}
