/**
 * Whale curve (DOMAIN.md §6): customers sorted by net profit, descending; point k has
 * x = k / n and y = cumulative net profit of the first k / total net profit. The peak is the
 * largest y (the smallest x where it first occurs); money-losers give back what lies past it.
 * Kaplan's benchmark figures: the net profit of the first ceil(0.2 n) customers and of the last
 * ceil(0.1 n), as shares of the total when it is > 0, in money always.
 */
import { ExactSum, exactSum } from './exact-sum.js';
import { formatMoney, formatPercent } from './format.js';
import { sortFloat64 } from './sort-float64.js';

export interface WhalePoint {
  shareOfCustomers: number;
  shareOfProfit: number | null;
  customers: number;
  cumulativeProfit: number;
}

export interface WhaleCurve {
  customers: number;
  totalNetProfit: number;
  /** Max y; null when total net profit ≤ 0 (shares of a loss mean nothing). */
  peakShareOfProfit: number | null;
  /** x of the peak: the smallest share of customers that earns the peak. */
  peakAtShareOfCustomers: number;
  peakCustomers: number;
  /** Cumulative net profit at the peak, in money. */
  peakProfit: number;
  moneyLosers: number;
  /** Net profit lost by money-losers, as a positive amount. */
  profitDestroyed: number;
  /** profitDestroyed / total net profit; null when total ≤ 0. */
  destroyedShareOfProfit: number | null;
  /** Σ net profit of the most profitable ceil(0.2 n) customers / total; null when total ≤ 0. */
  top20Share: number | null;
  /** Σ net profit of the least profitable ceil(0.1 n) / total (negative when they lose money); null when total ≤ 0. */
  bottom10Share: number | null;
  /** The same two sums in money. */
  top20Profit: number;
  bottom10Profit: number;
  /** Points from (0, 0) to (1, 1): every customer up to `everyPointUpTo` (200), else `points` + 1 evenly spaced plus the peak. */
  curve: WhalePoint[];
  /** One line for a person, e.g. "the top 22 % of customers earn 160 % of profit; money-losers give back 60 %". */
  reading: string;
}

/** What whale order needs of an analysis: its net profits and customer keys, index-aligned. */
export interface Ranked {
  readonly netProfit: ArrayLike<number>;
  readonly customers: { readonly keys: readonly string[] };
}

const whaleOrders = new WeakMap<Ranked, Int32Array>();

/**
 * Customer indexes in whale order: net profit descending, then key ascending, so anything listed
 * in this order never depends on row order. Sorted once per analysis (the report sheets, the
 * pane's summary and --json all ask for it); do not modify the result.
 * Example: net profits [40, 180, 40] with keys [B, C, A] → [1, 2, 0] (C, then A before B).
 */
export function whaleOrder(a: Ranked): Int32Array {
  let idx = whaleOrders.get(a);
  if (idx) return idx;
  idx = new Int32Array(a.netProfit.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  const np = a.netProfit,
    keys = a.customers.keys;
  idx.sort((x, y) => np[y] - np[x] || (keys[x] < keys[y] ? -1 : keys[x] > keys[y] ? 1 : 0));
  whaleOrders.set(a, idx);
  return idx;
}

/**
 * Builds the whale curve of the given net profits (one per customer).
 * Example: net profits [60, 50, -10] → total 100, peak 110 % at 2/3 of customers, losers give back 10 %.
 */
export function whaleCurve(
  netProfit: ArrayLike<number>,
  points = 100,
  everyPointUpTo = 200,
  sortInPlace = false,
): WhaleCurve {
  // ascending; walked from the end. A caller that hands over its own scratch array saves a copy.
  const sorted = sortFloat64(
    sortInPlace && netProfit instanceof Float64Array ? netProfit : Float64Array.from(netProfit),
  );
  const n = sorted.length;
  const total = exactSum(sorted);
  const shares = total > 0;
  // Two walks down the sorted profits instead of a stored cumulative array: the first finds the
  // peak, the second records the cumulative profit at the points the curve keeps.
  const walk = (visit: (k: number, cum: number) => void) => {
    const sum = new ExactSum();
    for (let k = 1; k <= n; k++) {
      sum.add(sorted[n - k]);
      visit(k, sum.value);
    }
  };
  let peakK = 0,
    peak = n === 0 ? 0 : -Infinity;
  walk((k, cum) => {
    if (cum > peak) {
      peak = cum;
      peakK = k;
    }
  });
  let losers = 0;
  while (losers < n && sorted[losers] < 0) losers++;
  const destroyed = -exactSum(sorted, 0, losers);
  const top20 = Math.ceil(0.2 * n),
    bottom10 = Math.ceil(0.1 * n);
  const top20Profit = exactSum(sorted, n - top20, n),
    bottom10Profit = exactSum(sorted, 0, bottom10);
  const ks = new Set<number>();
  if (n <= everyPointUpTo) for (let k = 0; k <= n; k++) ks.add(k);
  else for (let i = 0; i <= points; i++) ks.add(Math.round((i * n) / points));
  ks.add(peakK);
  const wanted = [...ks].sort((a, b) => a - b);
  const cumAt = new Map<number, number>([[0, 0]]);
  walk((k, cum) => {
    if (ks.has(k)) cumAt.set(k, cum);
  });
  const curve = wanted.map((k): WhalePoint => {
    const cum = cumAt.get(k)!;
    return {
      shareOfCustomers: n ? k / n : 0,
      shareOfProfit: shares ? cum / total : null,
      customers: k,
      cumulativeProfit: cum,
    };
  });
  const w: WhaleCurve = {
    customers: n,
    totalNetProfit: total,
    peakShareOfProfit: shares ? peak / total : null,
    peakAtShareOfCustomers: n ? peakK / n : 0,
    peakCustomers: peakK,
    peakProfit: peak,
    moneyLosers: losers,
    profitDestroyed: destroyed === 0 ? 0 : destroyed,
    destroyedShareOfProfit: shares ? destroyed / total : null,
    top20Share: shares ? top20Profit / total : null,
    bottom10Share: shares ? bottom10Profit / total : null,
    top20Profit: top20Profit === 0 ? 0 : top20Profit,
    bottom10Profit: bottom10Profit === 0 ? 0 : bottom10Profit,
    curve,
    reading: '',
  };
  w.reading = whaleReading(w);
  return w;
}

function whaleReading(w: WhaleCurve): string {
  if (w.customers === 0) return 'no customers with revenue';
  const top = `the top ${notWhole(w.peakAtShareOfCustomers)} of customers`;
  const losers = w.moneyLosers === 0 ? 'no customer loses money' : null;
  if (w.peakShareOfProfit === null && w.totalNetProfit === 0)
    return `customers break even overall: ${top} earn ${formatMoney(w.peakProfit)}; ${losers ?? `money-losers give back ${formatMoney(w.profitDestroyed)}`}`;
  if (w.peakShareOfProfit === null) {
    // §6/§17: a share of a loss reads as a profit; say it in money
    const total = `matrix customers (revenue > 0) lose ${formatMoney(-w.totalNetProfit)} in total`;
    if (!(w.peakProfit > 0))
      return `${total}: no customer earns a profit; money-losers lose ${formatMoney(w.profitDestroyed)}`;
    return `${total}: ${top} earn ${formatMoney(w.peakProfit)}; ${losers ?? `money-losers give back ${formatMoney(w.profitDestroyed)}`}`;
  }
  return `${top} earn ${notWhole(w.peakShareOfProfit)} of profit; ${losers ?? `money-losers give back ${formatPercent(w.destroyedShareOfProfit!)}`}`;
}

/**
 * A share that is not exactly 100 % never reads as "100 %": 11 money-losers among 10,294
 * customers leave the top 99.8 %, not "the top 100 %". Example: 0.99893 → "99.8 %";
 * 0.99996 → ">99.9 %"; 1.00004 → ">100 %".
 */
function notWhole(share: number): string {
  const text = formatPercent(share);
  if (share === 1 || text !== '100 %') return text;
  if (share > 1) return '>100 %';
  const tenth = Math.floor(share * 1000) / 10;
  return tenth >= 99.9 ? '>99.9 %' : `${tenth.toFixed(1)} %`;
}

/**
 * Kaplan's benchmark in one sentence: what the top 20 % and the bottom 10 % of customers earn,
 * as shares of profit when the total is > 0, else in money; '' without customers.
 * Example: "the top 20 % of customers earn 173 % of profit (Kaplan & Cooper: typically
 * 150–300 %); the bottom 10 % lose 45 % of it (the least profitable 10–20 % typically lose
 * 50–200 %)".
 */
export function whaleBenchmark(w: WhaleCurve): string {
  if (w.customers === 0) return '';
  if (w.top20Share === null || w.bottom10Share === null)
    return `the top 20 % of customers ${earnOrLose(w.top20Profit)}, the bottom 10 % ${earnOrLose(w.bottom10Profit)} (in money: matrix customers (revenue > 0) ${w.totalNetProfit < 0 ? `lose ${formatMoney(-w.totalNetProfit)}` : 'break even'} in total, so shares of profit would mislead)`;
  const bottom =
    w.bottom10Share < 0
      ? `lose ${formatPercent(-w.bottom10Share)} of it`
      : `earn ${formatPercent(w.bottom10Share)} of it`;
  return `the top 20 % of customers earn ${formatPercent(w.top20Share)} of profit (Kaplan & Cooper: typically 150–300 %); the bottom 10 % ${bottom} (the least profitable 10–20 % typically lose 50–200 %)`;
}

/** "earn 2,100" or "lose 60": never "earn -60". */
function earnOrLose(money: number): string {
  return money < 0 ? `lose ${formatMoney(-money)}` : `earn ${formatMoney(money)}`;
}
