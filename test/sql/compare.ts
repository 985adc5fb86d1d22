/**
 * Helpers for the SQL tests: load rows into DuckDB (through a CSV file and read_csv with explicit
 * column types), run the DuckDB dialect of the query, and compare it customer by customer with
 * the core's analysis of the same rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { expect } from 'vitest';
import { type Analysis, analyze } from '../../core/analyze.js';
import { costAt } from '../../core/cost-to-serve.js';
import { segmentActionOf } from '../../core/customer-action.js';
import { ExactSum } from '../../core/exact-sum.js';
import { customerRecord } from '../../core/result-json.js';
import { sizeScale } from '../../core/size-class.js';
import { type SqlColumns, segmentationSql } from '../../core/sql/segmentation-sql.js';
import { type CellValue, COST_LINES } from '../../core/types.js';
import { whaleOrder } from '../../core/whale-curve.js';
import { type Row, toCsv } from '../data/generate.js';

export async function duckdb(): Promise<{ conn: DuckDBConnection; close(): void }> {
  const db = await DuckDBInstance.create();
  const conn = await db.connect();
  return {
    conn,
    close: () => {
      conn.closeSync();
      db.closeSync();
    },
  };
}

/** SQL string literal for DuckDB. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Creates `table` from rows (header first) with the given DuckDB type per header; a blank cell
 * is NULL. Example: `loadRows(conn, 't', rows, { Revenue: 'BIGINT' })` (other columns VARCHAR).
 */
export async function loadRows(
  conn: DuckDBConnection,
  table: string,
  rows: Row[],
  types: Record<string, string>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pt-sql-'));
  try {
    const file = join(dir, 'data.csv');
    writeFileSync(file, toCsv(rows, { eol: '\n' }));
    await loadCsv(conn, table, file, rows[0] as string[], types);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Creates `table` from a CSV file with a header row; `types` per header, VARCHAR otherwise. */
export async function loadCsv(
  conn: DuckDBConnection,
  table: string,
  file: string,
  headers: string[],
  types: Record<string, string>,
): Promise<void> {
  const columns = headers.map((h) => `${lit(h)}: ${lit(types[h] ?? 'VARCHAR')}`).join(', ');
  await conn.run(
    `CREATE OR REPLACE TABLE "${table}" AS SELECT * FROM read_csv(${lit(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`,
  );
}

export type SqlRow = Record<string, any>;

/** Runs the DuckDB dialect of the query over `table`; rows as JS values, in query order. */
export async function runSegmentationSql(
  conn: DuckDBConnection,
  table: string,
  settings: unknown,
  columns?: SqlColumns,
): Promise<SqlRow[]> {
  const q = segmentationSql({ dialect: 'duckdb', table, settings, columns });
  if (!q.ok) throw new Error(`segmentationSql failed: ${q.error.message}`);
  const result = await conn.runAndReadAll(q.value.sql);
  return result.getRowObjectsJS() as SqlRow[];
}

/** The core's analysis, failing the test on an input error. */
export function coreAnalysis(values: CellValue[][], settings: unknown): Analysis {
  const out = analyze({ values }, settings);
  if (!out.ok) throw new Error(`analyze failed: ${out.error.message}`);
  return out.value;
}

const SQL_COST: Record<string, string> = {
  orders: 'cost_orders',
  lines: 'cost_lines',
  deliveries: 'cost_deliveries',
  returns: 'cost_returns',
  contacts: 'cost_contacts',
  repeatContacts: 'cost_repeat_contacts',
  visits: 'cost_visits',
  paymentDays: 'cost_of_capital',
};

function close(actual: unknown, expected: number, what: string): void {
  expect(typeof actual, `${what}: got ${String(actual)}`).toBe('number');
  const tolerance = 1e-9 * Math.max(Math.abs(expected), 1);
  expect(
    Math.abs((actual as number) - expected) <= tolerance,
    `${what}: SQL ${actual} vs core ${expected}`,
  ).toBe(true);
}

/**
 * Requires the SQL result to equal the core's analysis: the same customers; the same size,
 * profitability, segment, tier and segment action, exit recommendation, Pareto share and whale
 * rank for every customer; exit impact and break-even price change too;
 * money within 1e-9 relative (DOMAIN.md §9). Returns counts for the test to check coverage.
 */
export function expectSameAsCore(
  a: Analysis,
  rows: SqlRow[],
): { matrix: number; noRevenue: number; losers: number; segments: Set<string> } {
  const t = a.customers;
  expect(rows.length, 'customers').toBe(t.n);
  const byKey = new Map(rows.map((r) => [r.customer as string, r]));
  expect(byKey.size).toBe(t.n);

  // Whale order over the matrix customers, and the cumulative profit along it (double-double).
  const rank = new Int32Array(t.n),
    cum = new Float64Array(t.n);
  let k = 0;
  const sum = new ExactSum();
  for (const c of whaleOrder(a)) {
    if (a.classes.segment[c] < 0) continue;
    rank[c] = ++k;
    sum.add(a.netProfit[c]);
    cum[c] = sum.value;
  }
  const total = a.whale.totalNetProfit;
  const scale = sizeScale(t.revenue, a.settings.size);

  const seen = new Set<string>();
  let losers = 0;
  for (let c = 0; c < t.n; c++) {
    const rec = customerRecord(a, c),
      r = byKey.get(rec.customer);
    const who = `customer ${rec.customer}`;
    expect(r, who).toBeDefined();
    expect(r!.name, `${who} name`).toBe(rec.name);
    expect(
      [r!.size, r!.profitability, r!.segment, r!.tier, r!.action, r!.recommendation],
      who,
    ).toEqual([
      rec.size,
      rec.profitability,
      rec.segment,
      rec.tier,
      segmentActionOf(a, a.settings, c),
      rec.recommendation,
    ]);
    close(r!.exit_impact, rec.exitImpact, `${who} exit impact`);
    if (rec.breakEvenPriceChange === null) expect(r!.break_even_price_change, who).toBeNull();
    else close(r!.break_even_price_change, rec.breakEvenPriceChange, `${who} break-even price`);
    close(r!.revenue, rec.revenue, `${who} revenue`);
    close(r!.gross_profit, rec.grossProfit, `${who} gross profit`);
    close(r!.cost_to_serve, rec.costToServe, `${who} cost-to-serve`);
    close(r!.net_profit, rec.netProfit, `${who} net profit`);
    a.cost.lines.forEach((line, l) => {
      if (line) close(r![SQL_COST[COST_LINES[l]]], costAt(line, c), `${who} ${COST_LINES[l]} cost`);
    });
    expect(Number(r!.row_count), `${who} rows`).toBe(t.rowCount[c]);
    if (rec.segment === null) {
      expect([r!.net_margin, r!.whale_rank, r!.revenue_share_before], who).toEqual([
        null,
        null,
        null,
      ]);
      continue;
    }
    seen.add(rec.segment);
    if (rec.netProfit < 0) losers++;
    close(r!.net_margin, rec.netMargin!, `${who} net margin`);
    expect(
      Math.abs(r!.revenue_share_before - scale.before(t.revenue[c])) <= 1e-12,
      `${who} Pareto share ${r!.revenue_share_before}`,
    ).toBe(true);
    expect(Number(r!.whale_rank), `${who} whale rank`).toBe(rank[c]);
    close(r!.whale_cumulative_profit, cum[c], `${who} cumulative profit`);
    expect(r!.whale_share_of_customers).toBe(rank[c] / a.totals.matrixCustomers);
    if (total > 0)
      expect(
        Math.abs(r!.whale_share_of_profit - cum[c] / total) <= 1e-9,
        `${who} share of profit`,
      ).toBe(true);
    else expect(r!.whale_share_of_profit).toBeNull();
  }
  // Query order: matrix customers in whale order first.
  const m = a.totals.matrixCustomers;
  rows.slice(0, m).forEach((r, i) => {
    expect(Number(r.whale_rank)).toBe(i + 1);
  });
  return { matrix: m, noRevenue: t.n - m, losers, segments: seen };
}
