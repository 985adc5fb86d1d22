// The 'real export' scenario (DOMAIN.md §1, §9): an accounting system's invoice-line export —
// Windows-1252, CRLF, accounting money (` $1,234.50 `), a stray blank line mid-data, a blank line
// and two summary rows at the end — read the way the CLI reads it, then aggregated per customer.
// The expected per-customer totals were computed independently by the data generator in integer
// cents (samples/transactions-2024-2025.expected.json).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from '../../cli/read-csv.js';
import type { Analysis } from '../../core/analyze.js';
import { customer, expectMoney, run } from './builder.js';

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');
const CSV = join(SAMPLES, 'transactions-2024-2025.csv');
const EXPECTED = join(SAMPLES, 'transactions-2024-2025.expected.json');
const missing = [CSV, EXPECTED].filter((f) => !existsSync(f));
if (missing.length)
  console.warn(
    `real-export test skipped: missing ${missing.join(', ')} (generate with samples/make-samples.ts)`,
  );

interface Expected {
  encoding: string;
  sheetRows: number;
  dataRows: number;
  nonDataRows: number[];
  nonDataRowDetails: { row: number; kind: 'blank' | 'summary'; label?: string }[];
  totals: {
    customers: number;
    revenue: number;
    cogs: number;
    orders: number;
    lines: number;
    deliveries: number;
    returns: number;
    contacts: number;
  };
  customers: Record<
    string,
    {
      name: string;
      revenue: number;
      cogs: number;
      orders: number;
      lines: number;
      deliveries: number;
      returns: number;
      contacts: number;
    }
  >;
}

describe.skipIf(missing.length > 0)('a real accounting export: transactions 2024–2025', () => {
  let expected: Expected, a: Analysis, encoding: string, rowsRead: number;
  const load = () => {
    if (a) return;
    expected = JSON.parse(readFileSync(EXPECTED, 'utf8'));
    const decoded = decodeText(new Uint8Array(readFileSync(CSV)));
    encoding = decoded.encoding;
    const values = parseCsv(decoded.text);
    rowsRead = values.length;
    a = run(values);
  };

  it('decodes Windows-1252 and reads one row per line (the final line break is not a row)', () => {
    load();
    expect(encoding).toBe(expected.encoding);
    expect(rowsRead).toBe(expected.sheetRows);
    expect(a.input.mapping).toMatchObject({
      customer: 'Customer ID',
      name: 'Customer Name',
      orderId: 'Invoice No',
      revenue: 'Net Sales',
      cogs: 'Cost of Sales',
      deliveries: 'Deliveries',
      returns: 'Returns',
      contacts: 'Contacts',
    });
    expect(a.input.transactions).toBe(true);
  });

  it('uses every data row and lists exactly the blank and summary rows, by sheet row', () => {
    load();
    expect(a.rows.used).toBe(expected.dataRows);
    expect(a.rows.total).toBe(expected.sheetRows - 1);
    expect(a.rows.rejected.map((p) => p.row)).toEqual(expected.nonDataRows);
    for (const d of expected.nonDataRowDetails) {
      const p = a.rows.rejected.find((r) => r.row === d.row)!;
      expect(p.reason, `row ${d.row}`).toBe(
        d.kind === 'blank' ? 'blank row' : `summary row ("${d.label}"), not a customer`,
      );
    }
  });

  it('aggregates every customer exactly: revenue, COGS, orders, lines and activities', () => {
    load();
    const keys = Object.keys(expected.customers);
    expect(a.customers.keys.slice().sort()).toEqual(keys.slice().sort());
    expect(a.totals.customers).toBe(expected.totals.customers);
    for (const key of keys) {
      const e = expected.customers[key],
        c = customer(a, key);
      expect(c.name, key).toBe(e.name);
      expectMoney(c.revenue, e.revenue, `${key} revenue`);
      expectMoney(c.revenue - c.grossProfit, e.cogs, `${key} cogs`);
      expect(c.volumes, key).toMatchObject({
        orders: e.orders,
        lines: e.lines,
        deliveries: e.deliveries,
        returns: e.returns,
        contacts: e.contacts,
      });
    }
  });

  it('totals the export', () => {
    load();
    expectMoney(a.totals.revenue, expected.totals.revenue, 'revenue');
    expectMoney(a.totals.cogs, expected.totals.cogs, 'cogs');
    const sum = (f: (c: { volumes: Record<string, number | undefined> }) => number) =>
      a.customers.keys.reduce((s, k) => s + f(customer(a, k)), 0);
    expect(sum((c) => c.volumes.lines!)).toBe(expected.totals.lines);
    expect(sum((c) => c.volumes.deliveries!)).toBe(expected.totals.deliveries);
    // orders are distinct invoices per customer; an invoice belongs to one customer, so they add up
    expect(sum((c) => c.volumes.orders!)).toBe(expected.totals.orders);
  });
});

describe('reading CSV the way the CLI does', () => {
  it('does not count the final line break as a row', () => {
    expect(parseCsv('Customer,Revenue\r\nA,1\r\n')).toEqual([
      ['Customer', 'Revenue'],
      ['A', '1'],
    ]);
    expect(parseCsv('Customer,Revenue\nA,1\n\n')).toEqual([
      ['Customer', 'Revenue'],
      ['A', '1'],
      [''],
    ]);
  });

  it('reads Windows-1252 bytes when they are not UTF-8', () => {
    // "Café" in Windows-1252: é = 0xE9
    expect(decodeText(Uint8Array.of(0x43, 0x61, 0x66, 0xe9))).toEqual({
      text: 'Café',
      encoding: 'windows-1252',
    });
    expect(decodeText(new TextEncoder().encode('Café'))).toEqual({
      text: 'Café',
      encoding: 'utf-8',
    });
  });
});
