/**
 * Capacity: time-driven activity-based costing (DOMAIN.md §13, Kaplan & Anderson). A resource
 * (a warehouse team, customer service) costs `cost` for `minutes` of practical capacity; each
 * unit of a driver takes `minutesPer[driver]` of it. So
 *   costPerMinute = cost / minutes
 *   a driver's capacity rate = Σ_resources minutesPer × costPerMinute      (money per unit)
 *   used minutes  = Σ_driver minutesPer × total volume, over every customer
 *   unused cost   = (minutes − used) × costPerMinute   — reported, never charged to customers.
 */
import { exactSum } from './exact-sum.js';
import { formatMoney } from './format.js';
import { DRIVERS, type Driver } from './types.js';

/** One resource as the settings give it (`capacity: [...]`). */
export interface CapacityResource {
  name: string;
  /** Money the resource costs over the span the rows cover. */
  cost: number;
  /** Practical capacity in minutes over that span (> 0). */
  minutes: number;
  /** Minutes of this resource one unit of each driver takes. */
  minutesPer: Partial<Record<Driver, number>>;
}

/** How a resource was used: the `capacity` lines of the JSON and the report. */
export interface CapacityUse {
  name: string;
  costPerMinute: number;
  usedMinutes: number;
  /** usedMinutes / minutes (above 1 when over capacity). */
  usedShare: number;
  /** (minutes − usedMinutes) × costPerMinute; negative when over capacity. */
  unusedCost: number;
}

/**
 * The capacity part of each driver's rate, in DRIVERS order. Example: a Warehouse of 480,000 for
 * 1,200,000 minutes (0.40 a minute) with 12 minutes per order gives orders 4.80 an order; a second
 * resource taking 3 minutes per order at 0.50 a minute adds 1.50 → 6.30.
 */
export function capacityRates(capacity: readonly CapacityResource[]): Float64Array {
  const rates = new Float64Array(DRIVERS.length);
  for (const r of capacity) {
    const perMinute = r.cost / r.minutes;
    DRIVERS.forEach((d, i) => {
      const m = r.minutesPer[d];
      if (m) rates[i] += m * perMinute;
    });
  }
  return rates;
}

/**
 * Each resource's used minutes, used share and unused capacity cost over the given total volume
 * of each driver (DRIVERS order: all customers, those outside the matrix included, as for pools),
 * and a warning per resource used beyond its minutes. Example: the Warehouse above with 50,000
 * orders × 12 min = 600,000 minutes used → share 0.5, unused cost 600,000 × 0.40 = 240,000.
 */
export function capacityUse(
  capacity: readonly CapacityResource[],
  totals: readonly number[],
): { use: CapacityUse[]; warnings: string[] } {
  const warnings: string[] = [];
  const use = capacity.map((r) => {
    const costPerMinute = r.cost / r.minutes;
    const used = exactSum(DRIVERS.map((d, i) => (r.minutesPer[d] ?? 0) * totals[i]));
    if (used > r.minutes) {
      const over = used - r.minutes;
      warnings.push(
        `${r.name} is over capacity: ${formatMoney(used)} minutes used of ${formatMoney(r.minutes)} (${formatMoney(over)} over); customers carry ${formatMoney(over * costPerMinute)} more than its cost — check its minutes (practical capacity) and minutes per unit`,
      );
    }
    return {
      name: r.name,
      costPerMinute,
      usedMinutes: used,
      usedShare: used / r.minutes,
      unusedCost: (r.minutes - used) * costPerMinute,
    };
  });
  return { use, warnings };
}

/**
 * Reads the `capacity` setting: a list of resources, each with a unique name, cost ≥ 0, minutes > 0
 * and minutes per unit of known drivers (≥ 0). Every problem goes to `problems` (the setting is
 * then left out). Example: `[{"name": "Warehouse", "cost": 480000, "minutes": 1200000,
 * "minutesPer": {"orders": 12}}]` → one resource, no problems.
 */
export function resolveCapacity(v: unknown, problems: string[]): CapacityResource[] {
  if (!Array.isArray(v)) {
    problems.push(
      'capacity must be a list of resources, e.g. [{"name": "Warehouse", "cost": 480000, "minutes": 1200000, "minutesPer": {"orders": 12}}]',
    );
    return [];
  }
  const out: CapacityResource[] = [];
  const before = problems.length;
  const names = new Set<string>();
  v.forEach((r, i) => {
    const at = `capacity[${i}]`;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      problems.push(`${at} must be an object with name, cost, minutes and minutesPer`);
      return;
    }
    for (const key of Object.keys(r))
      if (!RESOURCE_KEYS.includes(key))
        problems.push(`${at}: unknown key "${key}" (keys: ${RESOURCE_KEYS.join(', ')})`);
    const name = typeof r.name === 'string' ? r.name.trim() : '';
    if (name === '') problems.push(`${at}.name must be a text, e.g. "Warehouse"`);
    else if (names.has(name.toLowerCase()))
      problems.push(`${at}: the name "${name}" is used twice: give each resource its own`);
    names.add(name.toLowerCase());
    if (!(typeof r.cost === 'number' && Number.isFinite(r.cost) && r.cost >= 0))
      problems.push(`${at}.cost must be a number ≥ 0 (got ${show(r.cost)})`);
    if (!(typeof r.minutes === 'number' && Number.isFinite(r.minutes) && r.minutes > 0))
      problems.push(
        `${at}.minutes must be the practical capacity in minutes, a number > 0 (got ${show(r.minutes)})`,
      );
    const minutesPer: Partial<Record<Driver, number>> = {};
    const m = r.minutesPer;
    if (m === null || typeof m !== 'object' || Array.isArray(m))
      problems.push(`${at}.minutesPer must be an object of minutes per unit, e.g. {"orders": 12}`);
    else
      for (const [d, x] of Object.entries(m)) {
        if (!(DRIVERS as readonly string[]).includes(d))
          problems.push(`${at}.minutesPer: unknown driver "${d}" (drivers: ${DRIVERS.join(', ')})`);
        else if (!(typeof x === 'number' && Number.isFinite(x) && x >= 0))
          problems.push(`${at}.minutesPer.${d} must be a number ≥ 0 (got ${show(x)})`);
        else minutesPer[d as Driver] = x;
      }
    out.push({ name, cost: r.cost, minutes: r.minutes, minutesPer });
  });
  return problems.length > before ? [] : out;
}

const RESOURCE_KEYS = ['name', 'cost', 'minutes', 'minutesPer'];
const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));
