/**
 * Cost-to-serve (DOMAIN.md §2):
 *   costToServe = Σ_driver volume × rate + revenue × paymentDays / 365 × costOfCapital
 * Rates come directly, or from cost pools: rate = pool / Σ volume of that driver over all customers,
 * plus capacity (§13): Σ_resources minutesPer × costPerMinute.
 */
import { type CapacityUse, capacityRates, capacityUse } from './capacity.js';
import { COST_LINE_LABELS } from './defaults.js';
import { exactSum } from './exact-sum.js';
import type { Settings } from './settings.js';
import { COST_LINES, type CostLine, DRIVERS, type Driver } from './types.js';

/**
 * One cost line for every customer, kept as its factors rather than a stored copy (a million
 * customers would need 8 MB per line): cost(c) = values[c] × (by ? by[c] : 1) × factor.
 */
export interface CostColumn {
  values: Float64Array;
  by: Float64Array | null;
  factor: number;
}

/** The cost of line `col` for customer `c`. */
export function costAt(col: CostColumn, c: number): number {
  return col.by ? col.values[c] * col.by[c] * col.factor : col.values[c] * col.factor;
}

/**
 * Where a driver's rate comes from, in money per unit; the rate applied is their sum.
 * Exit economics (§10) needs the split: direct rates go with a customer, pool and capacity
 * cost stays. A driver is priced by a direct rate or a pool (never both, settings refuse
 * that); capacity (§13) adds to either.
 */
export interface RateParts {
  direct: number;
  pool: number;
  capacity: number;
}

export interface CostToServe {
  /** Money per unit of each driver actually applied (from rates or pools). */
  rates: Record<Driver, number>;
  /** Each applied rate split by source (direct, pool, capacity). */
  rateParts: Record<Driver, RateParts>;
  /** Each cost line, COST_LINES order; null where the line costs nothing. */
  lines: (CostColumn | null)[];
  /** Total cost-to-serve per customer. */
  total: Float64Array;
  /** Each capacity resource's use over the volumes the rates were measured on (DOMAIN.md §13). */
  capacity: CapacityUse[];
  /** Total volume of each driver the pools and capacity were measured over (DRIVERS order). */
  rateVolumes: number[];
  /** Pools that could not be spread (no volume) and resources over capacity, in words. */
  warnings: string[];
}

/**
 * Resolves driver rates (pools → rates, capacity → rates). Example: a pool of 1,000 over 40 orders
 * in total gives orders a rate of 25; a Warehouse at 0.40 a minute taking 12 minutes an order adds
 * 4.80 → 29.80. A pool over a driver with no volume cannot be spread: rate 0 and a warning.
 * A rate or pool set for a driver the table has no column for is not applied: rate 0 and a
 * warning ("rates.deliveries is set but the table has no Deliveries column: it costs nothing").
 * Pools and capacity use are measured over the total volume of each driver: these customers',
 * plus `otherVolume` (the other periods' totals, when one rate prices several, §7).
 */
export function driverRates(
  volumes: readonly (Float64Array | null)[],
  settings: Settings,
  otherVolume?: readonly number[],
): {
  rates: Record<Driver, number>;
  rateParts: Record<Driver, RateParts>;
  warnings: string[];
  /** Each capacity resource's use over these volumes (§13). */
  capacity: CapacityUse[];
  /** Total volume of each driver the pools and capacity were measured over, DRIVERS order. */
  volumes: number[];
} {
  const rates = {} as Record<Driver, number>;
  const rateParts = {} as Record<Driver, RateParts>;
  const warnings: string[] = [];
  const capacity = capacityRates(settings.capacity);
  const totals = DRIVERS.map((_, i) => {
    const own = volumes[i] ? exactSum(volumes[i]!) : 0;
    return otherVolume?.[i] ? own + otherVolume[i] : own;
  });
  DRIVERS.forEach((d, i) => {
    const part: RateParts = { direct: 0, pool: 0, capacity: capacity[i] };
    const pool = settings.pools[d];
    if (!volumes[i]) {
      // no such column: a rate or pool set for it prices nothing, so it is not applied (rate 0)
      // the setting in the user's words, with its key: "Deliveries rate (rates.deliveries)"
      const set = [
        settings.rates[d] ? `${COST_LINE_LABELS[d]} rate (rates.${d})` : null,
        pool ? `${COST_LINE_LABELS[d]} cost pool (pools.${d})` : null,
      ].filter((x) => x !== null);
      if (set.length)
        warnings.push(
          `${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set but the table has no ${COST_LINE_LABELS[d]} column: it costs nothing`,
        );
    } else if (pool === undefined) part.direct = settings.rates[d] ?? 0;
    else {
      const volume = totals[i];
      if (volume > 0) part.pool = pool / volume;
      else if (pool > 0)
        warnings.push(
          `the ${COST_LINE_LABELS[d]} cost pool (pools.${d}: ${pool}) is not spread: no customer has any ${COST_LINE_LABELS[d].toLowerCase()}`,
        );
    }
    rateParts[d] = part;
    rates[d] = part.direct + part.pool + part.capacity;
  });
  const use = capacityUse(settings.capacity, totals);
  return {
    rates,
    rateParts,
    warnings: [...warnings, ...use.warnings],
    capacity: use.use,
    volumes: totals,
  };
}

/** Driver rates as `driverRates` gives them, to price several periods at one rate (DOMAIN.md §7). */
export type DriverRates = ReturnType<typeof driverRates>;

/**
 * Prices every customer's cost-to-serve, line by line. `shared` rates, when given, are used as
 * they are (pools already spread over the volumes of every period compared, §7); otherwise
 * pools are spread over these customers' volumes. `directFactor` (scenarios, §11) scales a
 * driver's direct rate per customer: that customer's rate is direct × factor + pool + capacity
 * (a factor of 1 gives exactly the plain rate).
 */
export function costToServe(
  n: number,
  revenue: Float64Array,
  volumes: (Float64Array | null)[],
  paymentDays: Float64Array | null,
  settings: Settings,
  shared?: DriverRates,
  directFactor?: readonly (Float64Array | null)[],
): CostToServe {
  const {
    rates,
    rateParts,
    warnings,
    capacity,
    volumes: rateVolumes,
  } = shared ?? driverRates(volumes, settings);
  const lines: (CostColumn | null)[] = COST_LINES.map(() => null);
  const total = new Float64Array(n);
  DRIVERS.forEach((d, i) => {
    const v = volumes[i],
      rate = rates[d],
      f = directFactor?.[i];
    if (!v || rate === 0) return;
    if (f) {
      const p = rateParts[d],
        by = new Float64Array(n);
      for (let c = 0; c < n; c++) {
        by[c] = p.direct * f[c] + p.pool + p.capacity;
        total[c] += v[c] * by[c];
      }
      lines[i] = { values: v, by, factor: 1 };
      return;
    }
    for (let c = 0; c < n; c++) total[c] += v[c] * rate;
    lines[i] = { values: v, by: null, factor: rate };
  });
  if (paymentDays && settings.costOfCapital > 0) {
    const k = settings.costOfCapital / 365;
    for (let c = 0; c < n; c++) total[c] += revenue[c] * paymentDays[c] * k;
    lines[COST_LINES.indexOf('paymentDays' as CostLine)] = {
      values: revenue,
      by: paymentDays,
      factor: k,
    };
  }
  return { rates, rateParts, lines, total, capacity, rateVolumes, warnings };
}
