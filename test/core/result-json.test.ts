// The analysis as one plain JSON object; customers in whale order (net profit descending, ties by
// key), so the output never depends on row order (DOMAIN.md §6, §9).
import { describe, expect, it } from 'vitest';
import { resultJson } from '../../core/result-json.js';
import { whaleOrder } from '../../core/whale-curve.js';
import { customers, run } from './builder.js';

const rows = {
  B: { name: 'Beta', revenue: 100, cogs: 50, orders: 2 }, // net 50 − 2 × 5 = 40
  A: { name: 'Alpha', revenue: 100, cogs: 50, orders: 2 }, // net 40 (tie with B: A first)
  C: { name: 'Gamma', revenue: 300, cogs: 100, orders: 4 }, // net 200 − 20 = 180
  D: { name: 'Delta', revenue: 50, cogs: 60, orders: 1 }, // net −10 − 5 = −15
};

describe('resultJson', () => {
  const a = run(customers(rows), { rates: { orders: 5 } });
  const json = resultJson(a);

  it('lists customers by net profit descending, ties by key', () => {
    expect(json.customers.map((c) => c.customer)).toEqual(['C', 'A', 'B', 'D']);
    expect(Array.from(whaleOrder(a), (c) => a.customers.keys[c])).toEqual(['C', 'A', 'B', 'D']);
  });

  it('gives each customer its money, classes, drivers, volumes and why', () => {
    expect(json.customers[0]).toMatchObject({
      customer: 'C',
      name: 'Gamma',
      revenue: 300,
      grossProfit: 200,
      costToServe: 20,
      netProfit: 180,
      netMargin: 0.6,
      drivers: { orders: 20 },
      volumes: { orders: 4 },
    });
    expect(json.customers[0].why.waterfall.at(-1)).toEqual({
      label: 'Net profit',
      value: 180,
      kind: 'total',
    });
  });

  it('is the same whatever the row order', () => {
    const reversed = resultJson(
      run(customers(Object.fromEntries(Object.entries(rows).reverse())), { rates: { orders: 5 } }),
    );
    expect(reversed.customers).toEqual(json.customers);
    expect(reversed.matrix).toEqual(json.matrix);
    expect(reversed.whale).toEqual(json.whale);
    expect(reversed.totals).toEqual(json.totals);
  });

  it('survives JSON.stringify with nothing lost', () => {
    const back = JSON.parse(JSON.stringify(json));
    expect(back.customers).toEqual(json.customers);
    expect(back.totals).toEqual(json.totals);
    expect(back.rates.orders).toBe(5);
    expect('migration' in back).toBe(false);
  });
});

describe('resultJson with a previous table', () => {
  it("lists the previous table's rows beside the migration", () => {
    const now = customers({ A: { revenue: 100, cogs: 50 } });
    const before = [
      ['Customer', 'Revenue', 'COGS'],
      ['A', 90, 50],
      ['B', '#N/A', 1],
    ];
    const json = resultJson(run(now, {}, { previous: { values: before } }));
    expect(json.migration).toBeDefined();
    expect(json.previousRows).toEqual({
      total: 2,
      used: 1,
      rejected: [{ row: 3, column: 'Revenue', reason: 'error value #N/A', cell: 'B3' }],
    });
  });
});
