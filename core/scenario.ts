/**
 * What-if scenarios (DOMAIN.md §11): a scenario's changes are applied, in order, to the baseline's
 * aggregated columns (never to the input), then the same `priceAndSegment` prices and segments
 * everyone again with the same settings — classes are relative, so thresholds move with the
 * population. Direct rates stay as set; pool rates are recomputed over the scenario's volumes (a
 * pool is a fixed cost); capacity rates stay (cost per minute is fixed), so fewer minutes show as
 * more unused capacity. Customers who exit take their revenue, gross profit and avoidable cost
 * with them; what is stranded lands on the rest (pools) or stays unused (capacity).
 */
import type { CustomerTable } from './aggregate.js';
import type { CapacityUse } from './capacity.js';
import { normalizeHeader } from './column-map.js';
import { driverRates } from './cost-to-serve.js';
import { SEGMENTS } from './defaults.js';
import { exactSum } from './exact-sum.js';
import { avoidableShares } from './exit-economics.js';
import { groupText } from './groups.js';
import type { MatrixCell } from './matrix.js';
import { type PeriodAnalysis, priceAndSegment } from './price-and-segment.js';
import { keyText } from './read-rows.js';
import { changeKind, type ScenarioSpec, type ScenarioWhere } from './scenario-spec.js';
import type { Settings } from './settings.js';
import { EXITED_SEGMENT, type TierMove, tierMoves } from './tier-moves.js';
import { DRIVERS, type Driver } from './types.js';

/** Totals of a scenario (or of the baseline, for comparison). Money over all customers. */
export interface ScenarioTotals {
  /** Customers who stay (all but those who exit). */
  customers: number;
  revenue: number;
  grossProfit: number;
  /** Σ the customers' cost-to-serve. */
  costToServe: number;
  /** Σ the customers' net profit (what the matrix shows). */
  netProfit: number;
  /** netProfit / revenue; null when revenue ≤ 0. */
  netMargin: number | null;
  moneyLosers: number;
  /** The bands method's margin target in this population (null for other methods): it moves too. */
  marginTarget: number | null;
  /** Capacity paid for and used by no customer (§13). */
  unusedCapacityCost: number;
  /** Cost that stays but no customer carries: leavers' stranded direct cost, a pool left with no volume. */
  strandedCost: number;
}

/**
 * Scenario minus baseline. netProfit is the change in the business's profit: the customers' net
 * profit less the change in unused capacity and stranded cost, so a customer who leaves never
 * takes cost with it that the business still pays:
 *   netProfit = grossProfit − costToServe − unusedCapacityCost − strandedCost   (all deltas)
 */
export interface ScenarioDelta {
  revenue: number;
  grossProfit: number;
  costToServe: number;
  netProfit: number;
  unusedCapacityCost: number;
  strandedCost: number;
}

export interface ScenarioResult {
  name: string;
  totals: ScenarioTotals;
  delta: ScenarioDelta;
  /** The scenario's 3×3 matrix, segmented on the scenario's own population. */
  matrix: MatrixCell[];
  /** Customers per (baseline tier → scenario tier) where it changed. */
  moves: TierMove[];
  /** Per baseline customer (same index): net profit in the scenario, 0 for one who exits. */
  netProfit: Float64Array;
  /** Per baseline customer: segment in the scenario; -1 no revenue, EXITED_SEGMENT when gone. */
  segment: Int8Array;
  /** Per baseline customer: 1 where conciergeMaxAccounts gives a Concierge customer Maintain (§8). */
  cut: Uint8Array | null;
  /** Customers who exit. */
  exited: number;
  /** Capacity use in the scenario. */
  capacity: CapacityUse[];
  /** What a person should know: a change that selects no one, a key not in the data, … */
  warnings: string[];
}

/** Share of each cost part that leaves with a customer (DOMAIN.md §10). */
export interface AvoidableShares {
  direct: Record<Driver, number>;
  pool: Record<Driver, number>;
  capacity: Record<Driver, number>;
  costOfCapital: number;
}

/**
 * The avoidable shares an exit uses (DOMAIN.md §10, from core/exit-economics): a share set in the
 * `avoidable` setting covers every part of that line; otherwise a direct rate's part goes with the
 * customer (1) and its pool and capacity parts stay (0); the cost of capital goes unless set.
 * Example: orders at a direct rate of 10 plus 12 of capacity, no setting → direct 1, capacity 0
 * (10/22 of the orders cost leaves, as the line's avoidable share says).
 */
export function scenarioShares(cost: PeriodAnalysis['cost'], settings: Settings): AvoidableShares {
  const { shares, sources } = avoidableShares(cost, settings);
  const part = (d: Driver, byDefault: number) => (sources[d] === 'setting' ? shares[d] : byDefault);
  const each = (byDefault: number) =>
    Object.fromEntries(DRIVERS.map((d) => [d, part(d, byDefault)])) as Record<Driver, number>;
  return {
    direct: each(1),
    pool: each(0),
    capacity: each(0),
    costOfCapital: shares.paymentDays,
  };
}

/**
 * Runs one scenario against a priced baseline. Example: two customers, one exits; a pool of 1,000
 * over 10 + 30 orders (25 an order) is then spread over the 30 orders left: 33.33 an order, and
 * the one who stays carries the whole 1,000.
 */
export function runScenario(
  b: PeriodAnalysis,
  settings: Settings,
  spec: ScenarioSpec,
  shares: AvoidableShares = scenarioShares(b.cost, settings),
): ScenarioResult {
  const t = b.customers,
    n = t.n;
  const warnings: string[] = [];
  let revenue = t.revenue,
    gross = t.grossProfit,
    days = t.paymentDays;
  const volumes = t.volumes.slice();
  const factor: (Float64Array | null)[] = DRIVERS.map(() => null);
  const pools = { ...settings.pools };
  const capacity = settings.capacity.map((r) => ({ ...r }));
  let exited: Uint8Array | null = null;
  // copy a baseline column on its first write, never the baseline itself
  const owned = new Set<Float64Array>();
  const own = (x: Float64Array) => {
    if (owned.has(x)) return x;
    const y = x.slice();
    owned.add(y);
    return y;
  };
  const keys = lazyKeyIndex(t.keys);

  spec.changes.forEach((ch, j) => {
    const say = (text: string) =>
      warnings.push(`scenario "${spec.name}", change ${j + 1}: ${text}`);
    const sel = ch.where ? select(ch.where, b, settings, keys, say) : null;
    const each = (f: (c: number) => void) => {
      for (let c = 0; c < n; c++) if ((!sel || sel[c]) && !exited?.[c]) f(c);
    };
    if (sel && !sel.some((x, c) => x === 1 && !exited?.[c])) say('selects no customer');
    const kind = changeKind(ch);
    if (kind === 'price') {
      const p = ch.price!;
      revenue = own(revenue);
      gross = own(gross);
      const r = revenue,
        g = gross;
      each((c) => {
        g[c] += r[c] * p;
        r[c] *= 1 + p;
      });
    } else if (kind === 'fees') {
      for (const [d, fee] of Object.entries(ch.fees!) as [Driver, number][]) {
        const v = volumes[DRIVERS.indexOf(d)];
        if (!v) {
          say(`the data has no ${d} column, so no ${d} fee is charged`);
          continue;
        }
        revenue = own(revenue);
        gross = own(gross);
        const r = revenue,
          g = gross;
        each((c) => {
          const x = fee * v[c];
          r[c] += x;
          g[c] += x;
        });
      }
    } else if (kind === 'volumes') {
      for (const [d, f] of Object.entries(ch.volumes!)) {
        const i = DRIVERS.indexOf(d as Driver);
        const base = i < 0 ? days : volumes[i];
        if (!base) {
          say(`the data has no ${d} column, so its change does nothing`);
          continue;
        }
        const v = own(base);
        if (i < 0) days = v;
        else volumes[i] = v;
        each((c) => {
          v[c] *= 1 + f;
        });
      }
    } else if (kind === 'rates') {
      for (const [d, f] of Object.entries(ch.rates!)) {
        const i = DRIVERS.indexOf(d as Driver);
        factor[i] ??= new Float64Array(n).fill(1);
        const k = factor[i];
        each((c) => {
          k[c] *= 1 + f;
        });
      }
    } else if (kind === 'pools') {
      for (const [d, f] of Object.entries(ch.pools!) as [Driver, number][])
        pools[d] = pools[d]! * (1 + f);
    } else if (kind === 'capacityCost') {
      for (const [name, f] of Object.entries(ch.capacityCost!))
        for (const r of capacity) if (r.name === name) r.cost *= 1 + f;
    } else {
      exited ??= new Uint8Array(n);
      const x = exited;
      each((c) => {
        x[c] = 1;
      });
    }
  });

  let table: CustomerTable = { ...t, revenue, grossProfit: gross, volumes, paymentDays: days };
  let scenarioSettings: Settings = { ...settings, pools, capacity };
  // With migration, one rate prices both periods (§7): pools and capacity use were measured over
  // the other period's volume too, which the scenario does not change.
  const other = DRIVERS.map((_, i) => {
    const own = t.volumes[i] ? exactSum(t.volumes[i]!) : 0;
    return b.cost.rateVolumes[i] - own;
  });
  const otherVolume = other.some((x) => x !== 0) ? other : undefined;
  let stranded = 0,
    kept: Int32Array | null = null,
    leavers = 0;
  if (exited) {
    const out = leave(table, scenarioSettings, factor, exited, shares, otherVolume);
    stranded = out.stranded;
    scenarioSettings = out.settings;
    kept = out.kept;
    table = compact(table, kept);
    for (let i = 0; i < factor.length; i++) {
      const f = factor[i];
      if (f) factor[i] = Float64Array.from(kept, (c) => f[c]);
    }
    leavers = n - kept.length;
  }
  const s = priceAndSegment(
    table,
    scenarioSettings,
    otherVolume ? driverRates(table.volumes, scenarioSettings, otherVolume) : undefined,
    factor.some(Boolean) ? factor : undefined,
  );

  const netProfit = new Float64Array(n),
    segment = new Int8Array(n).fill(EXITED_SEGMENT);
  const cut = s.conciergeCut ? new Uint8Array(n) : null;
  for (let j = 0; j < table.n; j++) {
    const c = kept ? kept[j] : j;
    netProfit[c] = s.netProfit[j];
    segment[c] = s.classes.segment[j];
    if (cut) cut[c] = s.conciergeCut![j];
  }
  const totals: ScenarioTotals = {
    ...pick(s),
    strandedCost: stranded + unspreadPools(s, scenarioSettings),
  };
  const base = baselineTotals(b, settings);
  const d = (k: keyof ScenarioTotals) => (totals[k] as number) - (base[k] as number);
  const delta: ScenarioDelta = {
    revenue: d('revenue'),
    grossProfit: d('grossProfit'),
    costToServe: d('costToServe'),
    unusedCapacityCost: d('unusedCapacityCost'),
    strandedCost: d('strandedCost'),
    netProfit: d('netProfit') - d('unusedCapacityCost') - d('strandedCost'),
  };
  // What the baseline already warns of (a pool with no volume, a resource over capacity) is said
  // once, there; a scenario speaks only of what it changes.
  const said = new Set(b.cost.warnings.map(topic));
  for (const w of s.cost.warnings)
    if (!said.has(topic(w))) warnings.push(`scenario "${spec.name}": ${w}`);
  return {
    name: spec.name,
    totals,
    delta,
    matrix: s.matrix,
    moves: tierMoves(
      { segment: b.classes.segment, cut: b.conciergeCut },
      { segment, cut },
      settings.tiers,
    ),
    netProfit,
    segment,
    cut,
    exited: leavers,
    capacity: s.cost.capacity,
    warnings,
  };
}

/** The baseline's totals in the scenario's terms, so a scenario and its baseline compare line by line. */
export function baselineTotals(b: PeriodAnalysis, settings: Settings): ScenarioTotals {
  return { ...pick(b), strandedCost: unspreadPools(b, settings) };
}

function pick(a: PeriodAnalysis): Omit<ScenarioTotals, 'strandedCost'> {
  const t = a.totals;
  return {
    customers: t.customers,
    revenue: t.revenue,
    grossProfit: t.grossProfit,
    costToServe: t.costToServe,
    netProfit: t.netProfit,
    netMargin: t.netMargin,
    moneyLosers: t.moneyLosers,
    marginTarget: t.marginTarget,
    unusedCapacityCost: t.unusedCapacityCost,
  };
}

/** Pools with nothing to spread over: paid, charged to no one. */
function unspreadPools(a: PeriodAnalysis, settings: Settings): number {
  let x = 0;
  for (const d of DRIVERS) {
    const pool = settings.pools[d];
    if (pool !== undefined && pool > 0 && a.cost.rateParts[d].pool === 0) x += pool;
  }
  return x;
}

/**
 * Customers leave (§10): their direct and capital cost goes by its avoidable share and the rest
 * is stranded; a pool shrinks by the avoidable share of their pool cost and the rest is re-spread
 * (the pool rate is recomputed without them); a resource shrinks by the avoidable share of their
 * minutes and the rest becomes unused capacity. Shares are taken at the scenario's rates.
 */
function leave(
  t: CustomerTable,
  settings: Settings,
  factor: (Float64Array | null)[],
  exited: Uint8Array,
  shares: AvoidableShares,
  otherVolume?: number[],
): { settings: Settings; kept: Int32Array; stranded: number } {
  const { rateParts } = driverRates(t.volumes, settings, otherVolume);
  const stranded: number[] = [];
  const pools = { ...settings.pools };
  const capacity = settings.capacity.map((r) => ({ ...r }));
  DRIVERS.forEach((d, i) => {
    const v = t.volumes[i];
    if (!v) return;
    const p = rateParts[d],
      f = factor[i];
    const direct: number[] = [],
      used: number[] = [];
    for (let c = 0; c < t.n; c++) {
      if (!exited[c]) continue;
      direct.push(v[c] * p.direct * (f ? f[c] : 1));
      used.push(v[c]);
    }
    stranded.push((1 - shares.direct[d]) * exactSum(direct));
    const volume = exactSum(used);
    if (pools[d] !== undefined && shares.pool[d] > 0)
      pools[d] = pools[d]! - shares.pool[d] * volume * p.pool;
    if (shares.capacity[d] > 0)
      for (const r of capacity) {
        const minutes = shares.capacity[d] * (r.minutesPer[d] ?? 0) * volume;
        r.cost -= minutes * (r.cost / r.minutes);
        r.minutes -= minutes;
      }
  });
  if (t.paymentDays && settings.costOfCapital > 0) {
    const capital: number[] = [];
    const k = settings.costOfCapital / 365;
    for (let c = 0; c < t.n; c++) if (exited[c]) capital.push(t.revenue[c] * t.paymentDays[c] * k);
    stranded.push((1 - shares.costOfCapital) * exactSum(capital));
  }
  let m = 0;
  for (let c = 0; c < t.n; c++) if (!exited[c]) m++;
  const kept = new Int32Array(m);
  for (let c = 0, j = 0; c < t.n; c++) if (!exited[c]) kept[j++] = c;
  return { settings: { ...settings, pools, capacity }, kept, stranded: exactSum(stranded) };
}

/** The customers at `kept`, in that order. */
function compact(t: CustomerTable, kept: Int32Array): CustomerTable {
  const take = (x: Float64Array) => Float64Array.from(kept, (c) => x[c]);
  return {
    n: kept.length,
    keys: Array.from(kept, (c) => t.keys[c]),
    names: Array.from(kept, (c) => t.names[c]),
    revenue: take(t.revenue),
    grossProfit: take(t.grossProfit),
    volumes: t.volumes.map((v) => (v ? take(v) : null)),
    paymentDays: t.paymentDays ? take(t.paymentDays) : null,
    discount: t.discount ? take(t.discount) : null,
    groups: t.groups.map((g) => ({ ...g, of: Int32Array.from(kept, (c) => g.of[c]) })),
    firstRow: Int32Array.from(kept, (c) => t.firstRow[c]),
    rowCount: Int32Array.from(kept, (c) => t.rowCount[c]),
  };
}

/**
 * The baseline customers a `where` selects (1) — every key given must hold, each judged on the
 * baseline. `group` names groupBy columns (§14) and their values; a column not in groupBy
 * selects no one, with a warning.
 */
function select(
  w: ScenarioWhere,
  b: PeriodAnalysis,
  settings: Settings,
  keys: () => Map<string, number>,
  say: (text: string) => void,
): Uint8Array {
  const n = b.customers.n,
    seg = b.classes.segment;
  const sel = new Uint8Array(n).fill(1);
  const keep = (ok: (c: number) => boolean) => {
    for (let c = 0; c < n; c++) if (sel[c] && !ok(c)) sel[c] = 0;
  };
  if (w.segments) {
    const want = new Set(w.segments.map((s) => SEGMENTS.indexOf(s)));
    keep((c) => want.has(seg[c]));
  }
  if (w.tiers) {
    const want = new Set(w.tiers);
    keep((c) => seg[c] >= 0 && want.has(settings.tiers[seg[c]]));
  }
  if (w.customers) {
    const index = keys(),
      want = new Uint8Array(n);
    for (const k of w.customers) {
      const c = index.get(keyText(k));
      if (c === undefined) say(`customer "${k}" is not in the data`);
      else want[c] = 1;
    }
    keep((c) => want[c] === 1);
  }
  if (w.group) {
    // §14: each column must be a groupBy column; a customer's value is its dominant one
    for (const [column, value] of Object.entries(w.group)) {
      const g = b.customers.groups.find(
        (x) => normalizeHeader(x.column) === normalizeHeader(column),
      );
      if (!g) {
        say(
          `where.group: "${column}" is not a groupBy column${b.customers.groups.length ? ` (groupBy: ${b.customers.groups.map((x) => x.column).join(', ')})` : ''}, so it selects no one; add it to groupBy`,
        );
        sel.fill(0);
        continue;
      }
      const v = g.values.indexOf(groupText(value.trim()));
      if (v < 0) say(`where.group: ${g.column} has no value "${value}"`);
      keep((c) => g.of[c] === v);
    }
  }
  if (w.moneyLosers !== undefined) {
    const np = b.netProfit,
      want = w.moneyLosers;
    keep((c) => (seg[c] >= 0 && np[c] < 0) === want);
  }
  return sel;
}

/**
 * The baseline customers a `where` selects, 1 per customer (for tools that lay a scenario out
 * customer by customer, such as the template). Example: `{moneyLosers: true}` → 1 where the
 * baseline net profit is < 0 in the matrix.
 */
export function selectWhere(w: ScenarioWhere, b: PeriodAnalysis, settings: Settings): Uint8Array {
  return select(w, b, settings, lazyKeyIndex(b.customers.keys), () => {});
}

/** What a warning is about: its words before the first colon ("Warehouse is over capacity"). */
const topic = (w: string) => w.split(':')[0];

/** Key → customer index, built on first use. */
function lazyKeyIndex(keys: string[]): () => Map<string, number> {
  let index: Map<string, number> | null = null;
  return () => {
    if (!index) {
      index = new Map();
      for (let c = 0; c < keys.length; c++) index.set(keys[c], c);
    }
    return index;
  };
}
