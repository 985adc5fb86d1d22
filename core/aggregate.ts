/**
 * Rows → customers (DOMAIN.md §1): repeated keys aggregate, distinct order ids count orders,
 * the row count gives order lines in transaction mode, payment days are revenue-weighted.
 */
import { GroupSum } from './exact-sum.js';
import { dominantValues, type GroupColumn } from './groups.js';
import type { RowTable } from './read-rows.js';
import { DRIVERS } from './types.js';

export interface CustomerTable {
  n: number;
  keys: string[];
  names: string[];
  revenue: Float64Array;
  grossProfit: Float64Array;
  /** Volume per driver in DRIVERS order; null where the input has no such volume. */
  volumes: (Float64Array | null)[];
  /** Average days to pay (0 where unknown), or null without such a column. */
  paymentDays: Float64Array | null;
  /** Discount in money per customer (DOMAIN.md §1a), or null without a discount column. */
  discount: Float64Array | null;
  /** First sheet row of each customer, for links back to the data. */
  firstRow: Int32Array;
  /** Input rows per customer. */
  rowCount: Int32Array;
  /** Each `groupBy` column's value per customer: the one carrying most of its revenue (§14). */
  groups: GroupColumn[];
}

const LINES = DRIVERS.indexOf('lines');
const ORDERS = DRIVERS.indexOf('orders');

/**
 * Aggregates the usable rows (optionally only those of one period) per customer.
 * Customers keep the order of their first row; everything else is order-independent. A table
 * whose reader aggregated it already (`customers`) is returned as it is.
 */
export function aggregate(t: RowTable, onlyPeriod?: string): CustomerTable {
  if (t.customers && onlyPeriod === undefined) return t.customers;
  const selected = (i: number) => onlyPeriod === undefined || t.period![i] === onlyPeriod;
  if (!t.transactions && onlyPeriod === undefined) return identity(t);

  // Compact the customers that occur in the selected rows.
  const local = new Int32Array(t.keys.length).fill(-1);
  const keys: string[] = [],
    names: string[] = [];
  const firstRowList: number[] = [];
  for (let i = 0; i < t.count; i++) {
    if (!selected(i)) continue;
    const k = t.customer[i];
    if (local[k] < 0) {
      local[k] = keys.length;
      keys.push(t.keys[k]);
      names.push(t.names[k]);
      firstRowList.push(t.sheetRow[i]);
    }
  }
  const n = keys.length;
  const rev = new GroupSum(n),
    gp = new GroupSum(n);
  const vol = t.volumes.map((v) => (v ? new GroupSum(n) : null));
  const daysWeighted = t.paymentDays ? new GroupSum(n) : null,
    daysRevenue = t.paymentDays ? new GroupSum(n) : null;
  const disc = t.discount ? new GroupSum(n) : null;
  const rowCount = new Int32Array(n);
  // Distinct (customer, order id) pairs: an order id almost always belongs to one customer, so
  // remember each order's first customer and keep a Set only for ids that several customers share.
  let maxOrder = -1;
  if (t.orderId)
    for (let i = 0; i < t.count; i++) if (t.orderId[i] > maxOrder) maxOrder = t.orderId[i];
  const orderOwner = t.orderId ? new Int32Array(maxOrder + 1).fill(-1) : null;
  const sharedPairs = new Set<number>();
  const orders = t.orderId ? new Float64Array(n) : null;
  for (let i = 0; i < t.count; i++) {
    if (!selected(i)) continue;
    const c = local[t.customer[i]];
    rev.add(c, t.revenue[i]);
    gp.add(c, t.grossProfit[i]);
    for (let d = 0; d < vol.length; d++) vol[d]?.add(c, t.volumes[d]![i]);
    rowCount[c]++;
    disc?.add(c, t.discount![i]);
    if (daysWeighted) {
      const days = t.paymentDays![i];
      if (!Number.isNaN(days)) {
        daysWeighted.add(c, t.revenue[i] * days);
        daysRevenue!.add(c, t.revenue[i]);
      }
    }
    if (orderOwner) {
      const o = t.orderId![i],
        owner = orderOwner[o];
      if (owner === -1) {
        orderOwner[o] = c;
        orders![c]++;
      } else if (owner !== c) {
        const pair = c * 0x80000000 + o; // exact below 2^53
        if (!sharedPairs.has(pair)) {
          sharedPairs.add(pair);
          orders![c]++;
        }
      }
    }
  }
  const volumes = vol.map((v) => (v ? v.result() : null));
  if (orders && !volumes[ORDERS]) volumes[ORDERS] = orders;
  // Rows are order lines only when the rows are transactions; a customer-level table split by period is not.
  if (!volumes[LINES] && t.transactions) volumes[LINES] = Float64Array.from(rowCount);
  let paymentDays: Float64Array | null = null;
  if (daysWeighted) {
    const w = daysWeighted.result(),
      r = daysRevenue!.result();
    paymentDays = new Float64Array(n);
    for (let c = 0; c < n; c++) paymentDays[c] = r[c] !== 0 ? w[c] / r[c] : 0;
  }
  const groups = t.groups.map((g) =>
    dominantValues(g, t.revenue, (i) => (selected(i) ? local[t.customer[i]] : -1), n),
  );
  return {
    n,
    keys,
    names,
    revenue: rev.result(),
    grossProfit: gp.result(),
    volumes,
    paymentDays,
    discount: disc ? disc.result() : null,
    firstRow: Int32Array.from(firstRowList),
    rowCount,
    groups,
  };
}

/** One row per customer: the columns are the customers already. */
function identity(t: RowTable): CustomerTable {
  let paymentDays = t.paymentDays;
  if (paymentDays?.some(Number.isNaN)) {
    // blank payment days cost nothing; copy only when there are any
    paymentDays = paymentDays.map((d) => (Number.isNaN(d) ? 0 : d));
  }
  return {
    n: t.count,
    keys: t.keys,
    names: t.names,
    revenue: t.revenue,
    grossProfit: t.grossProfit,
    volumes: t.volumes,
    paymentDays,
    discount: t.discount,
    firstRow: t.sheetRow,
    rowCount: new Int32Array(t.count).fill(1),
    groups: t.groups,
  };
}
