/**
 * Trend over many periods (DOMAIN.md §15): with a period column and more than two periods, every
 * period is analysed (the rows of all periods are used; one rate per pool over all rows, §7),
 * each segmented on its own. Reported per period: totals, customers per tier, new customers (in
 * this period, not in the one before) and lost ones (in the one before, not in this); per
 * customer its tier and net profit in each period; the 20 largest changes in net profit between
 * the last two periods.
 */
import { aggregate } from './aggregate.js';
import { driverRates } from './cost-to-serve.js';
import { tierOf } from './customer-action.js';
import { exactSum } from './exact-sum.js';
import { type PeriodAnalysis, priceAndSegment } from './price-and-segment.js';
import type { RowTable } from './read-rows.js';
import type { Settings } from './settings.js';
import { settingsTierNames } from './tier-names.js';

/** How many of the largest changes in net profit the trend lists. */
export const SWINGS = 20;

export interface CustomerSet {
  count: number;
  revenue: number;
  netProfit: number;
}

export interface TrendTotals {
  period: string;
  customers: number;
  revenue: number;
  netProfit: number;
  /** Customers per tier name (every tier of the settings, 0 included). */
  tiers: Record<string, number>;
  /** In this period, not in the one before, with this period's revenue and net profit; null for the first period. */
  new: CustomerSet | null;
  /** In the period before, not in this one, with that period's revenue and net profit; null for the first period. */
  lost: CustomerSet | null;
}

export interface TrendCustomer {
  customer: string;
  /** Tier per period; null where absent, or present without revenue (outside the matrix). */
  tiers: (string | null)[];
  /** Net profit per period; null where absent. */
  netProfit: (number | null)[];
}

/** A change in net profit between the last two periods; an absent customer counts as 0. */
export interface Swing {
  customer: string;
  from: number;
  to: number;
  change: number;
}

export interface Trend {
  periods: string[];
  totals: TrendTotals[];
  /** Every customer of any period, most net profit over all periods first, ties by key. */
  customers: TrendCustomer[];
  /** The SWINGS largest |change|, largest first, ties by key ascending. */
  swings: Swing[];
}

/**
 * Each period's customers priced at one set of rates: a pool's rate is its cost over the volumes
 * of all rows read, every period (§7), so a customer moves for what it bought and used, never
 * because a pool was spread over fewer orders. Example: a 1,000 orders pool over 40 orders in
 * four quarters prices every quarter at 25 an order.
 */
export function analysePeriods(
  rows: RowTable,
  periods: string[],
  settings: Settings,
): PeriodAnalysis[] {
  const price = sharedRatePricing(rows, settings);
  return periods.map((p) => price(aggregate(rows, p)));
}

/** The pricing of every period at the rates of all rows read (§7): one rate per pool. */
export function sharedRatePricing(
  rows: RowTable,
  settings: Settings,
): (t: ReturnType<typeof aggregate>) => PeriodAnalysis {
  const rates = driverRates(aggregate(rows).volumes, settings);
  return (t) => priceAndSegment(t, settings, rates);
}

/**
 * The trend of periods already analysed (`analyses[i]` is period `periods[i]`, in time order).
 * Example: customers A, B in 2023; A, C in 2024 → 2024 has new {C} and lost {B}; swings between
 * 2023 and 2024 list A's change, B's (to 0) and C's (from 0).
 */
export function trend(analyses: PeriodAnalysis[], periods: string[], settings: Settings): Trend {
  const names = settingsTierNames(settings);
  const P = periods.length;
  // Customers of all periods, in order of first appearance; index per key.
  const index = new Map<string, number>();
  const keys: string[] = [];
  const local = analyses.map((a) =>
    Int32Array.from(a.customers.keys, (k) => {
      let g = index.get(k);
      if (g === undefined) {
        g = keys.length;
        index.set(k, g);
        keys.push(k);
      }
      return g;
    }),
  );
  const N = keys.length;
  // Net profit per (customer, period): NaN where absent; tier per (customer, period): an index
  // into `names`, −1 without revenue, −2 absent.
  const profit = new Float64Array(N * P).fill(NaN);
  const tierAt = new Int8Array(N * P).fill(-2);
  const tierIndex = new Map(names.map((name, i) => [name, i]));
  analyses.forEach((a, p) => {
    local[p].forEach((g, c) => {
      profit[g * P + p] = a.netProfit[c];
      const tier = tierOf(a, settings, c);
      tierAt[g * P + p] = tier === null ? -1 : tierIndex.get(tier)!;
    });
  });

  const totals = analyses.map((a, p): TrendTotals => {
    const tiers: Record<string, number> = Object.fromEntries(names.map((t) => [t, 0]));
    for (let c = 0; c < a.customers.n; c++) {
      const tier = tierOf(a, settings, c);
      if (tier !== null) tiers[tier]++;
    }
    const row: TrendTotals = {
      period: periods[p],
      customers: a.totals.customers,
      revenue: a.totals.revenue,
      netProfit: a.totals.netProfit,
      tiers,
      new: null,
      lost: null,
    };
    if (p > 0) {
      row.new = arrivals(a, local[p], (g) => tierAt[g * P + p - 1] === -2);
      row.lost = arrivals(analyses[p - 1], local[p - 1], (g) => tierAt[g * P + p] === -2);
    }
    return row;
  });

  const sum = new Float64Array(N);
  for (let g = 0; g < N; g++) {
    const own: number[] = [];
    for (let p = 0; p < P; p++) if (!Number.isNaN(profit[g * P + p])) own.push(profit[g * P + p]);
    sum[g] = exactSum(own);
  }
  const order = byKeyAfter(
    keys,
    Array.from(keys, (_, g) => g),
    (x, y) => sum[y] - sum[x],
  );
  const customers = order.map(
    (g): TrendCustomer => ({
      customer: keys[g],
      tiers: Array.from({ length: P }, (_, p) => {
        const t = tierAt[g * P + p];
        return t < 0 ? null : names[t];
      }),
      netProfit: Array.from({ length: P }, (_, p) => {
        const x = profit[g * P + p];
        return Number.isNaN(x) ? null : x;
      }),
    }),
  );

  const swings: Swing[] = [];
  if (P >= 2) {
    const at = (g: number, p: number) => {
      const x = profit[g * P + p];
      return Number.isNaN(x) ? 0 : x;
    };
    const either: number[] = [];
    for (let g = 0; g < N; g++)
      if (tierAt[g * P + P - 2] !== -2 || tierAt[g * P + P - 1] !== -2) either.push(g);
    const change = (g: number) => at(g, P - 1) - at(g, P - 2);
    for (const g of byKeyAfter(
      keys,
      either,
      (x, y) => Math.abs(change(y)) - Math.abs(change(x)),
    ).slice(0, SWINGS))
      swings.push({ customer: keys[g], from: at(g, P - 2), to: at(g, P - 1), change: change(g) });
  }
  return { periods, totals, customers, swings };
}

/** Count, revenue and net profit of the customers of `a` whose (global) index passes `pick`. */
function arrivals(a: PeriodAnalysis, local: Int32Array, pick: (g: number) => boolean): CustomerSet {
  const revenue: number[] = [],
    profit: number[] = [];
  local.forEach((g, c) => {
    if (!pick(g)) return;
    revenue.push(a.customers.revenue[c]);
    profit.push(a.netProfit[c]);
  });
  return { count: revenue.length, revenue: exactSum(revenue), netProfit: exactSum(profit) };
}

/** `items` sorted by `compare`, ties by key ascending. */
function byKeyAfter(
  keys: string[],
  items: number[],
  compare: (x: number, y: number) => number,
): number[] {
  return items.sort(
    (x, y) => compare(x, y) || (keys[x] < keys[y] ? -1 : keys[x] > keys[y] ? 1 : 0),
  );
}
