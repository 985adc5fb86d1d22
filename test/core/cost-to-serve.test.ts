// DOMAIN.md §2:
//   costToServe = Σ_driver volume × rate + revenue × paymentDays / 365 × costOfCapital
//   netProfit   = grossProfit − costToServe
// Rates come directly or from cost pools: rate = pool / Σ volume of that driver over all customers.
import { describe, expect, it } from 'vitest';
import { assumptions } from '../../core/assumptions.js';
import { costToServe, driverRates } from '../../core/cost-to-serve.js';
import { customer, customers, expectMoney, run, settings } from './builder.js';

describe('direct rates', () => {
  it('prices each driver: volume × rate, summed', () => {
    // A: 3 orders × 25 + 2 deliveries × 40 + 1 return × 60 = 75 + 80 + 60 = 215
    // net = (1000 − 600) − 215 = 185
    const a = run(
      customers({ A: { revenue: 1000, cogs: 600, orders: 3, deliveries: 2, returns: 1 } }),
      {
        rates: { orders: 25, deliveries: 40, returns: 60 },
      },
    );
    const A = customer(a, 'A');
    expectMoney(A.costToServe, 215);
    expectMoney(A.netProfit, 185);
    expectMoney(A.drivers.orders!, 75);
    expectMoney(A.drivers.deliveries!, 80);
    expectMoney(A.drivers.returns!, 60);
    expect(a.cost.rates.orders).toBe(25);
  });

  it('prices all seven drivers', () => {
    // 1×1 + 2×2 + 3×3 + 4×4 + 5×5 + 6×6 + 7×7 = 1 + 4 + 9 + 16 + 25 + 36 + 49 = 140
    const a = run(
      customers({
        A: {
          revenue: 1000,
          cogs: 0,
          orders: 1,
          lines: 2,
          deliveries: 3,
          returns: 4,
          contacts: 5,
          repeatContacts: 6,
          visits: 7,
        },
      }),
      {
        rates: {
          orders: 1,
          lines: 2,
          deliveries: 3,
          returns: 4,
          contacts: 5,
          repeatContacts: 6,
          visits: 7,
        },
      },
    );
    expectMoney(customer(a, 'A').costToServe, 140);
  });

  it('charges nothing for a rate whose driver has no column', () => {
    const a = run(customers({ A: { revenue: 100, cogs: 50 } }), { rates: { visits: 250 } });
    expectMoney(customer(a, 'A').costToServe, 0);
  });
});

describe('cost pools (activity-based costing)', () => {
  it('spreads a pool over the total volume: rate = pool / Σ volume', () => {
    // 1,000 over 10 + 30 = 40 orders → 25 per order; A pays 250, B 750: together the pool.
    const a = run(
      customers({
        A: { revenue: 5000, cogs: 2000, orders: 10 },
        B: { revenue: 5000, cogs: 2000, orders: 30 },
      }),
      {
        pools: { orders: 1000 },
      },
    );
    expect(a.cost.rates.orders).toBe(25);
    expectMoney(customer(a, 'A').costToServe, 250);
    expectMoney(customer(a, 'B').costToServe, 750);
    expectMoney(a.totals.costToServe, 1000);
  });

  it('counts the volume of customers outside the matrix too', () => {
    // 900 over 5 + 5 + 20 = 30 contacts → 30 per contact, the credit-note customer C included.
    const a = run(
      customers({
        A: { revenue: 100, cogs: 0, contacts: 5 },
        B: { revenue: 100, cogs: 0, contacts: 5 },
        C: { revenue: -50, cogs: 0, contacts: 20 },
      }),
      { pools: { contacts: 900 } },
    );
    expect(a.cost.rates.contacts).toBe(30);
    expectMoney(customer(a, 'C').costToServe, 600);
  });

  it('cannot spread a pool over no volume: rate 0 and a warning', () => {
    const s = settings({ pools: { returns: 500 } });
    const { rates, warnings } = driverRates(
      [null, null, null, Float64Array.of(0, 0), null, null, null],
      s,
    );
    expect(rates.returns).toBe(0);
    expect(warnings).toEqual([
      'the Returns cost pool (pools.returns: 500) is not spread: no customer has any returns',
    ]);
    const a = run(customers({ A: { revenue: 100, cogs: 50, returns: 0 } }), {
      pools: { returns: 500 },
    });
    expect(a.warnings.filter((w) => w.includes('cost pool ('))).toEqual(warnings);
  });
});

describe('cost of capital on payment days', () => {
  it('is revenue × days / 365 × yearly rate', () => {
    // 36,500 × 30 / 365 × 0.10 = 100 × 30 × 0.10 = 300
    const a = run(customers({ A: { revenue: 36500, cogs: 20000, paymentDays: 30 } }), {
      costOfCapital: 0.1,
    });
    const A = customer(a, 'A');
    expectMoney(A.costToServe, 300);
    expectMoney(A.drivers.paymentDays!, 300);
    expectMoney(A.netProfit, 16500 - 300);
  });

  it('uses the revenue-weighted days in transaction mode', () => {
    // days = (7300 × 10 + 29200 × 60) / 36500 = (73,000 + 1,752,000) / 36,500 = 50
    // cost = 36,500 × 50 / 365 × 0.2 = 100 × 50 × 0.2 = 1,000
    const a = run(
      [
        ['Customer', 'Revenue', 'COGS', 'Payment Days'],
        ['A', 7300, 0, 10],
        ['A', 29200, 0, 60],
      ],
      { costOfCapital: 0.2 },
    );
    expectMoney(customer(a, 'A').costToServe, 1000);
  });
});

describe('no rates', () => {
  it('costs nothing to serve: net profit = gross profit', () => {
    const a = run(
      customers({
        A: { revenue: 100, cogs: 60, orders: 10, paymentDays: 90 },
        B: { revenue: 50, cogs: 45, contacts: 3 },
      }),
    );
    for (const k of ['A', 'B']) {
      const c = customer(a, k);
      expect(c.costToServe).toBe(0);
      expect(c.netProfit).toBe(c.grossProfit);
      expect(c.drivers).toEqual({});
    }
    expect(a.cost.lines.every((l) => l === null)).toBe(true);
  });

  it('costToServe() direct call: no rates, all zero', () => {
    const out = costToServe(
      2,
      Float64Array.of(10, 20),
      [Float64Array.of(1, 2), null, null, null, null, null, null],
      Float64Array.of(30, 30),
      settings({}),
    );
    expect(Array.from(out.total)).toEqual([0, 0]);
  });
});

describe('a rate or pool set for a driver the table has no column for', () => {
  // the table has Orders only; deliveries 35 and a returns pool of 500 price nothing
  const a = run(customers({ A: { revenue: 100, cogs: 60, orders: 2 } }), {
    rates: { orders: 10, deliveries: 35 },
    pools: { returns: 500 },
  });

  it('warns that it costs nothing', () => {
    expect(a.warnings).toContain(
      'Deliveries rate (rates.deliveries) is set but the table has no Deliveries column: it costs nothing',
    );
    expect(a.warnings).toContain(
      'Returns cost pool (pools.returns) is set but the table has no Returns column: it costs nothing',
    );
  });

  it('reports the applied rate as 0, and the Assumptions say it was not applied', () => {
    expect(a.cost.rates.deliveries).toBe(0);
    expect(a.cost.rates.returns).toBe(0);
    expectMoney(customer(a, 'A').costToServe, 20);
    const row = assumptions(a).find((r) => r.section === 'Rates' && r.item === 'Deliveries');
    expect(row).toMatchObject({
      value: 0,
      note: 'rate 35 set but not applied: no such column, so it costs nothing',
    });
  });
});
