/**
 * The JSON of what-if scenarios (§11) and sensitivity (§12), for `--json` and the hosts:
 * `scenarios: [{name, totals, delta, matrix, moves, customers: [{customer, netProfit, tier}], …}]`
 * and `sensitivity: {change, fragileCustomers, inputs: [{input, up, down}]}`.
 */
import { EXITED } from './defaults.js';
import type { ScenarioResult } from './scenario.js';
import type { Sensitivity } from './sensitivity.js';
import { EXITED_SEGMENT, tierState } from './tier-moves.js';

export interface ScenarioCustomer {
  customer: string;
  /** Net profit in the scenario; 0 for a customer who exits. */
  netProfit: number;
  /** Tier in the scenario; null outside the matrix (revenue ≤ 0), "Exited" for one who leaves. */
  tier: string | null;
}

/**
 * One scenario as JSON, its customers in `order` (the baseline's whale order, so they line up
 * with the analysis' own `customers`). Example: `{name: 'Reprice', totals: {…}, delta:
 * {netProfit: 1250, …}, moves: [{from: 'Fix', to: 'Maintain', count: 1}], customers: […]}`.
 */
export function scenarioJson(
  sc: ScenarioResult,
  order: ArrayLike<number>,
  keys: readonly string[],
  tiers: readonly string[],
) {
  const customers: ScenarioCustomer[] = new Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const c = order[i],
      seg = sc.segment[c];
    customers[i] = {
      customer: keys[c],
      netProfit: sc.netProfit[c],
      tier:
        seg === EXITED_SEGMENT ? EXITED : seg < 0 ? null : tierState(seg, sc.cut?.[c] === 1, tiers),
    };
  }
  return {
    name: sc.name,
    totals: sc.totals,
    delta: sc.delta,
    matrix: sc.matrix,
    moves: sc.moves,
    exited: sc.exited,
    capacity: sc.capacity,
    warnings: sc.warnings,
    customers,
  };
}

/** The population-level sensitivity figures (per-customer moves go on each customer as `fragile`). */
export function sensitivityJson(s: Sensitivity) {
  return { change: s.change, fragileCustomers: s.fragileCustomers, inputs: s.inputs };
}
