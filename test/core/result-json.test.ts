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

describe('resultJson: scenarios, sensitivity and capacity (§11–13)', () => {
  // Orders cost 5: C 180, A 40, B 40, D −15 (a money-loser). D leaves in "Exit D".
  const a = run(customers(rows), {
    rates: { orders: 5 },
    capacity: [{ name: 'Warehouse', cost: 90, minutes: 100, minutesPer: { orders: 2 } }],
    scenarios: [{ name: 'Exit D', changes: [{ where: { customers: ['D'] }, exit: true }] }],
  });
  const json = JSON.parse(JSON.stringify(resultJson(a)));

  it('gives each scenario its totals, delta, matrix, moves and customers in whale order', () => {
    const [sc] = json.scenarios;
    expect(sc.name).toBe('Exit D');
    for (const k of ['revenue', 'grossProfit', 'costToServe', 'netProfit', 'netMargin'])
      expect(typeof sc.totals[k]).toBe('number');
    for (const k of ['revenue', 'grossProfit', 'costToServe', 'netProfit'])
      expect(typeof sc.delta[k]).toBe('number');
    expect(sc.matrix).toHaveLength(9);
    expect(sc.moves).toContainEqual({ from: 'Fix', to: 'Exited', count: 1 });
    expect(sc.customers.map((c: { customer: string }) => c.customer)).toEqual(
      json.customers.map((c: { customer: string }) => c.customer),
    );
    expect(sc.customers.at(-1)).toEqual({ customer: 'D', netProfit: 0, tier: 'Exited' });
  });

  it('reports sensitivity, each customer’s fragile moves, and capacity use', () => {
    expect(json.sensitivity).toEqual({
      change: 0.2,
      fragileCustomers: expect.any(Number),
      inputs: [
        { input: 'orders rate', up: expect.any(Number), down: expect.any(Number) },
        { input: 'Warehouse capacity cost', up: expect.any(Number), down: expect.any(Number) },
      ],
    });
    for (const c of json.customers) expect(Array.isArray(c.fragile)).toBe(true);
    expect(json.capacity).toEqual([
      // 0.90 a minute; 2 minutes × 9 orders = 18 used of 100; unused 82 × 0.9 = 73.8
      {
        name: 'Warehouse',
        costPerMinute: 0.9,
        usedMinutes: 18,
        usedShare: 0.18,
        unusedCost: expect.closeTo(73.8, 9),
      },
    ]);
  });

  it('has no fragile field and a null sensitivity when it is off', () => {
    const off = resultJson(run(customers(rows), { rates: { orders: 5 }, sensitivity: 0 }));
    expect(off.sensitivity).toBeNull();
    expect('fragile' in off.customers[0]).toBe(false);
    expect(off.scenarios).toEqual([]);
  });
});
