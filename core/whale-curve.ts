/**
 * Whale curve (DOMAIN.md §6): customers sorted by net profit, descending; point k has
 * x = k / n and y = cumulative net profit of the first k / total net profit. The peak is the
 * largest y (the smallest x where it first occurs); money-losers give back what lies past it.
 */
import { exactSum } from './exact-sum.js';
import { formatMoney, formatPercent } from './format.js';

export interface WhalePoint { shareOfCustomers: number; shareOfProfit: number | null; customers: number; cumulativeProfit: number }

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
  /** Points from (0, 0) to (1, 1): every customer up to `everyPointUpTo` (200), else `points` + 1 evenly spaced plus the peak. */
  curve: WhalePoint[];
  /** One line for a person, e.g. "the top 22 % of customers earn 160 % of profit; money-losers give back 60 %". */
  reading: string;
}

/**
 * Builds the whale curve of the given net profits (one per customer).
 * Example: net profits [60, 50, -10] → total 100, peak 110 % at 2/3 of customers, losers give back 10 %.
 */
export function whaleCurve(netProfit: ArrayLike<number>, points = 100, everyPointUpTo = 200): WhaleCurve {
  const sorted = Float64Array.from(netProfit).sort(); // ascending; walked from the end
  const n = sorted.length;
  const total = exactSum(sorted);
  const shares = total > 0;
  const cum = new Float64Array(n + 1);
  let hi = 0, lo = 0, peakK = 0, peak = -Infinity, losers = 0;
  for (let k = 1; k <= n; k++) {
    const x = sorted[n - k], s = hi + x, b = s - hi;
    lo += (hi - (s - b)) + (x - b);
    hi = s;
    cum[k] = hi + lo;
    if (cum[k] > peak) { peak = cum[k]; peakK = k; }
    if (x < 0) losers++;
  }
  if (n === 0) peak = 0;
  const destroyed = -exactSum(sorted, 0, losers);
  const point = (k: number): WhalePoint => ({
    shareOfCustomers: n ? k / n : 0, shareOfProfit: shares ? cum[k] / total : null, customers: k, cumulativeProfit: cum[k],
  });
  const ks = new Set<number>();
  if (n <= everyPointUpTo) for (let k = 0; k <= n; k++) ks.add(k);
  else for (let i = 0; i <= points; i++) ks.add(Math.round((i * n) / points));
  ks.add(peakK);
  const curve = [...ks].sort((a, b) => a - b).map(point);
  const w: WhaleCurve = {
    customers: n, totalNetProfit: total,
    peakShareOfProfit: shares ? peak / total : null, peakAtShareOfCustomers: n ? peakK / n : 0, peakCustomers: peakK, peakProfit: peak,
    moneyLosers: losers, profitDestroyed: destroyed === 0 ? 0 : destroyed, destroyedShareOfProfit: shares ? destroyed / total : null,
    curve, reading: '',
  };
  w.reading = whaleReading(w);
  return w;
}

function whaleReading(w: WhaleCurve): string {
  if (w.customers === 0) return 'no customers with revenue';
  const top = `the top ${formatPercent(w.peakAtShareOfCustomers)} of customers`;
  const losers = w.moneyLosers === 0 ? 'no customer loses money' : null;
  if (w.peakShareOfProfit === null) {
    return `customers lose money overall: ${top} earn ${formatMoney(w.peakProfit)}; ${losers ?? `money-losers give back ${formatMoney(w.profitDestroyed)}`}`;
  }
  return `${top} earn ${formatPercent(w.peakShareOfProfit)} of profit; ${losers ?? `money-losers give back ${formatPercent(w.destroyedShareOfProfit!)}`}`;
}
