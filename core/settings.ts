/**
 * Settings: what the user can change (DOMAIN.md: "every threshold is a setting").
 * `resolveSettings` turns a partial, user-written object (settings.json, the task pane's form)
 * into complete settings plus every problem found, as data.
 */

import { type CapacityResource, resolveCapacity } from './capacity.js';
import { normalizeHeader } from './column-map.js';
import {
  CONCIERGE_BUDGET_SHARE,
  DEFAULT_ACTIONS,
  DEFAULT_TIERS,
  PARETO_LARGE,
  PARETO_MEDIUM,
  SEGMENT_CODES,
  SEGMENTS,
  SENSITIVITY,
} from './defaults.js';
import { resolveScenarios, type ScenarioSpec } from './scenario-spec.js';
import { COST_LINES, type CostLine, DRIVERS, type Driver, FIELDS, type Field } from './types.js';

export type SizeMethod = 'pareto' | 'terciles' | 'fixed';
export type ProfitMethod = 'bands' | 'terciles' | 'fixed';

export interface Settings {
  /** Field → header text, overriding the automatic mapping; null leaves a field unused. */
  columns: Partial<Record<Field, string | null>>;
  /** Money per unit of each driver. */
  rates: Partial<Record<Driver, number>>;
  /** Activity-based costing: a pool of money spread over the driver's total volume. */
  pools: Partial<Record<Driver, number>>;
  /** Yearly cost of capital applied to revenue × paymentDays / 365. */
  costOfCapital: number;
  /** pareto: `large`/`medium` are shares of revenue (0.8, 0.95); fixed: money thresholds. */
  size: { method: SizeMethod; large: number; medium: number };
  /** bands: `target` overrides the overall margin (net profit ÷ revenue of the customers with revenue) when set; fixed: `high`/`low` margins. */
  profitability: { method: ProfitMethod; high: number; low: number; target: number | null };
  /** Tier name per segment, SEGMENTS order. */
  tiers: string[];
  /** Action per segment, SEGMENTS order. */
  actions: string[];
  locale: { decimal: '.' | ','; dateOrder: 'mdy' | 'dmy' | 'ymd' };
  /** Share of the Concierge tier's net profit it can spend on extra service. */
  conciergeBudgetShare: number;
  /** With neither COGS nor gross profit: analyse on cost-to-serve alone (gross profit = revenue). */
  costToServeOnly: boolean;
  /** Header texts of the columns to report profitability by (DOMAIN.md §14), e.g. ["Region"]. */
  groupBy: string[];
  /** Sheet row of the header (1 = the first row) when it is below the rows searched; null: found. */
  headerRow: number | null;
  /**
   * Share of each cost line that goes when a customer leaves (DOMAIN.md §10), in [0, 1]; a line
   * not named keeps its default (direct rate 1, pool and capacity 0, cost of capital 1).
   */
  avoidable: Partial<Record<CostLine, number>>;
  /** Keep Concierge for this many Large/High customers, the most profitable (DOMAIN.md §8); null: all. */
  conciergeMaxAccounts: number | null;
  /** Time-driven capacity (DOMAIN.md §13): resources whose minutes price the drivers. */
  capacity: CapacityResource[];
  /** How far each cost input moves, ±, to test tier stability (DOMAIN.md §12); 0 = off. */
  sensitivity: number;
  /** What-if scenarios (DOMAIN.md §11), run on every analysis. */
  scenarios: ScenarioSpec[];
}

export type SettingsInput = {
  [K in keyof Settings]?: K extends 'tiers' | 'actions'
    ? Record<string, string> | string[]
    : Settings[K] extends object
      ? Partial<Settings[K]>
      : Settings[K];
};

export function defaultSettings(): Settings {
  return {
    columns: {},
    rates: {},
    pools: {},
    costOfCapital: 0,
    size: { method: 'pareto', large: PARETO_LARGE, medium: PARETO_MEDIUM },
    profitability: { method: 'bands', high: NaN, low: NaN, target: null },
    tiers: [...DEFAULT_TIERS],
    actions: [...DEFAULT_ACTIONS],
    locale: { decimal: '.', dateOrder: 'mdy' },
    conciergeBudgetShare: CONCIERGE_BUDGET_SHARE,
    costToServeOnly: false,
    groupBy: [],
    headerRow: null,
    avoidable: {},
    conciergeMaxAccounts: null,
    capacity: [],
    sensitivity: SENSITIVITY,
    scenarios: [],
  };
}

const KNOWN_KEYS = new Set(Object.keys(defaultSettings()));
/** Excel's last row. */
const MAX_SHEET_ROWS = 1_048_576;

/**
 * Names that reach into JavaScript's object machinery: a settings path through them (from an
 * `options` range such as `__proto__.x | 1`) would change every object of a long-lived runtime.
 */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  'constructor',
]);

/** The first forbidden name used as a key anywhere in `v` (own keys, as JSON.parse makes them). */
function forbiddenKey(v: unknown, depth = 0): string | null {
  if (v === null || typeof v !== 'object' || depth > 8) return null;
  for (const key of Object.keys(v)) {
    if (FORBIDDEN_NAMES.has(key)) return key;
    const inner = forbiddenKey((v as Record<string, unknown>)[key], depth + 1);
    if (inner !== null) return inner;
  }
  return null;
}

/**
 * Completes user settings with the defaults and lists every problem (never throws).
 * Example: `resolveSettings({ rates: { orders: -1 } }).problems` →
 * `['rates.orders must be a number ≥ 0 (got -1)']`.
 */
export function resolveSettings(input: unknown = {}): { settings: Settings; problems: string[] } {
  const s = defaultSettings();
  const problems: string[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { settings: s, problems: ['settings must be a JSON object'] };
  }
  const bad = forbiddenKey(input);
  if (bad !== null) return { settings: s, problems: [`"${bad}" cannot be a setting name`] };
  // biome-ignore lint/suspicious/noExplicitAny: untyped JSON, checked field by field below
  const u = input as Record<string, any>;
  for (const key of Object.keys(u))
    if (!KNOWN_KEYS.has(key))
      problems.push(`unknown setting "${key}" (known: ${[...KNOWN_KEYS].join(', ')})`);

  if (u.columns !== undefined) {
    for (const [field, header] of Object.entries(obj(u.columns, 'columns', problems))) {
      if (!(FIELDS as readonly string[]).includes(field))
        problems.push(`columns: unknown field "${field}" (fields: ${FIELDS.join(', ')})`);
      else if (header === null) s.columns[field as Field] = null;
      else if (typeof header !== 'string' || header.trim() === '')
        problems.push(`columns.${field} must be a header text, or null to leave it unused`);
      else s.columns[field as Field] = header;
    }
  }
  for (const kind of ['rates', 'pools'] as const) {
    if (u[kind] === undefined) continue;
    for (const [driver, value] of Object.entries(obj(u[kind], kind, problems))) {
      if (!(DRIVERS as readonly string[]).includes(driver))
        problems.push(`${kind}: unknown driver "${driver}" (drivers: ${DRIVERS.join(', ')})`);
      else if (!isNonNegative(value))
        problems.push(`${kind}.${driver} must be a number ≥ 0 (got ${show(value)})`);
      else s[kind][driver as Driver] = value as number;
    }
  }
  for (const d of DRIVERS) {
    if (s.rates[d] !== undefined && s.pools[d] !== undefined)
      problems.push(`${d} has both a rate and a cost pool: keep one`);
  }
  if (u.costOfCapital !== undefined) {
    if (!isNonNegative(u.costOfCapital) || u.costOfCapital > 1)
      problems.push(
        `costOfCapital must be a yearly rate between 0 and 1 (got ${show(u.costOfCapital)})`,
      );
    else s.costOfCapital = u.costOfCapital;
  }
  if (u.conciergeBudgetShare !== undefined) {
    if (!isNonNegative(u.conciergeBudgetShare) || u.conciergeBudgetShare > 1)
      problems.push(
        `conciergeBudgetShare must be between 0 and 1 (got ${show(u.conciergeBudgetShare)})`,
      );
    else s.conciergeBudgetShare = u.conciergeBudgetShare;
  }
  if (u.costToServeOnly !== undefined) s.costToServeOnly = u.costToServeOnly === true;
  if (u.groupBy !== undefined) resolveGroupBy(u.groupBy, s, problems);
  if (u.headerRow !== undefined && u.headerRow !== null) {
    if (!Number.isInteger(u.headerRow) || u.headerRow < 1 || u.headerRow > MAX_SHEET_ROWS)
      problems.push(`headerRow must be a sheet row number such as 5 (got ${show(u.headerRow)})`);
    else s.headerRow = u.headerRow;
  }
  if (u.avoidable !== undefined) {
    for (const [line, value] of Object.entries(obj(u.avoidable, 'avoidable', problems))) {
      if (!(COST_LINES as readonly string[]).includes(line))
        problems.push(
          `avoidable: unknown cost line "${line}" (cost lines: ${COST_LINES.join(', ')})`,
        );
      else if (!isNonNegative(value) || value > 1)
        problems.push(`avoidable.${line} must be a share between 0 and 1 (got ${show(value)})`);
      else s.avoidable[line as CostLine] = value;
    }
  }
  if (u.conciergeMaxAccounts !== undefined && u.conciergeMaxAccounts !== null) {
    const m = u.conciergeMaxAccounts;
    if (!isNonNegative(m) || !Number.isInteger(m))
      problems.push(`conciergeMaxAccounts must be a whole number of accounts ≥ 0 (got ${show(m)})`);
    else s.conciergeMaxAccounts = m;
  }
  if (u.capacity !== undefined) s.capacity = resolveCapacity(u.capacity, problems);
  if (u.sensitivity !== undefined) {
    if (!isNonNegative(u.sensitivity) || u.sensitivity >= 1)
      problems.push(
        `sensitivity must be a share such as 0.2 (±20 %), at least 0 and below 1; 0 turns it off (got ${show(u.sensitivity)})`,
      );
    else s.sensitivity = u.sensitivity;
  }
  resolveSize(u.size, s, problems);
  resolveProfitability(u.profitability, s, problems);
  for (const kind of ['tiers', 'actions'] as const) {
    if (u[kind] !== undefined) resolveSegmentMap(u[kind], s[kind], kind, problems);
  }
  if (u.locale !== undefined) {
    const l = obj(u.locale, 'locale', problems);
    if (l.decimal !== undefined) {
      if (l.decimal !== '.' && l.decimal !== ',')
        problems.push(`locale.decimal must be "." or "," (got ${show(l.decimal)})`);
      else {
        s.locale.decimal = l.decimal;
        if (l.decimal === ',') s.locale.dateOrder = 'dmy';
      }
    }
    if (l.dateOrder !== undefined) {
      if (!['mdy', 'dmy', 'ymd'].includes(l.dateOrder))
        problems.push(`locale.dateOrder must be "mdy", "dmy" or "ymd" (got ${show(l.dateOrder)})`);
      else s.locale.dateOrder = l.dateOrder;
    }
  }
  // Last: scenarios name the tiers, rates, pools and resources resolved above.
  if (u.scenarios !== undefined) s.scenarios = resolveScenarios(u.scenarios, s, problems);
  return { settings: s, problems };
}

/**
 * The settings to read one table with: the decimal mark its file format implies (`decimal`: a
 * semicolon CSV is what Excel writes where the decimal mark is a comma) unless the user's settings
 * fix `locale.decimal`; a decimal comma then also means day-month-year dates unless
 * `locale.dateOrder` is set. Each table (the main one, `--previous`) is read with its own.
 * Example: `tableLocale(defaultSettings(), {}, ',').locale` → `{ decimal: ',', dateOrder: 'dmy' }`;
 * `tableLocale(s, { locale: { decimal: '.' } }, ',')` → `s` unchanged.
 */
export function tableLocale(settings: Settings, input: unknown, decimal?: '.' | ','): Settings {
  const fixed = (input as { locale?: { decimal?: unknown; dateOrder?: unknown } } | null)?.locale;
  if (decimal === undefined || fixed?.decimal !== undefined || decimal === settings.locale.decimal)
    return settings;
  const dateOrder =
    fixed?.dateOrder !== undefined ? settings.locale.dateOrder : decimal === ',' ? 'dmy' : 'mdy';
  return { ...settings, locale: { decimal, dateOrder } };
}

/**
 * Every problem, in one line: "settings: rates.orders must be a number ≥ 0 (got -1); size.method
 * must be …". A person fixes them all in one go instead of one per run.
 */
export function settingsProblemText(problems: string[]): string {
  return `settings: ${problems.join('; ')}`;
}

/** `groupBy`: a list of header texts, each once (compared as headers are: case and spaces aside). */
function resolveGroupBy(v: unknown, s: Settings, problems: string[]): void {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.trim() !== '')) {
    problems.push(`groupBy must be a list of column headers, e.g. ["Region"] (got ${show(v)})`);
    return;
  }
  const seen = new Set<string>();
  for (const header of v as string[]) {
    const key = normalizeHeader(header);
    if (seen.has(key)) problems.push(`groupBy names "${header.trim()}" twice`);
    else {
      seen.add(key);
      s.groupBy.push(header.trim());
    }
  }
}

function resolveSize(v: unknown, s: Settings, problems: string[]): void {
  if (v === undefined) return;
  const u = obj(v, 'size', problems);
  const method = u.method ?? 'pareto';
  if (!['pareto', 'terciles', 'fixed'].includes(method)) {
    problems.push(`size.method must be "pareto", "terciles" or "fixed" (got ${show(method)})`);
    return;
  }
  s.size.method = method;
  if (method === 'pareto') {
    const large = u.large ?? PARETO_LARGE,
      medium = u.medium ?? PARETO_MEDIUM;
    if (!(isNonNegative(large) && isNonNegative(medium) && large <= medium && medium <= 1)) {
      problems.push(
        `size: Pareto shares need 0 ≤ large ≤ medium ≤ 1 (got large ${show(large)}, medium ${show(medium)})`,
      );
    } else Object.assign(s.size, { large, medium });
  } else if (method === 'fixed') {
    if (!(isNonNegative(u.large) && isNonNegative(u.medium) && u.large >= u.medium)) {
      problems.push(
        `size: fixed thresholds need revenue amounts large ≥ medium ≥ 0 (got large ${show(u.large)}, medium ${show(u.medium)})`,
      );
    } else Object.assign(s.size, { large: u.large, medium: u.medium });
  }
}

function resolveProfitability(v: unknown, s: Settings, problems: string[]): void {
  if (v === undefined) return;
  const u = obj(v, 'profitability', problems);
  const method = u.method ?? 'bands';
  if (!['bands', 'terciles', 'fixed'].includes(method)) {
    problems.push(
      `profitability.method must be "bands", "terciles" or "fixed" (got ${show(method)})`,
    );
    return;
  }
  s.profitability.method = method;
  if (method === 'bands' && u.target !== undefined && u.target !== null) {
    if (!isFiniteNumber(u.target))
      problems.push(`profitability.target must be a margin such as 0.12 (got ${show(u.target)})`);
    else s.profitability.target = u.target;
  }
  if (method === 'fixed') {
    if (!(isFiniteNumber(u.high) && isFiniteNumber(u.low) && u.high >= u.low)) {
      problems.push(
        `profitability: fixed margins need high ≥ low, e.g. {"high": 0.15, "low": 0} (got high ${show(u.high)}, low ${show(u.low)})`,
      );
    } else Object.assign(s.profitability, { high: u.high, low: u.low });
  }
}

/** Accepts `{"Large/High": "Concierge", "M-L": "Fix"}` or a 9-item array in SEGMENTS order. */
function resolveSegmentMap(v: unknown, target: string[], kind: string, problems: string[]): void {
  if (Array.isArray(v)) {
    if (v.length !== 9 || !v.every((x) => typeof x === 'string' && x.trim() !== ''))
      problems.push(`${kind} as a list needs 9 names in the order ${SEGMENTS.join(', ')}`);
    else
      v.forEach((x, i) => {
        target[i] = x.trim();
      });
    return;
  }
  for (const [seg, name] of Object.entries(obj(v, kind, problems))) {
    let i = (SEGMENTS as readonly string[]).indexOf(seg);
    if (i < 0) i = (SEGMENT_CODES as readonly string[]).indexOf(seg);
    if (i < 0)
      problems.push(
        `${kind}: unknown segment "${seg}" (use ${SEGMENTS.join(', ')} or ${SEGMENT_CODES.join(', ')})`,
      );
    else if (typeof name !== 'string' || name.trim() === '')
      problems.push(`${kind}.${seg} must be a text`);
    else target[i] = name.trim();
  }
}

// biome-ignore-start lint/suspicious/noExplicitAny: an object of the user's JSON, checked by the caller
function obj(v: unknown, name: string, problems: string[]): Record<string, any> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, any>;
  // biome-ignore-end lint/suspicious/noExplicitAny: -
  problems.push(`${name} must be an object`);
  return {};
}
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNonNegative = (v: unknown): v is number => isFiniteNumber(v) && v >= 0;
/** A value as the user wrote it; JSON reads a number it cannot hold (1e400) as ±Infinity. */
const show = (v: unknown): string =>
  v === undefined
    ? 'nothing'
    : typeof v === 'number' && !Number.isFinite(v)
      ? Number.isNaN(v)
        ? 'not a number'
        : `a number too large${v < 0 ? ' below zero' : ''}`
      : JSON.stringify(v);
