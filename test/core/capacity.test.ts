// DOMAIN.md §13, time-driven activity-based costing:
//   costPerMinute = cost / minutes; each driver's rate gains Σ minutesPer × costPerMinute;
//   used minutes = Σ minutesPer × total volume; unused cost = (minutes − used) × costPerMinute,
//   never charged to customers; over capacity → a warning naming the resource and the excess.
import { describe, expect, it } from 'vitest';
import { capacityRates, capacityUse, resolveCapacity } from '../../core/capacity.js';
import { resolveSettings } from '../../core/settings.js';
import { customer, customers, expectMoney, run } from './builder.js';

const WAREHOUSE = {
  name: 'Warehouse',
  cost: 1200,
  minutes: 1000,
  minutesPer: { orders: 10, deliveries: 20 },
};
// A: 10 orders, 5 deliveries; B: 20 orders, no deliveries.
const TWO = customers({
  A: { revenue: 1000, cogs: 500, orders: 10, deliveries: 5 },
  B: { revenue: 500, cogs: 200, orders: 20, deliveries: 0 },
});

describe('under capacity', () => {
  // 1,200 / 1,000 minutes = 1.20 a minute → orders 10 × 1.2 = 12, deliveries 20 × 1.2 = 24.
  // With a direct orders rate of 3 the orders rate is 15.
  // A: 10 × 15 + 5 × 24 = 150 + 120 = 270;  B: 20 × 15 = 300.
  // Used: 10 min × 30 orders + 20 min × 5 deliveries = 400 of 1,000 → 40 %;
  // unused: 600 × 1.2 = 720. Charged to customers: 400 × 1.2 = 480; 480 + 720 = 1,200, the cost.
  const a = run(TWO, { rates: { orders: 3 }, capacity: [WAREHOUSE] });

  it('adds minutes × cost per minute to each driver rate, on top of a direct rate', () => {
    expect(a.cost.rateParts.orders).toEqual({ direct: 3, pool: 0, capacity: 12 });
    expectMoney(a.cost.rateParts.deliveries.capacity, 24);
    expectMoney(a.cost.rates.orders, 15);
    expectMoney(customer(a, 'A').costToServe, 270);
    expectMoney(customer(a, 'B').costToServe, 300);
  });

  it('reports used minutes, used share and the unused capacity cost, charged to no one', () => {
    expect(a.cost.capacity).toHaveLength(1);
    const w = a.cost.capacity[0];
    expect(w.name).toBe('Warehouse');
    expectMoney(w.costPerMinute, 1.2);
    expectMoney(w.usedMinutes, 400);
    expectMoney(w.usedShare, 0.4);
    expectMoney(w.unusedCost, 720);
    expectMoney(a.totals.unusedCapacityCost, 720);
    // customers carry only the used part: 30 + 90 direct orders + 480 capacity
    expectMoney(a.totals.costToServe, 30 * 3 + 480);
    expect(a.warnings.filter((w) => w.includes('capacity'))).toEqual([]);
  });

  it('adds to a pool rate too', () => {
    // pool 300 over 30 orders = 10 an order, + 12 capacity = 22; A: 10 × 22 + 5 × 24 = 340
    const p = run(TWO, { pools: { orders: 300 }, capacity: [WAREHOUSE] });
    expect(p.cost.rateParts.orders).toEqual({ direct: 0, pool: 10, capacity: 12 });
    expectMoney(customer(p, 'A').costToServe, 340);
  });

  it('sums the rates of several resources taking the same driver', () => {
    // Service: 600 / 100 minutes = 6 a minute, 1 minute an order → orders 12 + 6 = 18
    const rates = capacityRates([
      WAREHOUSE,
      { name: 'Service', cost: 600, minutes: 100, minutesPer: { orders: 1, contacts: 5 } },
    ]);
    expectMoney(rates[0], 18);
    expectMoney(rates[2], 24);
    expectMoney(rates[4], 30);
  });

  it('counts no minutes for a driver the data does not have', () => {
    const { use } = capacityUse(
      [{ name: 'Field', cost: 100, minutes: 50, minutesPer: { visits: 30 } }],
      [3, 0, 0, 0, 0, 0, 0],
    );
    expect(use[0]).toEqual({
      name: 'Field',
      costPerMinute: 2,
      usedMinutes: 0,
      usedShare: 0,
      unusedCost: 100,
    });
  });
});

describe('over capacity', () => {
  // The same work on 300 minutes: 1,200 / 300 = 4 a minute; 400 minutes used → 133 %;
  // unused (300 − 400) × 4 = −400: customers carry 400 more than the Warehouse costs.
  const a = run(TWO, { capacity: [{ ...WAREHOUSE, minutes: 300 }] });

  it('still prices at cost per minute, and shows the excess as negative unused cost', () => {
    const w = a.cost.capacity[0];
    expectMoney(w.costPerMinute, 4);
    expectMoney(w.usedShare, 400 / 300);
    expectMoney(w.unusedCost, -400);
    // A: 10 × 40 + 5 × 80 = 800
    expectMoney(customer(a, 'A').costToServe, 800);
  });

  it('warns, naming the resource and the excess', () => {
    // (the business loses money here, so the §17 zero-target note comes too)
    expect(a.warnings.filter((w) => !w.startsWith('The business loses'))).toEqual([
      'Warehouse is over capacity: 400 minutes used of 300 (100 over); customers carry 400 more than its cost — check its minutes (practical capacity) and minutes per unit',
    ]);
  });
});

describe('the capacity setting', () => {
  it('is empty by default', () => {
    expect(resolveSettings({}).settings.capacity).toEqual([]);
  });

  it('reports every problem of every resource at once', () => {
    const problems: string[] = [];
    const out = resolveCapacity(
      [
        { name: '', cost: -1, minutes: 0, minutesPer: { orders: -2, teleport: 1 } },
        { name: 'Warehouse', cost: 10, minutes: 10, minutesPer: [] },
        { name: 'warehouse', cost: 10, minutes: 10, minutesPer: {}, colour: 'red' },
        7,
      ],
      problems,
    );
    expect(out).toEqual([]);
    expect(problems).toEqual([
      'capacity[0].name must be a text, e.g. "Warehouse"',
      'capacity[0].cost must be a number ≥ 0 (got -1)',
      'capacity[0].minutes must be the practical capacity in minutes, a number > 0 (got 0)',
      'capacity[0].minutesPer.orders must be a number ≥ 0 (got -2)',
      'capacity[0].minutesPer: unknown driver "teleport" (drivers: orders, lines, deliveries, returns, contacts, repeatContacts, visits)',
      'capacity[1].minutesPer must be an object of minutes per unit, e.g. {"orders": 12}',
      'capacity[2]: unknown key "colour" (keys: name, cost, minutes, minutesPer)',
      'capacity[2]: the name "warehouse" is used twice: give each resource its own',
      'capacity[3] must be an object with name, cost, minutes and minutesPer',
    ]);
  });

  it('must be a list', () => {
    const { problems } = resolveSettings({ capacity: { name: 'Warehouse' } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^capacity must be a list of resources/);
  });
});
