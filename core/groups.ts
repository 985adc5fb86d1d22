/**
 * Groups: profitability by any dimension (DOMAIN.md §14). Any column can be a group
 * (`groupBy: ["Region", "Channel"]`); a customer's group value is the value carrying most of its
 * revenue over its rows (ties: the alphabetically first; blank → "(blank)"). Segmentation stays
 * global: the groups only add up the customers of the one analysis.
 */

import { tierOf } from './customer-action.js';
import { BLANK_GROUP } from './defaults.js';
import { GroupSum } from './exact-sum.js';
import type { PeriodAnalysis } from './price-and-segment.js';
import type { Settings } from './settings.js';
import { settingsTierNames } from './tier-names.js';

export { BLANK_GROUP } from './defaults.js';

/**
 * One group column: its distinct values (interned text, blank as "(blank)") and, per row or per
 * customer, the index of its value into `values`.
 */
export interface GroupColumn {
  /** The header, as the user wrote it in `groupBy`. */
  column: string;
  values: string[];
  of: Int32Array;
}

/** One value of a group column with its customers' totals (all customers, matrix or not). */
export interface GroupValue {
  value: string;
  customers: number;
  revenue: number;
  grossProfit: number;
  costToServe: number;
  netProfit: number;
  /** netProfit / revenue; null when revenue ≤ 0. */
  netMargin: number | null;
  /** netProfit / total net profit; null when the total is ≤ 0 (DOMAIN.md §17). */
  shareOfProfit: number | null;
  /** Matrix customers with net profit < 0 (as the totals count them). */
  moneyLosers: number;
  /** Their net profit summed (≤ 0): what the money-losers of this value give back. */
  moneyLosersNetProfit: number;
  /** Customers per tier name, every tier of the settings (0 included); No-revenue ones in none. */
  tiers: Record<string, number>;
}

export interface GroupTable {
  column: string;
  /** Net profit descending, ties by value ascending. */
  values: GroupValue[];
}

/** A group cell as text: the label of a blank. Example: `groupText('')` → '(blank)'. */
export function groupText(text: string): string {
  return text === '' ? BLANK_GROUP : text;
}

/**
 * Each customer's value of a row-level group column: the value whose rows carry most of the
 * customer's revenue (exact sums, so the choice never depends on row order); on a tie the
 * alphabetically first (by code unit, as keys are ordered). `customerOf(i)` is row i's customer
 * in 0…n−1, or −1 for a row left out (another period).
 * Example: rows (A, North, 60), (A, South, 40), (A, South, 30) → A's value is South (70 > 60).
 */
export function dominantValues(
  rows: GroupColumn,
  revenue: Float64Array,
  customerOf: (row: number) => number,
  n: number,
): GroupColumn {
  const of = new Int32Array(n).fill(-1);
  const mixed = new Uint8Array(n);
  let anyMixed = false;
  for (let i = 0; i < rows.of.length; i++) {
    const c = customerOf(i);
    if (c < 0) continue;
    const v = rows.of[i];
    if (of[c] < 0) of[c] = v;
    else if (of[c] !== v) {
      mixed[c] = 1;
      anyMixed = true;
    }
  }
  if (anyMixed) {
    // Only customers with several values need sums: one slot per (customer, value) pair.
    const slot = new Map<number, number>();
    const pairCustomer: number[] = [],
      pairValue: number[] = [];
    const m = rows.values.length;
    const sums = new GroupSum(rows.of.length);
    for (let i = 0; i < rows.of.length; i++) {
      const c = customerOf(i);
      if (c < 0 || !mixed[c]) continue;
      const key = c * m + rows.of[i]; // below 2^53 for any table a host can hold
      let s = slot.get(key);
      if (s === undefined) {
        s = pairCustomer.length;
        slot.set(key, s);
        pairCustomer.push(c);
        pairValue.push(rows.of[i]);
      }
      sums.add(s, revenue[i]);
    }
    const total = sums.result();
    const best = new Float64Array(n).fill(-Infinity);
    for (let s = 0; s < pairCustomer.length; s++) {
      const c = pairCustomer[s],
        v = pairValue[s];
      if (total[s] > best[c] || (total[s] === best[c] && rows.values[v] < rows.values[of[c]])) {
        best[c] = total[s];
        of[c] = v;
      }
    }
  }
  return { column: rows.column, values: rows.values, of };
}

/**
 * Per value of each group column: customers, revenue, gross profit, cost-to-serve, net profit,
 * net margin, share of total net profit, money-losers and customers per tier. Money is summed
 * exactly; the values of a column add up to the analysis totals.
 * Example: North (A: revenue 100, net 30) and South (B: 50, −10) → North 30 (share 1.5), South −10.
 */
export function groupTables(a: PeriodAnalysis, settings: Settings): GroupTable[] {
  const t = a.customers;
  const names = settingsTierNames(settings);
  const index = new Map(names.map((name, i) => [name, i]));
  const total = a.totals.netProfit;
  return t.groups.map((g) => {
    const k = g.values.length;
    const count = new Int32Array(k),
      losers = new Int32Array(k),
      tiers = new Int32Array(k * names.length);
    const rev = new GroupSum(k),
      gp = new GroupSum(k),
      cts = new GroupSum(k),
      np = new GroupSum(k),
      lost = new GroupSum(k);
    for (let c = 0; c < t.n; c++) {
      const v = g.of[c];
      count[v]++;
      rev.add(v, t.revenue[c]);
      gp.add(v, t.grossProfit[c]);
      cts.add(v, a.cost.total[c]);
      np.add(v, a.netProfit[c]);
      const tier = tierOf(a, settings, c);
      if (tier === null) continue;
      tiers[v * names.length + index.get(tier)!]++;
      if (a.netProfit[c] < 0) {
        losers[v]++;
        lost.add(v, a.netProfit[c]);
      }
    }
    const R = rev.result(),
      G = gp.result(),
      C = cts.result(),
      P = np.result(),
      L = lost.result();
    const values: GroupValue[] = [];
    for (let v = 0; v < k; v++) {
      if (!count[v]) continue; // a value only on rows of another period
      const perTier: Record<string, number> = {};
      names.forEach((name, i) => {
        perTier[name] = tiers[v * names.length + i];
      });
      values.push({
        value: g.values[v],
        customers: count[v],
        revenue: R[v],
        grossProfit: G[v],
        costToServe: C[v],
        netProfit: P[v],
        netMargin: R[v] > 0 ? P[v] / R[v] : null,
        shareOfProfit: total > 0 ? P[v] / total : null,
        moneyLosers: losers[v],
        moneyLosersNetProfit: L[v],
        tiers: perTier,
      });
    }
    values.sort(
      (x, y) => y.netProfit - x.netProfit || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0),
    );
    return { column: g.column, values };
  });
}
