/**
 * What-if scenarios as the settings write them (DOMAIN.md §11), read and checked: a named list of
 * changes, each one thing (price, fees, volumes, rates, pools, capacityCost or exit) for the
 * customers its optional `where` selects on the baseline. Every problem is listed, none thrown.
 */
import type { CapacityResource } from './capacity.js';
import { SEGMENT_CODES, SEGMENTS } from './defaults.js';
import { DRIVERS, type Driver, type Segment } from './types.js';

/** Which baseline customers a change applies to; every key given must hold. */
export interface ScenarioWhere {
  /** Segment labels (codes such as `S-L` are read as their label). */
  segments?: Segment[];
  /** Tier names as the settings name them. */
  tiers?: string[];
  /** Customer keys. */
  customers?: string[];
  /** `{column: value}`: customers whose value of that groupBy column (DOMAIN.md §14) is this. */
  group?: Record<string, string>;
  /** true: matrix customers with net profit < 0; false: everyone else. */
  moneyLosers?: boolean;
}

/** One change; exactly one of the action keys is set. */
export interface ScenarioChange {
  where?: ScenarioWhere;
  /** Revenue × (1 + price); gross profit rises by revenue × price. */
  price?: number;
  /** Money per unit of a driver, added to revenue and gross profit. */
  fees?: Partial<Record<Driver, number>>;
  /** Volume × (1 + f); `paymentDays` changes the days to pay. */
  volumes?: Partial<Record<Driver | 'paymentDays', number>>;
  /** The driver's direct rate × (1 + f) for the selected customers. */
  rates?: Partial<Record<Driver, number>>;
  /** A cost pool × (1 + f), for the whole business. */
  pools?: Partial<Record<Driver, number>>;
  /** A capacity resource's cost × (1 + f), by name, for the whole business. */
  capacityCost?: Record<string, number>;
  /** The selected customers leave. */
  exit?: true;
}

export interface ScenarioSpec {
  name: string;
  changes: ScenarioChange[];
}

export const CHANGE_KINDS = [
  'price',
  'fees',
  'volumes',
  'rates',
  'pools',
  'capacityCost',
  'exit',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The action of a checked change. */
export function changeKind(c: ScenarioChange): ChangeKind {
  return CHANGE_KINDS.find((k) => c[k] !== undefined)!;
}

const WHERE_KEYS = ['segments', 'tiers', 'customers', 'group', 'moneyLosers'];

/** What scenario checks need from the rest of the settings (already resolved). */
export interface ScenarioContext {
  tiers: readonly string[];
  rates: Partial<Record<Driver, number>>;
  pools: Partial<Record<Driver, number>>;
  capacity: readonly CapacityResource[];
}

/**
 * Reads the `scenarios` setting: a list of `{name, changes}`. Checks names (unique), each change's
 * one action and its numbers (changes are fractions ≥ −1: −0.3 = 30 % less; fees are money), that a
 * rate, pool or resource changed exists in the settings, and that `where` names real segments and
 * tiers; pools and capacityCost take no `where` (a team is cut, not a customer's use of it).
 * Example: `[{"name": "Reprice", "changes": [{"price": 0.03}]}]` → one scenario, no problems.
 */
export function resolveScenarios(
  v: unknown,
  ctx: ScenarioContext,
  problems: string[],
): ScenarioSpec[] {
  if (!Array.isArray(v)) {
    problems.push(
      'scenarios must be a list, e.g. [{"name": "Reprice", "changes": [{"price": 0.03}]}]',
    );
    return [];
  }
  const before = problems.length;
  const names = new Set<string>();
  const out = v.map((sc, i): ScenarioSpec => {
    const at = `scenarios[${i}]`;
    if (!isObject(sc)) {
      problems.push(`${at} must be an object with a name and changes`);
      return { name: '', changes: [] };
    }
    for (const key of Object.keys(sc))
      if (key !== 'name' && key !== 'changes')
        problems.push(`${at}: unknown key "${key}" (keys: name, changes)`);
    const name = typeof sc.name === 'string' ? sc.name.trim() : '';
    if (name === '') problems.push(`${at}.name must be a text, e.g. "Fees for small orders"`);
    else if (names.has(name.toLowerCase()))
      problems.push(`${at}: the name "${name}" is used twice: give each scenario its own`);
    names.add(name.toLowerCase());
    if (!Array.isArray(sc.changes)) {
      problems.push(`${at}.changes must be a list of changes, e.g. [{"price": 0.03}]`);
      return { name, changes: [] };
    }
    const changes = sc.changes.map((c: unknown, j: number) =>
      resolveChange(c, `${at}.changes[${j}]`, ctx, problems),
    );
    return { name, changes };
  });
  return problems.length > before ? [] : out;
}

/** Checks one change (see `resolveScenarios`); `at` names it in problems. */
export function resolveChange(
  c: unknown,
  at: string,
  ctx: ScenarioContext,
  problems: string[],
): ScenarioChange {
  const out: ScenarioChange = {};
  if (!isObject(c)) {
    problems.push(`${at} must be an object such as {"price": 0.03}`);
    return out;
  }
  for (const key of Object.keys(c))
    if (key !== 'where' && !(CHANGE_KINDS as readonly string[]).includes(key))
      problems.push(`${at}: unknown key "${key}" (keys: where, ${CHANGE_KINDS.join(', ')})`);
  const kinds = CHANGE_KINDS.filter((k) => c[k] !== undefined);
  if (kinds.length !== 1) {
    problems.push(
      kinds.length
        ? `${at} has ${kinds.join(' and ')}: one change per item (split them, they apply in order)`
        : `${at} changes nothing: give one of ${CHANGE_KINDS.join(', ')}`,
    );
    return out;
  }
  const kind = kinds[0];
  if (c.where !== undefined) {
    if (kind === 'pools' || kind === 'capacityCost')
      problems.push(
        `${at}: ${kind} change the whole business (a team, not a customer's use of it): remove "where"`,
      );
    else out.where = resolveWhere(c.where, `${at}.where`, ctx, problems);
  }
  const x = c[kind];
  if (kind === 'price') {
    if (fraction(x)) out.price = x;
    else
      problems.push(
        `${at}.price must be a fraction of -1 or more, e.g. 0.03 for +3 % (got ${show(x)})`,
      );
  } else if (kind === 'exit') {
    if (x === true) out.exit = true;
    else problems.push(`${at}.exit must be true (got ${show(x)})`);
  } else if (kind === 'capacityCost') {
    out.capacityCost = {};
    for (const [name, f] of entries(x, `${at}.capacityCost`, problems)) {
      const r = ctx.capacity.find((r) => r.name.toLowerCase() === name.trim().toLowerCase());
      if (!r)
        problems.push(
          `${at}.capacityCost: no capacity resource "${name}" in the settings${ctx.capacity.length ? ` (resources: ${ctx.capacity.map((r) => r.name).join(', ')})` : ''}`,
        );
      else if (!fraction(f))
        problems.push(
          `${at}.capacityCost.${name} must be a fraction of -1 or more, e.g. -0.1 for 10 % less (got ${show(f)})`,
        );
      else out.capacityCost[r.name] = f;
    }
  } else {
    const table: Record<string, number> = {};
    const keys: readonly string[] = kind === 'volumes' ? [...DRIVERS, 'paymentDays'] : DRIVERS;
    for (const [d, f] of entries(x, `${at}.${kind}`, problems)) {
      if (!keys.includes(d))
        problems.push(`${at}.${kind}: unknown driver "${d}" (drivers: ${keys.join(', ')})`);
      else if (kind === 'fees' ? !finite(f) : !fraction(f))
        problems.push(
          kind === 'fees'
            ? `${at}.fees.${d} must be money per ${d === 'orders' ? 'order' : 'unit'}, e.g. 15 (got ${show(f)})`
            : `${at}.${kind}.${d} must be a fraction of -1 or more, e.g. -0.3 for 30 % less (got ${show(f)})`,
        );
      else if (kind === 'rates' && !((ctx.rates[d as Driver] ?? 0) > 0))
        problems.push(
          `${at}.rates.${d}: ${d} has no direct rate in the settings${ctx.pools[d as Driver] !== undefined ? ' (it is priced by a cost pool: change pools instead)' : ''}`,
        );
      else if (kind === 'pools' && ctx.pools[d as Driver] === undefined)
        problems.push(`${at}.pools.${d}: ${d} has no cost pool in the settings`);
      else table[d] = f as number;
    }
    (out as Record<string, unknown>)[kind] = table;
  }
  return out;
}

function resolveWhere(
  v: unknown,
  at: string,
  ctx: ScenarioContext,
  problems: string[],
): ScenarioWhere {
  const w: ScenarioWhere = {};
  if (!isObject(v)) {
    problems.push(`${at} must be an object such as {"tiers": ["Fix"]}`);
    return w;
  }
  for (const key of Object.keys(v))
    if (!WHERE_KEYS.includes(key))
      problems.push(`${at}: unknown key "${key}" (keys: ${WHERE_KEYS.join(', ')})`);
  if (v.segments !== undefined) {
    w.segments = [];
    for (const s of list(v.segments, `${at}.segments`, problems)) {
      const text = typeof s === 'string' ? s.trim().toLowerCase() : '';
      let i = SEGMENTS.findIndex((x) => x.toLowerCase() === text);
      if (i < 0) i = SEGMENT_CODES.findIndex((x) => x.toLowerCase() === text);
      if (i < 0)
        problems.push(
          `${at}.segments: unknown segment ${show(s)} (use ${SEGMENTS.join(', ')} or ${SEGMENT_CODES.join(', ')})`,
        );
      else w.segments.push(SEGMENTS[i]);
    }
  }
  if (v.tiers !== undefined) {
    w.tiers = [];
    const known = [...new Set(ctx.tiers)];
    for (const t of list(v.tiers, `${at}.tiers`, problems)) {
      const name = known.find(
        (k) => typeof t === 'string' && k.toLowerCase() === t.trim().toLowerCase(),
      );
      if (name === undefined)
        problems.push(`${at}.tiers: unknown tier ${show(t)} (tiers: ${known.join(', ')})`);
      else w.tiers.push(name);
    }
  }
  if (v.customers !== undefined) {
    w.customers = [];
    for (const k of list(v.customers, `${at}.customers`, problems)) {
      // matched as the data's keys are read (trimmed, NFC) when the scenario runs
      const key =
        typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k))
          ? String(k).trim()
          : '';
      if (key === '') problems.push(`${at}.customers: ${show(k)} is not a customer key`);
      else w.customers.push(key);
    }
  }
  if (v.group !== undefined) {
    w.group = {};
    for (const [col, value] of entries(v.group, `${at}.group`, problems)) {
      if (typeof value !== 'string' && typeof value !== 'number')
        problems.push(`${at}.group.${col} must be a value of that column (got ${show(value)})`);
      else w.group[col] = String(value);
    }
  }
  if (v.moneyLosers !== undefined) {
    if (typeof v.moneyLosers !== 'boolean')
      problems.push(`${at}.moneyLosers must be true or false (got ${show(v.moneyLosers)})`);
    else w.moneyLosers = v.moneyLosers;
  }
  return w;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const fraction = (v: unknown): v is number => finite(v) && v >= -1;
const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

function entries(v: unknown, at: string, problems: string[]): [string, unknown][] {
  if (isObject(v)) return Object.entries(v);
  problems.push(`${at} must be an object`);
  return [];
}

function list(v: unknown, at: string, problems: string[]): unknown[] {
  if (Array.isArray(v)) return v;
  problems.push(`${at} must be a list`);
  return [];
}
