/**
 * The segmentation of DOMAIN.md §2–4 and §6 as ONE SQL query (CTEs and window functions, no
 * procedural code), for a table too big for a spreadsheet: DuckDB, BigQuery or Spark SQL.
 * Per customer it returns revenue, gross profit, each priced cost driver, cost-to-serve, net
 * profit, net margin, the Pareto share of revenue of bigger customers, size, profitability,
 * segment, tier, action, the customer's place on the whale curve, and its exit economics
 * (DOMAIN.md §10: exit impact, break-even price change, exit or reprice). `action` is the
 * segment's (Maintain's for Concierge beyond `conciergeMaxAccounts`, §8); the add-in and the CLI
 * word a Fix customer's action from `recommendation`.
 *
 * The input table holds one row per customer or one row per transaction; rows are grouped by
 * customer either way, as the core does (sums; distinct order ids count orders; the row count
 * gives order lines; payment days are revenue-weighted). Expected columns: see `resolveColumns`
 * (defaults: customer, revenue, cogs, and one column per priced driver: orders, lines,
 * deliveries, returns, contacts, repeat_contacts, visits, payment_days).
 *
 * Exactness: the query sums money in the table's own type and casts to DOUBLE only after
 * summing. With money stored as DECIMAL / NUMERIC (or integer cents), every sum is exact and
 * order-independent, and the results equal the core's (which sums in double-double): the same
 * segment and tier for every customer, money within 1e-9. With money stored as DOUBLE, sums
 * can differ from the core's in the last bits, so a customer lying within a few ulps of a
 * threshold could land on the other side. The margin target (Σ net profit / Σ revenue) is a
 * DOUBLE sum in every case, so a margin within ~1e-15 of it may differ likewise.
 *
 * Only the default methods (size: pareto, profitability: bands) are expressed in SQL; any
 * threshold, margin target, rate, pool, capacity rate, cost of capital and tier/action names are
 * honoured (the unused capacity, scenarios and sensitivity are the core's, not the query's).
 */
import { capacityRates } from '../capacity.js';
import { mapColumns, normalizeHeader } from '../column-map.js';
import { BLANK_GROUP, SEGMENT_CODES, SEGMENTS } from '../defaults.js';
import { fail, type Outcome } from '../errors.js';
import { resolveSettings, type Settings, settingsProblemText } from '../settings.js';
import { settingsTierNames } from '../tier-names.js';
import { DRIVERS, type Driver, type Field } from '../types.js';
import { type Dialect, type DialectSyntax, double, SYNTAX } from './dialect.js';

export { DIALECTS, type Dialect } from './dialect.js';

/**
 * The table's columns: either its column names, mapped to fields by the core's header synonyms
 * (then `settings.columns` overrides), or an explicit field → column-name mapping.
 */
export type SqlColumns = readonly string[] | Partial<Record<Field, string>>;

export interface SegmentationSqlOptions {
  dialect: Dialect;
  /** Table name as the engine knows it: `sales`, `db.sales`, `project.dataset.sales`. */
  table: string;
  /** Settings as in settings.json (resolved like the core does); defaults when omitted. */
  settings?: unknown;
  columns?: SqlColumns;
}

export interface SegmentationQuery {
  sql: string;
  /** Field → column of the input table that the query reads. */
  columns: Partial<Record<Field, string>>;
  /** Output columns, in order. */
  output: string[];
  /**
   * With `groupBy` (§14): the grouped result, one row per group column and value (group_column,
   * value, customers, revenue, …, money_losers, one tier_… count per tier); null without.
   */
  groupSql: string | null;
  groupOutput: string[];
}

/** Default column names when neither the settings nor `columns` name them. */
export const DEFAULT_SQL_COLUMNS: Record<
  Exclude<Field, 'name' | 'grossProfit' | 'orderId' | 'period' | 'discount'>,
  string
> = {
  customer: 'customer',
  revenue: 'revenue',
  cogs: 'cogs',
  orders: 'orders',
  lines: 'lines',
  deliveries: 'deliveries',
  returns: 'returns',
  contacts: 'contacts',
  repeatContacts: 'repeat_contacts',
  visits: 'visits',
  paymentDays: 'payment_days',
};

/** snake_case of each driver, for the query's own column names (`v_…`, `volume_…`, `cost_…`). */
const SNAKE: Record<Driver, string> = {
  orders: 'orders',
  lines: 'lines',
  deliveries: 'deliveries',
  returns: 'returns',
  contacts: 'contacts',
  repeatContacts: 'repeat_contacts',
  visits: 'visits',
};
/** Output column of each driver's cost; `cost_of_capital` for payment days. */
const COST_COLUMN = (d: Driver) => `cost_${SNAKE[d]}`;

/**
 * Example: `segmentationSql({ dialect: 'duckdb', table: 'customers', settings: { rates: { orders: 25 } } })`
 * → a query over customer, revenue, cogs, orders, giving one row per customer in whale order.
 */
export function segmentationSql(options: SegmentationSqlOptions): Outcome<SegmentationQuery> {
  const { settings, problems } = resolveSettings(options.settings ?? {});
  if (problems.length) return fail('bad-settings', settingsProblemText(problems));
  const unsupported: string[] = [];
  if (settings.size.method !== 'pareto') unsupported.push(`size.method "${settings.size.method}"`);
  if (settings.profitability.method !== 'bands')
    unsupported.push(`profitability.method "${settings.profitability.method}"`);
  if (unsupported.length) {
    return fail(
      'bad-settings',
      `the SQL query computes the default methods only (size "pareto", profitability "bands"), not ${unsupported.join(' or ')}; use the add-in or "profit-tiers analyze" for that method, or drop it from the settings`,
    );
  }
  const syntax = SYNTAX[options.dialect];
  if (!syntax)
    return fail(
      'bad-settings',
      `unknown SQL dialect "${options.dialect}" (dialects: ${Object.keys(SYNTAX).join(', ')})`,
    );
  if (typeof options.table !== 'string' || options.table.trim() === '')
    return fail('bad-settings', 'no table name');
  const cols = resolveColumns(settings, options.columns);
  if (!cols.ok) return cols;
  const groups = groupColumns(settings, options.columns);
  if (!groups.ok) return groups;
  return {
    ok: true,
    value: build(syntax, options.table.trim(), settings, cols.value, groups.value),
  };
}

/** A `groupBy` column: its label (as the settings name it), table column, and output column. */
interface GroupColumnSql {
  label: string;
  column: string;
  output: string;
}

/**
 * The table columns of `groupBy`: with a list of the table's column names, the one of the same
 * text, else the same as headers compare (case and spaces aside); otherwise the names as given.
 */
function groupColumns(
  settings: Settings,
  given: SqlColumns | undefined,
): Outcome<GroupColumnSql[]> {
  const out: GroupColumnSql[] = [];
  const taken = new Set<string>();
  for (const label of settings.groupBy) {
    let column = label;
    if (Array.isArray(given)) {
      const names = given as readonly string[];
      const found = names.includes(label)
        ? label
        : names.find((n) => normalizeHeader(n) === normalizeHeader(label));
      if (found === undefined)
        return fail(
          'missing-column',
          `groupBy: no column "${label}" (columns: ${names.join(', ')})`,
        );
      column = found;
    }
    out.push({ label, column, output: unique(`group_${snake(label)}`, taken) });
  }
  return { ok: true, value: out };
}

/** `Sales Rep` → `sales_rep`; a name with no letter or digit → `x`. */
function snake(text: string): string {
  return normalizeSnake(text) || 'x';
}
const normalizeSnake = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');

/** `name`, or `name_2`, `name_3`… when taken; records the one returned. */
function unique(name: string, taken: Set<string>): string {
  let out = name;
  for (let k = 2; taken.has(out); k++) out = `${name}_${k}`;
  taken.add(out);
  return out;
}

/** A driver costs something: a rate > 0, a cost pool (rate = pool / total volume), or capacity. */
function priced(settings: Settings, d: Driver): boolean {
  return (
    settings.pools[d] !== undefined ||
    (settings.rates[d] ?? 0) !== 0 ||
    capacityRates(settings.capacity)[DRIVERS.indexOf(d)] !== 0
  );
}

/**
 * The table columns the query reads. Only the columns that matter are read: customer, revenue,
 * cogs or gross profit, a label and an order id when mapped, the volumes of priced drivers, and
 * payment days when the cost of capital is > 0.
 */
function resolveColumns(
  settings: Settings,
  given: SqlColumns | undefined,
): Outcome<Partial<Record<Field, string>>> {
  let all: Partial<Record<Field, string>>;
  if (given === undefined) {
    all = { customer: DEFAULT_SQL_COLUMNS.customer, revenue: DEFAULT_SQL_COLUMNS.revenue };
    if (settings.columns.grossProfit === undefined) all.cogs = DEFAULT_SQL_COLUMNS.cogs;
    for (const d of DRIVERS) if (priced(settings, d)) all[d] = DEFAULT_SQL_COLUMNS[d];
    all.paymentDays = DEFAULT_SQL_COLUMNS.paymentDays;
    Object.assign(all, named(settings.columns));
    for (const [f, c] of Object.entries(settings.columns)) if (c === null) delete all[f as Field];
  } else if (Array.isArray(given)) {
    const names = given as readonly string[];
    const { columns, problems } = mapColumns(names, settings.columns);
    if (problems.length) return fail('missing-column', problems[0]);
    all = {};
    for (const [f, i] of Object.entries(columns)) all[f as Field] = names[i!];
  } else {
    all = { ...named(settings.columns), ...(given as Partial<Record<Field, string>>) };
  }
  const missing = (['customer', 'revenue'] as Field[]).filter((f) => !all[f]);
  if (missing.length) {
    const found = Array.isArray(given) ? ` (columns: ${(given as string[]).join(', ')})` : '';
    return fail(
      'missing-column',
      `no ${missing.join(' and no ')} column${found}; name it in the settings' columns`,
    );
  }
  if (!all.cogs && !all.grossProfit && !settings.costToServeOnly) {
    return fail(
      'no-gross-profit',
      "no COGS or gross profit column, so gross profit is unknown; map one in the settings' columns, or confirm an analysis on cost-to-serve alone (setting costToServeOnly: true)",
    );
  }
  const used: Partial<Record<Field, string>> = { customer: all.customer, revenue: all.revenue };
  if (all.name) used.name = all.name;
  if (all.cogs) used.cogs = all.cogs;
  else if (all.grossProfit) used.grossProfit = all.grossProfit;
  if (all.orderId) used.orderId = all.orderId;
  for (const d of DRIVERS) if (all[d] && priced(settings, d)) used[d] = all[d];
  if (all.paymentDays && settings.costOfCapital > 0) used.paymentDays = all.paymentDays;
  return { ok: true, value: used };
}

function build(
  x: DialectSyntax,
  table: string,
  s: Settings,
  col: Partial<Record<Field, string>>,
  groups: GroupColumnSql[],
): SegmentationQuery {
  const q = (f: Field) => x.ident(col[f]!);
  const asDouble = (e: string) => `CAST(${e} AS ${x.double})`;
  const asString = (e: string) => `CAST(${e} AS ${x.string})`;
  const zero = double(0);

  // Which volumes exist per customer: a column, or (transactions) distinct order ids / row count.
  // Transaction mode, as the core decides it: rows carry order ids, or some customer key repeats.
  const ifTransactions = (yes: string, no: string) =>
    col.orderId ? yes : `CASE WHEN MAX(row_count) OVER () > 1 THEN ${yes} ELSE ${no} END`;
  type Vol = { d: Driver; expr: string };
  const volumes: Vol[] = [];
  for (const d of DRIVERS) {
    if (!priced(s, d)) continue;
    if (col[d]) volumes.push({ d, expr: asDouble(`v_${SNAKE[d]}`) });
    else if (d === 'orders' && col.orderId) volumes.push({ d, expr: asDouble('order_count') });
    else if (d === 'lines') volumes.push({ d, expr: ifTransactions(asDouble('row_count'), zero) });
  }
  const days = col.paymentDays !== undefined;
  const k = s.costOfCapital / 365;

  // 1. input rows: usable rows only, as the core reads them (a blank cost or count is 0).
  const key = `TRIM(${asString(q('customer'))})`;
  const rowCols = [`${key} AS customer`];
  if (col.name) rowCols.push(`NULLIF(TRIM(${asString(q('name'))}), '') AS name`);
  rowCols.push(`${q('revenue')} AS revenue`);
  rowCols.push(
    col.cogs
      ? `${q('revenue')} - COALESCE(${q('cogs')}, 0) AS gross_profit`
      : col.grossProfit
        ? `COALESCE(${q('grossProfit')}, 0) AS gross_profit`
        : `${q('revenue')} AS gross_profit`,
  );
  for (const d of DRIVERS) if (col[d]) rowCols.push(`COALESCE(${q(d)}, 0) AS v_${SNAKE[d]}`);
  if (col.orderId) rowCols.push(`COALESCE(TRIM(${asString(q('orderId'))}), '') AS order_id`);
  if (days) rowCols.push(`${q('paymentDays')} AS payment_days`);
  // §14: each group cell as trimmed text; a blank one is "(blank)".
  groups.forEach((g, i) => {
    rowCols.push(
      `COALESCE(NULLIF(TRIM(${asString(x.ident(g.column))}), ''), ${x.str(BLANK_GROUP)}) AS g_${i + 1}`,
    );
  });
  const where = [`${q('customer')} IS NOT NULL`, `${key} <> ''`, `${q('revenue')} IS NOT NULL`];
  for (const d of DRIVERS) if (col[d]) where.push(`(${q(d)} IS NULL OR ${q(d)} >= 0)`);
  if (days) where.push(`(${q('paymentDays')} IS NULL OR ${q('paymentDays')} >= 0)`);

  // 2. customers: one row per key, money summed exactly in the table's own type.
  const custCols = ['customer'];
  custCols.push(col.name ? `COALESCE(MIN(name), '') AS name` : `'' AS name`);
  custCols.push(
    'COUNT(*) AS row_count',
    'SUM(revenue) AS revenue_exact',
    'SUM(gross_profit) AS gross_profit_exact',
  );
  for (const d of DRIVERS) if (col[d]) custCols.push(`SUM(v_${SNAKE[d]}) AS v_${SNAKE[d]}`);
  if (col.orderId) custCols.push('COUNT(DISTINCT order_id) AS order_count');
  if (days) {
    custCols.push('MAX(payment_days) AS payment_days_one');
    custCols.push(
      'SUM(CASE WHEN payment_days IS NOT NULL THEN revenue * payment_days END) AS days_weighted',
    );
    custCols.push('SUM(CASE WHEN payment_days IS NOT NULL THEN revenue END) AS days_revenue');
  }

  // 3. volumes: doubles from here on, as in the core.
  const volCols = [
    'customer',
    'name',
    ...groups.map((g) => g.output),
    'row_count',
    'revenue_exact',
    `${asDouble('revenue_exact')} AS revenue`,
    `${asDouble('gross_profit_exact')} AS gross_profit`,
    'CASE WHEN revenue_exact > 0 THEN 1 ELSE 0 END AS in_matrix',
  ];
  for (const v of volumes) volCols.push(`${v.expr} AS volume_${SNAKE[v.d]}`);
  if (days) {
    // One row per customer: the cell itself; transactions: the revenue-weighted mean (DOMAIN.md §1).
    const weighted = `CASE WHEN days_revenue <> 0 THEN ${asDouble('days_weighted')} / ${asDouble('days_revenue')} ELSE ${zero} END`;
    volCols.push(
      `${ifTransactions(col.orderId ? weighted : `(${weighted})`, `COALESCE(${asDouble('payment_days_one')}, ${zero})`)} AS payment_days`,
    );
  }

  // 4. priced: cost per driver (rate, or pool / total volume over all customers), in DRIVERS order.
  // Capacity (§13) adds a fixed rate: minutes × cost per minute, summed as the core sums it.
  const costCols: string[] = [];
  const costNames: string[] = [];
  const capacity = capacityRates(s.capacity);
  // §10: the avoidable part of each cost (a direct rate goes with the customer, a pool stays)
  const avoidable: string[] = [];
  const keep = (share: number, cost: string) => {
    if (share > 0) avoidable.push(share === 1 ? cost : `${double(share)} * ${cost}`);
  };
  for (const v of volumes) {
    const pool = s.pools[v.d],
      cap = capacity[DRIVERS.indexOf(v.d)];
    const rate =
      pool === undefined
        ? double((s.rates[v.d] ?? 0) + cap)
        : `(CASE WHEN SUM(volume_${SNAKE[v.d]}) OVER () > 0 THEN ${double(pool)} / SUM(volume_${SNAKE[v.d]}) OVER () ELSE ${zero} END${cap ? ` + ${double(cap)}` : ''})`;
    costCols.push(`volume_${SNAKE[v.d]} * ${rate} AS ${COST_COLUMN(v.d)}`);
    costNames.push(COST_COLUMN(v.d));
    // the default share is the direct part of the rate (pool and capacity parts stay), as the core
    const direct = pool === undefined ? (s.rates[v.d] ?? 0) : 0,
      whole = direct + cap;
    keep(
      s.avoidable[v.d] ?? (pool !== undefined ? 0 : whole > 0 ? direct / whole : 1),
      COST_COLUMN(v.d),
    );
  }
  if (days && s.costOfCapital > 0) {
    costCols.push(`revenue * payment_days * ${double(k)} AS cost_of_capital`);
    costNames.push('cost_of_capital');
    keep(s.avoidable.paymentDays ?? 1, 'cost_of_capital');
  }
  const cts = costNames.length ? costNames.join(' + ') : zero;

  // 5. sized: before(c) = revenue of strictly bigger customers / matrix revenue (ties excluded).
  const inMatrix = 'PARTITION BY in_matrix';
  const byRevenue = `${inMatrix} ORDER BY revenue_exact DESC`;
  const target =
    s.profitability.target !== null
      ? double(s.profitability.target)
      : `GREATEST(${zero}, SUM(net_profit) OVER (${inMatrix}) / ${asDouble(`SUM(revenue_exact) OVER (${inMatrix})`)})`;

  const caseOf = (expr: string, values: readonly string[], labels: readonly string[]) =>
    `CASE ${expr}\n${values.map((v, i) => `      WHEN ${x.str(v)} THEN ${x.str(labels[i])}`).join('\n')}\n    END`;
  const whaleOrder = `${inMatrix} ORDER BY net_profit DESC, customer ASC`;

  const output = [
    'customer',
    'name',
    ...groups.map((g) => g.output),
    'row_count',
    'revenue',
    'gross_profit',
    ...costNames,
    'cost_to_serve',
    'net_profit',
    'net_margin',
    'revenue_share_before',
    'size',
    'profitability',
    'segment',
    'segment_code',
    'tier',
    'action',
    'exit_impact',
    'break_even_price_change',
    'recommendation',
    'whale_rank',
    'whale_share_of_customers',
    'whale_cumulative_profit',
    'whale_share_of_profit',
  ];

  // §8: Concierge only for the N most profitable (ties by key); the rest get Maintain and the
  // action of Large/Mid. The tier and action columns are replaced by the cut's.
  const maxAccounts = s.conciergeMaxAccounts;
  const cut =
    maxAccounts === null
      ? ''
      : `,
cut AS (
  SELECT
    *,
    CASE WHEN tier = 'Concierge' THEN ROW_NUMBER() OVER (PARTITION BY tier = 'Concierge' ORDER BY net_profit DESC, customer ASC) END AS concierge_rank
  FROM tiered
)`;
  const cutTo = (column: 'tier' | 'action', to: string) =>
    `CASE WHEN concierge_rank > ${maxAccounts} THEN ${x.str(to)} ELSE ${column} END AS ${column}`;
  const list = (items: string[], indent = '    ') => items.map((c) => indent + c).join(',\n');
  // Names go into `--` comments: a line break in one would end the comment and run the rest as SQL.
  const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
  const mapped = oneLine(
    (Object.entries(col) as [Field, string][]).map(([f, c]) => `${f} = ${c}`).join(', '),
  );
  const head = `-- Profit Tiers: customer profitability segmentation (DOMAIN.md §2-4, §6), ${x.name} dialect.
-- Input ${oneLine(table)}, one row per customer or per transaction; columns read: ${mapped}.
-- Size: Pareto (Large if bigger customers hold < ${s.size.large} of revenue, Medium if < ${s.size.medium});
-- profitability: margin bands (Low if net profit < 0, High if net margin >= ${s.profitability.target ?? 'the overall margin: net profit / revenue of the customers with revenue'}).
-- Store money as DECIMAL/NUMERIC (or integer cents) for exact, order-independent sums.
WITH
input_rows AS (
  SELECT
${list(rowCols)}
  FROM ${x.table(table)}
  WHERE ${where.join('\n    AND ')}
),
customers AS (
  SELECT
${list(custCols)}
  FROM input_rows
  GROUP BY customer
),
${groups.map((g, i) => groupCte(g, i + 1)).join('')}volumes AS (
  SELECT
${list(volCols)}
  FROM customers${groups.map((_, i) => ` JOIN group_${i + 1} USING (customer)`).join('')}
),
priced AS (
  SELECT
    *${costCols.length ? `,\n${list(costCols)}` : ''}
  FROM volumes
),
netted AS (
  SELECT
    *,
    ${cts} AS cost_to_serve,
    gross_profit - (${cts}) AS net_profit,
    ${avoidable.length ? `${avoidable.join(' + ')} - gross_profit` : '-gross_profit'} AS exit_impact
  FROM priced
),
sized AS (
  SELECT
    *,
    CASE WHEN in_matrix = 1 THEN net_profit / revenue END AS net_margin,
    CASE WHEN in_matrix = 1 THEN
      ${asDouble(`SUM(revenue_exact) OVER (${byRevenue} RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        - SUM(revenue_exact) OVER (${byRevenue} RANGE BETWEEN CURRENT ROW AND CURRENT ROW)`)}
      / ${asDouble(`SUM(revenue_exact) OVER (${inMatrix})`)}
    END AS revenue_share_before,
    CASE WHEN in_matrix = 1 THEN ${target} END AS margin_target
  FROM netted
),
classed AS (
  SELECT
    *,
    CASE WHEN in_matrix = 0 THEN NULL
      WHEN revenue_share_before < ${double(s.size.large)} THEN 'Large'
      WHEN revenue_share_before < ${double(s.size.medium)} THEN 'Medium'
      ELSE 'Small' END AS size,
    CASE WHEN in_matrix = 0 THEN NULL
      WHEN net_profit < 0 THEN 'Low'
      WHEN net_margin >= margin_target THEN 'High'
      ELSE 'Mid' END AS profitability
  FROM sized
),
segmented AS (
  SELECT
    *,
    size || '/' || profitability AS segment
  FROM classed
),
tiered AS (
  SELECT
    *,
    ${caseOf('segment', SEGMENTS, SEGMENT_CODES)} AS segment_code,
    ${caseOf('segment', SEGMENTS, s.tiers)} AS tier,
    ${caseOf('segment', SEGMENTS, s.actions)} AS action,
    CASE WHEN in_matrix = 1 AND net_profit < 0 THEN -net_profit / revenue END AS break_even_price_change,
    CASE WHEN in_matrix = 1 AND net_profit < 0 THEN
      CASE WHEN exit_impact > 0 THEN 'exit' ELSE 'reprice' END
    END AS recommendation,
    CASE WHEN in_matrix = 1 THEN ROW_NUMBER() OVER (${whaleOrder}) END AS whale_rank,
    CASE WHEN in_matrix = 1 THEN SUM(net_profit) OVER (${whaleOrder} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END AS whale_cumulative_profit,
    SUM(net_profit) OVER (${inMatrix}) AS whale_total_profit,
    COUNT(*) OVER (${inMatrix}) AS whale_customers
  FROM segmented
)${cut}
`;
  const sql = `${head}SELECT
${list(
  output.map((c) =>
    cut && c === 'tier'
      ? cutTo('tier', 'Maintain')
      : cut && c === 'action'
        ? cutTo('action', s.actions[SEGMENTS.indexOf('Large/Mid')])
        : c === 'whale_share_of_customers'
          ? `${asDouble('whale_rank')} / ${asDouble('whale_customers')} AS whale_share_of_customers`
          : c === 'whale_share_of_profit'
            ? `CASE WHEN whale_total_profit > 0 THEN whale_cumulative_profit / whale_total_profit END AS whale_share_of_profit`
            : c,
  ),
  '  ',
)}
FROM ${cut ? 'cut' : 'tiered'}
ORDER BY in_matrix DESC, net_profit DESC, customer ASC
`;
  const grouped = groups.length
    ? groupedSql(x, head, s, groups, {
        from: cut ? 'cut' : 'tiered',
        tier: cut ? cutTo('tier', 'Maintain').replace(/ AS tier$/, '') : 'tier',
      })
    : null;
  return {
    sql,
    columns: col,
    output,
    groupSql: grouped?.sql ?? null,
    groupOutput: grouped?.output ?? [],
  };
}

/**
 * The CTE that gives each customer its value of group column `i` (§14): the value whose rows
 * carry most of its revenue (summed in the table's own type: exact), ties to the first by text.
 */
function groupCte(g: GroupColumnSql, i: number): string {
  return `group_${i} AS (
  SELECT customer, g_${i} AS ${g.output}
  FROM (
    SELECT
      customer,
      g_${i},
      ROW_NUMBER() OVER (PARTITION BY customer ORDER BY SUM(revenue) DESC, g_${i} ASC) AS pick
    FROM input_rows
    GROUP BY customer, g_${i}
  ) ranked_${i}
  WHERE pick = 1
),
`;
}

/**
 * The grouped result over the customers of the segmentation (`head`: its CTEs): per group column
 * and value, the customers' totals, net margin, share of total net profit (when that is > 0),
 * money-losers (matrix customers below 0) and customers per tier.
 */
function groupedSql(
  x: DialectSyntax,
  head: string,
  s: Settings,
  groups: GroupColumnSql[],
  customers: { from: string; tier: string },
): { sql: string; output: string[] } {
  const asDouble = (e: string) => `CAST(${e} AS ${x.double})`;
  const taken = new Set<string>();
  const tiers = settingsTierNames(s).map((t) => ({
    name: t,
    column: unique(`tier_${snake(t)}`, taken),
  }));
  const output = [
    'group_column',
    'value',
    'customers',
    'revenue',
    'gross_profit',
    'cost_to_serve',
    'net_profit',
    'net_margin',
    'share_of_profit',
    'money_losers',
    ...tiers.map((t) => t.column),
  ];
  const part = (g: GroupColumnSql) => `  SELECT
    ${x.str(g.label)} AS group_column,
    ${g.output} AS value,
    COUNT(*) AS customers,
    ${asDouble('SUM(revenue_exact)')} AS revenue,
    SUM(gross_profit) AS gross_profit,
    SUM(cost_to_serve) AS cost_to_serve,
    SUM(net_profit) AS net_profit,
    CASE WHEN SUM(revenue_exact) > 0 THEN SUM(net_profit) / ${asDouble('SUM(revenue_exact)')} END AS net_margin,
    CASE WHEN SUM(SUM(net_profit)) OVER () > 0 THEN SUM(net_profit) / SUM(SUM(net_profit)) OVER () END AS share_of_profit,
    SUM(CASE WHEN in_matrix = 1 AND net_profit < 0 THEN 1 ELSE 0 END) AS money_losers${tiers
      .map(
        (t) =>
          `,\n    SUM(CASE WHEN ${customers.tier} = ${x.str(t.name)} THEN 1 ELSE 0 END) AS ${t.column}`,
      )
      .join('')}
  FROM ${customers.from}
  GROUP BY ${g.output}`;
  const order = `CASE group_column ${groups.map((g, i) => `WHEN ${x.str(g.label)} THEN ${i + 1}`).join(' ')} END`;
  const sql = `${head.replace(
    '-- Profit Tiers: customer profitability segmentation',
    '-- Profit Tiers: profitability per group (DOMAIN.md §14) over the customer segmentation',
  )}SELECT * FROM (
${groups.map(part).join('\n  UNION ALL\n')}
) grouped
ORDER BY ${order}, net_profit DESC, value ASC
`;
  return { sql, output };
}

/** The settings' column names, without the fields the user left unused (null): those stay unmapped. */
function named(columns: Partial<Record<Field, string | null>>): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const [f, c] of Object.entries(columns))
    if (c !== null && c !== undefined) out[f as Field] = c;
  return out;
}
