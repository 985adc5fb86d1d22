// DOMAIN.md §1, transaction mode: when a customer key repeats, rows are aggregated per customer;
// orders = distinct order ids, lines = row count, paymentDays = revenue-weighted mean.
import { describe, expect, it } from 'vitest';
import { aggregate, type CustomerTable } from '../../core/aggregate.js';
import { readRows } from '../../core/read-rows.js';
import { type CellValue, DRIVERS, type Driver } from '../../core/types.js';
import { expectMoney, settings, table } from './builder.js';

function customersOf(values: CellValue[][]): CustomerTable {
  const rows = readRows({ values }, settings({}));
  if (!rows.ok) throw new Error(rows.error.message);
  return aggregate(rows.value);
}

const volume = (t: CustomerTable, d: Driver) =>
  t.volumes[DRIVERS.indexOf(d)] ? Array.from(t.volumes[DRIVERS.indexOf(d)]!) : null;

describe('invoice lines with order ids', () => {
  const lines = table([
    ['Customer', 'Invoice No', 'Revenue', 'COGS', 'Payment Days'], // row 1
    ['A', 'I1', 100, 60, 30], // row 2
    ['B', 'I3', 200, 100, 10], // row 3
    ['A', 'I1', 50, 30, 60], //  row 4: same invoice, second line
    ['A', 'I2', 150, 90, ''], // row 5: payment days unknown: not in the weighted mean
    ['B', 'I3', 100, 50, 40], // row 6
  ]);
  const t = customersOf(lines);

  it('sums money per customer', () => {
    // A: 100 + 50 + 150 = 300 revenue; 60 + 30 + 90 = 180 cogs → gross profit 120
    // B: 200 + 100 = 300 revenue; 100 + 50 = 150 cogs → gross profit 150
    expect(t.keys).toEqual(['A', 'B']);
    expectMoney(t.revenue[0], 300);
    expectMoney(t.grossProfit[0], 120);
    expectMoney(t.revenue[1], 300);
    expectMoney(t.grossProfit[1], 150);
  });

  it('counts distinct order ids as orders and rows as lines', () => {
    // A: I1, I1, I2 → 2 orders, 3 lines; B: I3, I3 → 1 order, 2 lines
    expect(volume(t, 'orders')).toEqual([2, 1]);
    expect(volume(t, 'lines')).toEqual([3, 2]);
    expect(Array.from(t.rowCount)).toEqual([3, 2]);
  });

  it('weights payment days by revenue, skipping lines without days', () => {
    // A: (100 × 30 + 50 × 60) / (100 + 50) = 6000 / 150 = 40
    // B: (200 × 10 + 100 × 40) / (200 + 100) = 6000 / 300 = 20
    expect(Array.from(t.paymentDays!)).toEqual([40, 20]);
  });

  it("keeps each customer's first sheet row", () => {
    expect(Array.from(t.firstRow)).toEqual([2, 3]);
  });

  it('gives the same customers whatever the row order', () => {
    const reversed = customersOf([lines[0], ...lines.slice(1).reverse()]);
    const byKey = (x: CustomerTable, k: string) => x.keys.indexOf(k);
    for (const k of ['A', 'B']) {
      const i = byKey(t, k),
        j = byKey(reversed, k);
      expect(reversed.revenue[j]).toBe(t.revenue[i]);
      expect(reversed.grossProfit[j]).toBe(t.grossProfit[i]);
      expect(volume(reversed, 'orders')![j]).toBe(volume(t, 'orders')![i]);
      expect(volume(reversed, 'lines')![j]).toBe(volume(t, 'lines')![i]);
      expect(reversed.paymentDays![j]).toBe(t.paymentDays![i]);
    }
  });
});

describe('order ids are counted per customer', () => {
  it('counts an invoice number shared by two customers once for each', () => {
    const t = customersOf([
      ['Customer', 'Order ID', 'Revenue', 'COGS'],
      ['A', 7, 1, 0],
      ['B', 7, 1, 0],
      ['A', 7, 1, 0],
    ]);
    expect(volume(t, 'orders')).toEqual([1, 1]);
  });

  it('counts blank order ids as one order per customer', () => {
    const t = customersOf([
      ['Customer', 'Order ID', 'Revenue', 'COGS'],
      ['A', '', 1, 0],
      ['A', null, 1, 0],
      ['A', 'X', 1, 0],
    ]);
    expect(volume(t, 'orders')).toEqual([2]); // '' and 'X'
  });
});

describe('repeated keys without order ids', () => {
  it('sums the count columns and counts rows as lines', () => {
    const t = customersOf([
      ['Customer', 'Revenue', 'COGS', 'Orders', 'Deliveries', 'Returns'],
      ['A', 10, 5, 1, 2, 0],
      ['A', 20, 5, 2, 1, 1],
      ['B', 5, 1, 1, 1, 0],
    ]);
    expect(volume(t, 'orders')).toEqual([3, 1]);
    expect(volume(t, 'deliveries')).toEqual([3, 1]);
    expect(volume(t, 'returns')).toEqual([1, 0]);
    expect(volume(t, 'lines')).toEqual([2, 1]);
    expect(Array.from(t.revenue)).toEqual([30, 5]);
  });

  it('sums a lines column when there is one, instead of counting rows', () => {
    const t = customersOf([
      ['Customer', 'Revenue', 'COGS', 'Order Lines'],
      ['A', 10, 5, 4],
      ['A', 20, 5, 6],
    ]);
    expect(volume(t, 'lines')).toEqual([10]);
  });

  it('sums cents exactly: 0.10 + 0.20 + … in any order', () => {
    // 0.1 + 0.2 + 0.3 = 0.6 exactly in decimal; the double nearest to 0.6 is what a user expects.
    const t = customersOf([
      ['Customer', 'Revenue', 'COGS'],
      ['A', 0.1, 0],
      ['A', 0.2, 0],
      ['A', 0.3, 0],
    ]);
    const u = customersOf([
      ['Customer', 'Revenue', 'COGS'],
      ['A', 0.3, 0],
      ['A', 0.2, 0],
      ['A', 0.1, 0],
    ]);
    expect(t.revenue[0]).toBe(u.revenue[0]);
    expectMoney(t.revenue[0], 0.6);
  });

  it('gives 0 payment days where a customer has none', () => {
    const t = customersOf([
      ['Customer', 'Revenue', 'COGS', 'DSO'],
      ['A', 10, 5, ''],
      ['A', 20, 5, null],
    ]);
    expect(Array.from(t.paymentDays!)).toEqual([0]);
  });
});

describe('one row per customer', () => {
  it('passes the rows through: one row each, no lines volume invented', () => {
    const t = customersOf([
      ['Customer', 'Revenue', 'COGS', 'Payment Days'],
      ['A', 10, 5, 30],
      ['B', 20, 5, ''],
    ]);
    expect(t.n).toBe(2);
    expect(Array.from(t.rowCount)).toEqual([1, 1]);
    expect(volume(t, 'lines')).toBeNull();
    expect(Array.from(t.paymentDays!)).toEqual([30, 0]);
  });
});
