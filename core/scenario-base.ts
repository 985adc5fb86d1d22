/**
 * What a what-if needs from a finished analysis (DOMAIN.md §11: scenarios never re-read the input):
 * the aggregated customer columns. The pane keeps them from the last run and prices scenarios
 * against them; a host that sends them over the wire (Sheets) sends plain arrays.
 */
import type { CustomerTable } from './aggregate.js';
import { type PeriodAnalysis, priceAndSegment } from './price-and-segment.js';
import type { Settings } from './settings.js';

export interface ScenarioBase {
  keys: string[];
  names: string[];
  revenue: ArrayLike<number>;
  grossProfit: ArrayLike<number>;
  /** DRIVERS order; null where the data has no such volume. */
  volumes: (ArrayLike<number> | null)[];
  paymentDays: ArrayLike<number> | null;
  /** Discount money per customer (§1a), or null. */
  discount: ArrayLike<number> | null;
  /** groupBy columns (§14): values, and each customer's value index. */
  groups: { column: string; values: string[]; of: ArrayLike<number> }[];
}

/** The customer columns of an analysis, by reference (no copy). */
export function scenarioBase(t: CustomerTable): ScenarioBase {
  return {
    keys: t.keys,
    names: t.names,
    revenue: t.revenue,
    grossProfit: t.grossProfit,
    volumes: t.volumes,
    paymentDays: t.paymentDays,
    discount: t.discount,
    groups: t.groups,
  };
}

/** The same as plain arrays, safe for JSON (a typed array would not survive it). */
export function portableScenarioBase(b: ScenarioBase): ScenarioBase {
  const plain = (x: ArrayLike<number>) => Array.from(x);
  return {
    keys: b.keys,
    names: b.names,
    revenue: plain(b.revenue),
    grossProfit: plain(b.grossProfit),
    volumes: b.volumes.map((v) => (v ? plain(v) : null)),
    paymentDays: b.paymentDays ? plain(b.paymentDays) : null,
    discount: b.discount ? plain(b.discount) : null,
    groups: b.groups.map((g) => ({ ...g, of: plain(g.of) })),
  };
}

/**
 * The baseline again, priced and segmented from the columns with the same settings: what the run
 * computed, without reading the sheet. Example: the columns of the last run and its settings → the
 * same net profit and segment for every customer.
 */
export function baselineFrom(b: ScenarioBase, settings: Settings): PeriodAnalysis {
  const f = (x: ArrayLike<number>) => (x instanceof Float64Array ? x : Float64Array.from(x));
  const n = b.keys.length;
  const t: CustomerTable = {
    n,
    keys: b.keys,
    names: b.names,
    revenue: f(b.revenue),
    grossProfit: f(b.grossProfit),
    volumes: b.volumes.map((v) => (v ? f(v) : null)),
    paymentDays: b.paymentDays ? f(b.paymentDays) : null,
    discount: b.discount ? f(b.discount) : null,
    groups: (b.groups ?? []).map((g) => ({ ...g, of: Int32Array.from(g.of) })),
    firstRow: new Int32Array(n),
    rowCount: new Int32Array(n).fill(1),
  };
  return priceAndSegment(t, settings);
}
