/**
 * Causes (DOMAIN.md §5): why a customer earns less than its peers, each cause measured against
 * the customer's own size class (a Large account against Large accounts — seed 001: large
 * accounts are often over-serviced, small high-margin ones under-served).
 *
 * | cause        | the customer's figure              | listed when                                    | amount (money)               |
 * | driver d     | cost_d / revenue                   | ≥ 1.25 × class median (or median 0, cost > 0)  | (own − median) × revenue     |
 * | gross margin | grossProfit / revenue              | below the class median, amount ≥ 1 % of revenue | (median − own) × revenue     |
 * | discount     | discount / (revenue + discount)    | above the class median, amount ≥ 1 % of revenue | (own − median) × (rev + disc) |
 *
 * Ranked by amount, largest first (ties: cost-line order, then gross margin, then discount);
 * at most three. Every money-loser gets at least one: "sold below cost" (amount −grossProfit)
 * when grossProfit < 0, else its largest single cost line ("cost-to-serve exceeds gross profit").
 */
import { type CostColumn, costAt } from './cost-to-serve.js';
import { CAUSE_ACTIONS, COST_LINE_LABELS, DRIVER_ACTIONS, TOP_CAUSES } from './defaults.js';
import { formatMoney, formatPercent } from './format.js';
import { medianInPlace } from './median.js';
import { NO_CLASS } from './size-class.js';
import { COST_LINES, type CostLine, SIZE_CLASSES } from './types.js';

export type CauseKind = 'driver' | 'grossMargin' | 'discount' | 'belowCost' | 'costExceedsProfit';

export interface Cause {
  kind: CauseKind;
  /** The cost line of a driver or costExceedsProfit cause; null for the others. */
  driver: CostLine | null;
  /** What the cause costs the customer's net profit, in money (> 0). */
  amount: number;
  /** The customer's figure ÷ the size-class median (drivers, discount); null when that median is 0 or for margins. */
  multiple: number | null;
  /** The customer's figure (cost per unit of revenue, gross margin, discount rate); null for fallbacks. */
  value: number | null;
  /** The size-class median of that figure; null for fallbacks. */
  median: number | null;
  text: string;
  action: string;
}

/** A driver is named from this multiple of its size-class median up. */
export const DRIVER_MULTIPLE = 1.25;
/** Gross margin and discount are named when their amount is at least this share of revenue. */
export const AMOUNT_FLOOR = 0.01;

/** Measures: the cost lines (COST_LINES order), then gross margin, then the discount rate. */
const MARGIN = COST_LINES.length;
const DISCOUNT = MARGIN + 1;
const MEASURES = DISCOUNT + 1;

/** What the causes of any customer are measured against: the medians of each size class. */
export interface CauseBasis {
  revenue: Float64Array;
  grossProfit: Float64Array;
  discount: Float64Array | null;
  lines: (CostColumn | null)[];
  size: Int8Array;
  netProfit: Float64Array;
  /** Median per size class × measure (size × MEASURES + measure); NaN where not measured. */
  medians: Float64Array;
}

/**
 * Computes each size class's medians once (O(n) per measure by quickselect); `causesOf` then
 * ranks any customer's causes in O(measures).
 * Example: Large customers with order costs per unit of revenue .02, .04, .10 → Large median .04;
 * the third is 2.5× it, amount (.10 − .04) × its revenue.
 */
export function causeBasis(
  revenue: Float64Array,
  grossProfit: Float64Array,
  discount: Float64Array | null,
  lines: (CostColumn | null)[],
  size: Int8Array,
  netProfit: Float64Array,
): CauseBasis {
  const n = revenue.length;
  const counts = [0, 0, 0];
  for (let c = 0; c < n; c++) if (size[c] !== NO_CLASS) counts[size[c]]++;
  // One scratch array, cut into one slice per size class, serves every measure's medians.
  const start = [0, counts[0], counts[0] + counts[1]];
  const scratch = new Float64Array(counts[0] + counts[1] + counts[2]);
  const medians = new Float64Array(SIZE_CLASSES.length * MEASURES).fill(NaN);
  const measure = (m: number, value: (c: number) => number) => {
    const at = start.slice();
    for (let c = 0; c < n; c++) if (size[c] !== NO_CLASS) scratch[at[size[c]]++] = value(c);
    for (let k = 0; k < 3; k++)
      if (counts[k])
        medians[k * MEASURES + m] = medianInPlace(scratch.subarray(start[k], start[k] + counts[k]));
  };
  lines.forEach((cost, l) => {
    if (cost) measure(l, (c) => costAt(cost, c) / revenue[c]);
  });
  measure(MARGIN, (c) => grossProfit[c] / revenue[c]);
  if (discount) measure(DISCOUNT, (c) => discountRate(revenue[c], discount[c]));
  return { revenue, grossProfit, discount, lines, size, netProfit, medians };
}

/**
 * A cost per unit of revenue, in no currency (the data has none): two decimals, or two
 * significant digits below 0.01. Example: 0.5 → "0.50"; 0.0042 → "0.0042".
 */
export function perUnit(x: number): string {
  return x >= 0.01 ? x.toFixed(2) : Number(x.toPrecision(2)).toString();
}

/** discount / (revenue + discount): the share of the list price given away; 0 without a list price. */
function discountRate(revenue: number, discount: number): number {
  const list = revenue + discount;
  return list > 0 ? discount / list : 0;
}

/**
 * The causes of customer `c`, ranked, at most three; [] outside the matrix. A money-loser always
 * gets at least one (see the file comment).
 * Example: a Large customer with orders at 3× the Large median per unit of revenue →
 * `[{kind: 'driver', driver: 'orders', multiple: 3, text: 'Orders: 3.0× the Large median …'}]`.
 * `words = false` leaves `text` empty: counting causes over a million customers need not format
 * a sentence for each.
 */
export function causesOf(b: CauseBasis, c: number, words = true): Cause[] {
  const k = b.size[c];
  if (k === NO_CLASS) return [];
  const rev = b.revenue[c],
    cls = SIZE_CLASSES[k];
  const found: Cause[] = [];
  const med = (m: number) => b.medians[k * MEASURES + m];
  b.lines.forEach((cost, l) => {
    if (!cost) return;
    const own = costAt(cost, c) / rev,
      median = med(l);
    const listed = median > 0 ? own >= DRIVER_MULTIPLE * median : own > 0;
    if (!listed) return;
    const driver = COST_LINES[l],
      amount = (own - median) * rev;
    const multiple = median > 0 ? own / median : null;
    const times = () =>
      multiple !== null
        ? `${multiple.toFixed(1)}× the ${cls} median per unit of revenue`
        : `${perUnit(own)} per unit of revenue where the median ${cls} customer has none`;
    found.push({
      kind: 'driver',
      driver,
      amount,
      multiple,
      value: own,
      median,
      text: words
        ? `${COST_LINE_LABELS[driver]}: ${times()} (costs ${formatMoney(amount)}) → ${DRIVER_ACTIONS[driver]}`
        : '',
      action: DRIVER_ACTIONS[driver],
    });
  });
  const margin = b.grossProfit[c] / rev,
    medianMargin = med(MARGIN);
  if (margin < medianMargin) {
    const amount = (medianMargin - margin) * rev;
    if (amount >= AMOUNT_FLOOR * rev)
      found.push({
        kind: 'grossMargin',
        driver: null,
        amount,
        multiple: null,
        value: margin,
        median: medianMargin,
        text: words
          ? `Gross margin ${formatPercent(margin)} against a ${cls} median of ${formatPercent(medianMargin)} (costs ${formatMoney(amount)}) → ${CAUSE_ACTIONS.grossMargin}`
          : '',
        action: CAUSE_ACTIONS.grossMargin,
      });
  }
  if (b.discount) {
    const d = b.discount[c],
      own = discountRate(rev, d),
      median = med(DISCOUNT);
    if (own > median) {
      const amount = (own - median) * (rev + d);
      if (amount >= AMOUNT_FLOOR * rev)
        found.push({
          kind: 'discount',
          driver: null,
          amount,
          multiple: median > 0 ? own / median : null,
          value: own,
          median,
          text: words
            ? `Discount ${formatPercent(own)} of the list price against a ${cls} median of ${formatPercent(median)} (costs ${formatMoney(amount)}) → ${CAUSE_ACTIONS.discount}`
            : '',
          action: CAUSE_ACTIONS.discount,
        });
    }
  }
  // Stable sort: equal amounts keep cost-line order, then margin, then discount.
  found.sort((x, y) => y.amount - x.amount);
  if (found.length > TOP_CAUSES) found.length = TOP_CAUSES;
  if (found.length === 0 && b.netProfit[c] < 0) found.push(fallback(b, c, words));
  return found;
}

/** The cause of a money-loser that no rule above explains. */
function fallback(b: CauseBasis, c: number, words: boolean): Cause {
  const gp = b.grossProfit[c];
  if (gp < 0)
    return {
      kind: 'belowCost',
      driver: null,
      amount: -gp,
      multiple: null,
      value: null,
      median: null,
      text: words
        ? `Sold below cost: gross profit ${formatMoney(gp)} → ${CAUSE_ACTIONS.belowCost}`
        : '',
      action: CAUSE_ACTIONS.belowCost,
    };
  // grossProfit ≥ 0 > netProfit, so cost-to-serve > 0 and some line costs something.
  let best = -1,
    most = 0;
  b.lines.forEach((cost, l) => {
    const x = cost ? costAt(cost, c) : 0;
    if (x > most) {
      most = x;
      best = l;
    }
  });
  const driver = COST_LINES[best];
  return {
    kind: 'costExceedsProfit',
    driver,
    amount: most,
    multiple: null,
    value: null,
    median: null,
    text: words
      ? `Cost-to-serve exceeds gross profit; the largest cost is ${COST_LINE_LABELS[driver].toLowerCase()}, ${formatMoney(most)} → ${DRIVER_ACTIONS[driver]}`
      : '',
    action: DRIVER_ACTIONS[driver],
  };
}

/** The short label of a cause, for a table column ("Orders", "Gross margin", "Sold below cost"). */
export function causeLabel(cause: Cause): string {
  switch (cause.kind) {
    case 'driver':
      return COST_LINE_LABELS[cause.driver!];
    case 'grossMargin':
      return 'Gross margin';
    case 'discount':
      return 'Discount';
    case 'belowCost':
      return 'Sold below cost';
    case 'costExceedsProfit':
      return `Cost-to-serve (${COST_LINE_LABELS[cause.driver!]})`;
  }
}

/**
 * How many money-losers carry each cause (among their ranked causes), most frequent first, ties
 * in the order of the labels. Example: 240 money-losers → `[{cause: 'Gross margin', customers:
 * 155}, {cause: 'Discount', customers: 98}, …]`.
 */
export function moneyLoserCauses(b: CauseBasis): { cause: string; customers: number }[] {
  const counts = new Map<string, number>();
  for (let c = 0; c < b.revenue.length; c++) {
    if (b.size[c] === NO_CLASS || !(b.netProfit[c] < 0)) continue;
    for (const cause of causesOf(b, c, false)) {
      const label =
        cause.kind === 'costExceedsProfit'
          ? 'Cost-to-serve exceeds gross profit'
          : causeLabel(cause);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([cause, customers]) => ({ cause, customers }))
    .sort((x, y) => y.customers - x.customers || (x.cause < y.cause ? -1 : 1));
}
