/**
 * `profit-tiers sql --table NAME`: prints the segmentation as one SQL query (DuckDB, BigQuery or
 * Spark) for tables too big for a spreadsheet. The query is written to stdout; nothing is run.
 */
import { DIALECTS, type Dialect, segmentationSql } from '../core/sql/segmentation-sql.js';
import { parseCommandArgs } from './args.js';
import { loadSettings } from './load-table.js';
import { EXIT, exitCodeFor, UserError } from './user-error.js';

const USAGE =
  'profit-tiers sql [--dialect duckdb|bigquery|spark] [--settings settings.json] [--columns "Customer ID,Revenue,…"] [--group COLUMN]... [--grouped] --table NAME';

const HELP = {
  usage: USAGE,
  about:
    'Prints one SQL query that computes, per customer, revenue, gross profit, cost-to-serve, net profit, net margin, size, profitability, segment, tier, action and whale-curve position, exactly as "profit-tiers analyze" does (default methods: Pareto size, margin-band profitability). Nothing is run.',
  options: {
    dialect: { value: 'NAME', text: 'The SQL dialect: duckdb (default), bigquery or spark.' },
    settings: {
      value: 'FILE',
      text: 'settings.json (or JSON text): rates, pools, costOfCapital, thresholds, tiers, columns.',
    },
    table: {
      value: 'NAME',
      text: 'The table to query (required): sales, db.sales, project.dataset.sales (BigQuery).',
    },
    columns: {
      value: 'LIST',
      text: 'The table\'s column names, comma-separated, mapped to fields by the same header synonyms as the analysis, e.g. "Customer ID,Net Sales,Cost of Sales,Invoice No".',
    },
    group: {
      value: 'COLUMN',
      multiple: true,
      text: "Adds a group column (repeatable, as the settings' groupBy): each customer gets the value carrying most of its revenue, as group_<column>.",
    },
    grouped: {
      text: 'Prints the grouped result instead: one row per group column and value, with customers, revenue, net profit, net margin, share of profit, money-losers and tiers.',
    },
  },
  more: `Without --columns or the settings' "columns", the table needs the columns customer, revenue, cogs, and one per priced driver (orders, lines, deliveries, returns, contacts, repeat_contacts, visits), plus payment_days when costOfCapital > 0. Store money as DECIMAL/NUMERIC for exact results.`,
} as const;

export async function runSql(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(args, HELP);
  if (!parsed) return EXIT.ok;
  const { values: o, positionals } = parsed;
  if (positionals.length)
    throw new UserError(`unexpected argument "${positionals[0]}"\nusage: ${USAGE}`, EXIT.usage);
  if (!o.table) throw new UserError(`no --table given\nusage: ${USAGE}`, EXIT.usage);
  const dialect = (o.dialect ?? 'duckdb').toLowerCase();
  if (!(DIALECTS as readonly string[]).includes(dialect)) {
    throw new UserError(
      `unknown --dialect "${o.dialect}" (dialects: ${DIALECTS.join(', ')})`,
      EXIT.usage,
    );
  }
  const columns =
    o.columns === undefined
      ? undefined
      : o.columns
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
  // biome-ignore lint/suspicious/noExplicitAny: the user's JSON, checked by resolveSettings
  let settings = (await loadSettings(o.settings)) as Record<string, any>;
  if (
    o.group?.length &&
    settings !== null &&
    typeof settings === 'object' &&
    !Array.isArray(settings)
  ) {
    const given = settings.groupBy;
    settings = {
      ...settings,
      groupBy:
        given === undefined || Array.isArray(given)
          ? [...(given ?? []), ...o.group.filter((g) => !(given ?? []).includes(g))]
          : given,
    };
  }
  const query = segmentationSql({ dialect: dialect as Dialect, table: o.table, settings, columns });
  if (!query.ok)
    throw new UserError(
      query.error.message,
      query.error.code === 'missing-column' || query.error.code === 'no-gross-profit'
        ? EXIT.usage
        : exitCodeFor(query.error.code),
    );
  if (o.grouped && !query.value.groupSql)
    throw new UserError(
      "--grouped needs a group column: add --group COLUMN or the settings' groupBy",
      EXIT.usage,
    );
  process.stdout.write(o.grouped ? query.value.groupSql! : query.value.sql);
  return EXIT.ok;
}
