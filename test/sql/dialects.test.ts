/**
 * The BigQuery and Spark dialects: checked against golden files (test/sql/golden/*.sql;
 * regenerate with `UPDATE_GOLDEN=1 npx vitest run test/sql`), and shown to differ from the DuckDB
 * dialect only where the syntax does (quoting, type names, string escapes). Plus refusals and
 * the `profit-tiers sql` command.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runSql } from '../../cli/sql-command.js';
import { UserError } from '../../cli/user-error.js';
import { double } from '../../core/sql/dialect.js';
import {
  DIALECTS,
  type Dialect,
  type SegmentationSqlOptions,
  segmentationSql,
} from '../../core/sql/segmentation-sql.js';
import { CUSTOMER_HEADERS, TRANSACTION_HEADERS } from '../data/generate.js';

const GOLDEN = new URL('./golden/', import.meta.url);
const sampleSettings = JSON.parse(
  readFileSync(new URL('../../samples/settings.json', import.meta.url), 'utf8'),
);

/** The queries kept as golden files, per dialect. */
const CASES: Record<string, Omit<SegmentationSqlOptions, 'dialect'>> = {
  customers: { table: 'customers', settings: sampleSettings, columns: [...CUSTOMER_HEADERS] },
  transactions: {
    table: 'my-project.sales.invoice_lines',
    settings: {
      rates: { orders: 25, lines: 2, returns: 60 },
      pools: { deliveries: 125000 },
      costOfCapital: 0.08,
      size: { large: 0.75, medium: 0.9 },
      tiers: { 'L-H': "Key account's desk" },
    },
    columns: [...TRANSACTION_HEADERS, 'Payment Days'],
  },
  defaults: {
    table: 'customer_profit',
    settings: { rates: { orders: 25, visits: 250 }, costOfCapital: 0.1 },
  },
};

function query(name: string, dialect: Dialect): string {
  const q = segmentationSql({ ...CASES[name], dialect });
  if (!q.ok) throw new Error(q.error.message);
  return q.value.sql;
}

describe('golden files', () => {
  for (const name of Object.keys(CASES)) {
    for (const dialect of DIALECTS) {
      it(`${name}.${dialect}.sql`, () => {
        const file = new URL(`${name}.${dialect}.sql`, GOLDEN);
        const sql = query(name, dialect);
        if (process.env.UPDATE_GOLDEN === '1') {
          mkdirSync(GOLDEN, { recursive: true });
          writeFileSync(file, sql);
        }
        expect(
          existsSync(file),
          `${file.pathname} missing: run UPDATE_GOLDEN=1 npx vitest run test/sql`,
        ).toBe(true);
        expect(
          sql,
          `${file.pathname} is out of date: rerun with UPDATE_GOLDEN=1 and review the diff`,
        ).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});

/** Rewrites the DuckDB query into another dialect's syntax only: quoting, type names, escapes. */
function translate(duck: string, to: 'bigquery' | 'spark', table: string): string {
  let out = duck.replace(', duckdb dialect.', `, ${to} dialect.`);
  const quotedTable = table
    .split('.')
    .map((p) => `"${p}"`)
    .join('.');
  out = out.replace(
    `FROM ${quotedTable}`,
    `FROM ${
      to === 'bigquery'
        ? `\`${table}\``
        : table
            .split('.')
            .map((p) => `\`${p}\``)
            .join('.')
    }`,
  );
  out = out.replace(/"([^"\n]*)"/g, '`$1`'); // identifiers (no string literal here holds a double quote)
  out = out
    .replace(/ AS DOUBLE\)/g, to === 'bigquery' ? ' AS FLOAT64)' : ' AS DOUBLE)')
    .replace(/ AS VARCHAR\)/g, ' AS STRING)');
  out = out.replace(/'((?:[^']|'')*)'/g, (_, s: string) => `'${s.replace(/''/g, "\\'")}'`); // string escapes
  return out;
}

describe('BigQuery and Spark differ from DuckDB only where the syntax does', () => {
  for (const name of Object.keys(CASES)) {
    for (const to of ['bigquery', 'spark'] as const) {
      it(`${name}: duckdb → ${to}`, () => {
        expect(translate(query(name, 'duckdb'), to, CASES[name].table)).toBe(query(name, to));
      });
    }
  }
  it('writes constants as exponent literals, read as doubles by every engine', () => {
    expect([
      double(0.8),
      double(0.95),
      double(25),
      double(0),
      double(-0.1),
      double(0.1 / 365),
    ]).toEqual(['8e-1', '9.5e-1', '2.5e+1', '0e+0', '(-1e-1)', '2.7397260273972606e-4']);
  });
});

describe('refusals, as one clear line', () => {
  const err = (o: Partial<SegmentationSqlOptions>) => {
    const q = segmentationSql({ dialect: 'duckdb', table: 't', ...o });
    return q.ok ? null : q.error;
  };
  it('refuses methods other than pareto and bands', () => {
    expect(err({ settings: { size: { method: 'terciles' } } })?.message).toMatch(
      /default methods only .*size.method "terciles"/,
    );
    expect(
      err({ settings: { profitability: { method: 'fixed', high: 0.2, low: 0 } } })?.message,
    ).toMatch(/profitability.method "fixed"/);
  });
  it('names missing columns and bad settings', () => {
    expect(err({ columns: ['Region', 'Revenue', 'COGS'] })).toMatchObject({
      code: 'missing-column',
      message: expect.stringMatching(/no customer column .*Region, Revenue, COGS/),
    });
    expect(err({ columns: ['Customer', 'Revenue'] })?.code).toBe('no-gross-profit');
    expect(
      err({ columns: ['Customer', 'Revenue'], settings: { costToServeOnly: true } }),
    ).toBeNull();
    expect(err({ settings: { rates: { orders: -1 } } })?.message).toMatch(
      /rates.orders must be a number ≥ 0/,
    );
    expect(err({ table: ' ' })?.message).toBe('no table name');
  });
  it('reads only the columns that matter', () => {
    const q = segmentationSql({
      dialect: 'duckdb',
      table: 't',
      columns: [...CUSTOMER_HEADERS],
      settings: { rates: { visits: 250 } },
    });
    expect(q.ok && q.value.columns).toEqual({
      customer: 'Customer ID',
      name: 'Customer Name',
      revenue: 'Revenue',
      cogs: 'COGS',
      visits: 'Sales Visits',
    });
  });
});

describe('profit-tiers sql', () => {
  const out: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = 0;
  });
  const capture = () =>
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });

  it('prints the query for the dialect and table', async () => {
    capture();
    const settingsFile = new URL('../../samples/settings.json', import.meta.url).pathname;
    expect(
      await runSql([
        '--dialect',
        'bigquery',
        '--settings',
        settingsFile,
        '--table',
        'customers',
        '--columns',
        CUSTOMER_HEADERS.join(','),
      ]),
    ).toBe(0);
    expect(out.join('')).toBe(query('customers', 'bigquery'));
  });
  it('defaults to DuckDB and the default column names', async () => {
    capture();
    expect(await runSql(['--table', 'sales'])).toBe(0);
    expect(out.join('')).toMatch(/duckdb dialect[\s\S]*FROM "sales"/);
  });
  it('fails with one line on a missing table, unknown dialect or unsupported method', async () => {
    await expect(runSql([])).rejects.toThrow(/no --table given/);
    await expect(runSql(['--table', 't', '--dialect', 'oracle'])).rejects.toThrow(
      /unknown --dialect "oracle" \(dialects: duckdb, bigquery, spark\)/,
    );
    await expect(runSql(['--table', 't', '--bogus'])).rejects.toBeInstanceOf(UserError);
  });
});
