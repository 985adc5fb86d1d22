/**
 * The core's one entry point: a table of cell values → every customer priced, segmented,
 * tiered and explained, every input row accounted for, and migration when asked for.
 *
 *   read rows → aggregate per customer → price and segment → (migration)
 */
import { aggregate } from './aggregate.js';
import { type DriverRates, driverRates } from './cost-to-serve.js';
import { tierLossWarnings } from './customer-action.js';
import { fail, type InputError, type Outcome } from './errors.js';
import { type GroupTable, groupTables } from './groups.js';
import { type Migration, migration } from './migration.js';
import type { Grain } from './period.js';
import { type PeriodAnalysis, priceAndSegment } from './price-and-segment.js';
import { zeroTargetWarning } from './profit-class.js';
import { type RowTable, readRows, rowIsBlank, type TableInput } from './read-rows.js';
import { runScenario, type ScenarioResult } from './scenario.js';
import { type Sensitivity, sensitivity } from './sensitivity.js';
import { resolveSettings, type Settings, settingsProblemText, tableLocale } from './settings.js';
import { analysePeriods, type Trend, trend } from './trend.js';
import type { Driver, Field, Problem } from './types.js';
import {
  unpricedActivity,
  unpricedActivityWarning,
  unusedCostOfCapitalWarning,
} from './unpriced-activity.js';

export interface AnalyzeOptions {
  /** Migration between the two latest periods of the period column, grouped by this grain. */
  periods?: Grain;
  /** Migration from this earlier table to the main one. */
  previous?: TableInput;
  /** Labels for the two tables of `previous` (e.g. file names). */
  labels?: { previous: string; current: string };
}

export interface Analysis extends PeriodAnalysis {
  settings: Settings;
  input: {
    headers: string[];
    /** Field → header text of the column used for it. */
    mapping: Partial<Record<Field, string>>;
    headerRow: number;
    /** Rows were transactions (repeated keys or order ids) aggregated per customer. */
    transactions: boolean;
    /** How the discount column was read (DOMAIN.md §1a); null without one. */
    discountKind: 'rate' | 'money' | null;
  };
  rows: { total: number; used: number; rejected: Problem[] };
  /** Things a person should know that reject no row (e.g. a cost pool with nothing to spread over). */
  warnings: string[];
  /** Activity drivers mapped while nothing prices any of them (§17); [] otherwise. */
  unpriced: Driver[];
  /** The period analysed, when periods were used. */
  period: string | null;
  migration: Migration | null;
  previous: PeriodAnalysis | null;
  /** The rows of the `previous` table, used or rejected (null without one): no row is dropped silently. */
  previousRows: { total: number; used: number; rejected: Problem[] } | null;
  /** Profitability per value of each `groupBy` column (§14), of the period analysed. */
  groups: GroupTable[];
  /** Every period analysed, when more than two were asked for (§15); null otherwise. */
  trend: Trend | null;
  /** The settings' what-if scenarios (DOMAIN.md §11), run on the analysed period. */
  scenarios: ScenarioResult[];
  /** Tier stability under ±`settings.sensitivity` on each cost input (§12); null when it is 0. */
  sensitivity: Sensitivity | null;
}

/**
 * Example: `analyze({ values: [['Customer', 'Revenue', 'COGS'], ['A', 100, 60], ['B', 50, 45]] })`
 * → ok, two customers, A `Large/High` (Concierge), B `Large/Mid`… see the README for a walk-through.
 */
export function analyze(
  input: TableInput,
  settingsInput: unknown = {},
  options: AnalyzeOptions = {},
): Outcome<Analysis> {
  const resolved = resolveSettings(settingsInput);
  if (resolved.problems.length) return fail('bad-settings', settingsProblemText(resolved.problems));
  // Each table is read with its own file's decimal mark unless the settings fix one.
  const settings = tableLocale(resolved.settings, settingsInput, input.decimal);
  const read = readRows(input, settings, { periodGrain: options.periods });
  if (!read.ok) return read;
  const rows = read.value;
  const h = rows.headerRow - (input.firstRow ?? 1);
  if (rows.count === 0 && input.values.every((row, r) => r <= h || rowIsBlank(row)))
    return fail(
      'empty',
      `the table has a header (row ${rows.headerRow}) but no data rows below it`,
    );
  const rejected = [...rows.rejected];

  let current: PeriodAnalysis,
    previous: PeriodAnalysis | null = null,
    mig: Migration | null = null,
    period: string | null = null;
  let previousRows: Analysis['previousRows'] = null;
  let trendResult: Trend | null = null;
  const previousWarnings: string[] = [];
  const used = rows.count;
  if (options.periods) {
    const labels = [...new Set(rows.period)].sort();
    if (labels.length < 2)
      return fail(
        'no-periods',
        `migration needs two periods, but the ${rows.headers[rows.columns.period!]} column holds ${labels.length === 1 ? `only ${labels[0]}` : 'none'} by ${options.periods}`,
      );
    const [from, to] = labels.slice(-2);
    // §7: one rate per pool over all rows read, so a customer moves only for what it did; with
    // more than two periods every period is analysed and every row used (§15).
    const analyses = analysePeriods(rows, labels, settings);
    if (labels.length > 2) trendResult = trend(analyses, labels, settings);
    [previous, current] = analyses.slice(-2);
    mig = migration(previous, current, from, to);
    period = to;
  } else {
    const now = aggregate(rows);
    if (!options.previous) current = priceAndSegment(now, settings);
    else {
      const prevSettings = tableLocale(resolved.settings, settingsInput, options.previous.decimal);
      const prev = readRows(options.previous, prevSettings);
      if (!prev.ok) return fail(prev.error.code, `previous table: ${prev.error.message}`);
      const before = aggregate(prev.value);
      const rates = sharedRates([now.volumes, before.volumes], settings);
      current = priceAndSegment(now, settings, rates);
      previous = priceAndSegment(before, settings, rates);
      previousRows = {
        total: rowTotal(prev.value, options.previous),
        used: prev.value.count,
        rejected: prev.value.rejected,
      };
      previousWarnings.push(...prev.value.warnings.map((w) => `previous table: ${w}`));
      const labels = options.labels ?? { previous: 'previous', current: 'current' };
      mig = migration(previous, current, labels.previous, labels.current);
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  if (used === 0) return noUsableRows(rowTotal(rows, input), rejected);
  const scenarios = settings.scenarios.map((sc) => runScenario(current, settings, sc));

  const mapping: Partial<Record<Field, string>> = {};
  for (const [f, c] of Object.entries(rows.columns)) mapping[f as Field] = rows.headers[c!];
  const unpriced = unpricedActivity(rows.columns, current.cost.rates);
  const warnings = [
    ...rows.warnings,
    ...current.cost.warnings,
    unpricedActivityWarning(unpriced),
    unusedCostOfCapitalWarning(settings.costOfCapital, rows.paymentDays !== null),
    current.concierge.warning,
    ...tierLossWarnings(current, settings),
    zeroTargetWarning(settings, current.totals.marginTarget, current.whale.totalNetProfit),
    current.service?.warning ?? null,
  ].filter((w): w is string => w !== null);
  return {
    ok: true,
    value: {
      ...current,
      settings,
      input: {
        headers: rows.headers,
        mapping,
        headerRow: rows.headerRow,
        transactions: rows.transactions,
        discountKind: rows.discountKind,
      },
      rows: { total: rowTotal(rows, input), used, rejected },
      warnings: [
        ...warnings.slice(0, rows.warnings.length),
        ...previousWarnings,
        ...warnings.slice(rows.warnings.length),
        ...scenarios.flatMap((sc) => sc.warnings),
      ],
      unpriced,
      period,
      migration: mig,
      previous,
      previousRows,
      groups: groupTables(current, settings),
      trend: trendResult,
      scenarios,
      sensitivity: settings.sensitivity > 0 ? sensitivity(current, settings) : null,
    },
  };
}

/** Every row rejected: one line with the count and the first reason that is not a blank row. */
function noUsableRows(total: number, rejected: Problem[]): { ok: false; error: InputError } {
  const first = rejected.find((p) => !p.reason.startsWith('blank'));
  const where = first
    ? `; first: row ${first.row}${first.column ? `, ${first.column}` : ''}: ${first.reason}`
    : '';
  return fail('no-usable-rows', `no usable rows: all ${total} rows were rejected${where}`);
}

/** Rates of the volumes of several tables together: a pool is spread over all of them (§7). */
function sharedRates(tables: (Float64Array | null)[][], settings: Settings): DriverRates {
  const volumes = tables[0].map((_, d) => {
    const parts = tables.map((t) => t[d]).filter((v): v is Float64Array => v !== null);
    if (parts.length === 0) return null;
    const all = new Float64Array(parts.reduce((n, v) => n + v.length, 0));
    let at = 0;
    for (const v of parts) {
      all.set(v, at);
      at += v.length;
    }
    return all;
  });
  return driverRates(volumes, settings);
}

/** Rows of the table other than the header: above it and below it. */
function rowTotal(rows: RowTable, input: TableInput): number {
  return rows.dataRows + (rows.headerRow - (input.firstRow ?? 1));
}
