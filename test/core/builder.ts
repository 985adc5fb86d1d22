/**
 * A tiny builder for customer tables, so core tests read as scenarios:
 *
 *   const a = run(customers({ A: { revenue: 100, cogs: 60 }, B: { revenue: 50, cogs: 45 } }));
 *   expect(customer(a, 'A').segment).toBe('Large/High');
 *
 * Money is compared with a relative tolerance of 1e-9 (DOMAIN.md §9): `expectMoney`.
 */
import { expect } from 'vitest';
import { type Analysis, type AnalyzeOptions, analyze } from '../../core/analyze.js';
import { type CustomerRecord, customerRecord } from '../../core/result-json.js';
import { resolveSettings, type Settings } from '../../core/settings.js';
import type { CellValue } from '../../core/types.js';

/** Rows as written, header first. `table([['Customer', 'Revenue'], ['A', 100]])`. */
export function table(rows: CellValue[][]): CellValue[][] {
  return rows.map((r) => [...r]);
}

/** One customer's row for `customers()`: any subset of the fields, blank where absent. */
export interface CustomerRow {
  name?: string;
  revenue?: CellValue;
  cogs?: CellValue;
  grossProfit?: CellValue;
  orders?: CellValue;
  lines?: CellValue;
  deliveries?: CellValue;
  returns?: CellValue;
  contacts?: CellValue;
  repeatContacts?: CellValue;
  visits?: CellValue;
  paymentDays?: CellValue;
  period?: CellValue;
}

/** The header each field gets from `customers()`: the first synonym of DOMAIN.md §1. */
export const HEADER: Record<keyof CustomerRow, string> = {
  name: 'Customer Name',
  revenue: 'Revenue',
  cogs: 'COGS',
  grossProfit: 'Gross Profit',
  orders: 'Orders',
  lines: 'Lines',
  deliveries: 'Deliveries',
  returns: 'Returns',
  contacts: 'Contacts',
  repeatContacts: 'Repeat Contacts',
  visits: 'Visits',
  paymentDays: 'Payment Days',
  period: 'Period',
};

/**
 * One row per customer; columns are the fields used by any customer, in HEADER order, after
 * "Customer" (the key; with a `name`, the key column is "Customer ID").
 * `customers({ A: { revenue: 100, cogs: 60, orders: 3 } })` →
 * `[['Customer', 'Revenue', 'COGS', 'Orders'], ['A', 100, 60, 3]]`.
 */
export function customers(rows: Record<string, CustomerRow>): CellValue[][] {
  return transactions(Object.entries(rows).map(([key, row]) => ({ customer: key, ...row })));
}

/** Like `customers()`, but a list, so a key may repeat (transaction mode). */
export function transactions(rows: (CustomerRow & { customer: CellValue })[]): CellValue[][] {
  const fields = (Object.keys(HEADER) as (keyof CustomerRow)[]).filter((f) =>
    rows.some((r) => r[f] !== undefined),
  );
  const keyHeader = fields.includes('name') ? 'Customer ID' : 'Customer';
  return [
    [keyHeader, ...fields.map((f) => HEADER[f])],
    ...rows.map((r) => [r.customer, ...fields.map((f) => r[f] ?? null)]),
  ];
}

/** Settings as the core sees them, from a partial user object; fails the test on any problem. */
export function settings(input: unknown = {}): Settings {
  const { settings: s, problems } = resolveSettings(input);
  expect(problems).toEqual([]);
  return s;
}

/** `analyze()` that must succeed: returns the analysis, or fails the test with the error. */
export function run(
  values: CellValue[][],
  settingsInput: unknown = {},
  options: AnalyzeOptions = {},
): Analysis {
  const out = analyze({ values }, settingsInput, options);
  if (!out.ok) throw new Error(`analyze failed: ${out.error.code}: ${out.error.message}`);
  return out.value;
}

/** The JSON record of one customer by key (revenue, netProfit, segment, tier, why…). */
export function customer(a: Analysis, key: string): CustomerRecord {
  const c = a.customers.keys.indexOf(key);
  if (c < 0) throw new Error(`no customer "${key}" (customers: ${a.customers.keys.join(', ')})`);
  return customerRecord(a, c);
}

/** Segment per customer key (null outside the matrix). */
export function segments(a: Analysis): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  a.customers.keys.forEach((k, c) => {
    out[k] = customerRecord(a, c).segment;
  });
  return out;
}

/** Tier per customer key (null outside the matrix). */
export function tiers(a: Analysis): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  a.customers.keys.forEach((k, c) => {
    out[k] = customerRecord(a, c).tier;
  });
  return out;
}

/**
 * Money equality within a relative tolerance of 1e-9 (DOMAIN.md §9). Amounts below 1 are
 * compared with an absolute tolerance of 1e-9, so an expected 0 accepts rounding residue.
 */
export function expectMoney(
  actual: number | null | undefined,
  expected: number,
  what = 'money',
): void {
  expect(typeof actual, `${what}: expected a number, got ${actual}`).toBe('number');
  const tolerance = 1e-9 * Math.max(Math.abs(expected), 1);
  const ok = Math.abs((actual as number) - expected) <= tolerance;
  expect(ok, `${what}: ${actual} is not ${expected} (±${tolerance})`).toBe(true);
}

/** Reason of the rejected row with this sheet row number (fails when the row is not listed). */
export function rejectedRow(a: Pick<Analysis, 'rows'>, row: number) {
  const found = a.rows.rejected.filter((p) => p.row === row);
  expect(
    found.length,
    `row ${row} listed once among rejected rows ${JSON.stringify(a.rows.rejected.map((p) => p.row))}`,
  ).toBe(1);
  return found[0];
}
