// DOMAIN.md §10: exit is advice only where leaving the customer raises profit. Direct-rate cost
// goes with the customer, pool and capacity cost stays (stranded); cost of capital goes; a share
// set in `avoidable` covers a line's whole cost.
//   exitImpact = −grossProfit + Σ avoidable × cost;  breakEvenPriceChange = −netProfit / revenue
import { describe, expect, it } from 'vitest';
import {
  avoidableCost,
  avoidableShares,
  breakEvenPriceChange,
  recommendationAt,
} from '../../core/exit-economics.js';
import { customer, customers, expectMoney, run, settings } from './builder.js';

// A: revenue 1,000, gross profit 100, 15 orders at a direct 10 (150, avoidable), 4 deliveries
// priced from a pool of 100 over 10 deliveries (10 each: 40, stranded). Net profit −90.
// exitImpact(A) = −100 + 150 = 50 > 0 → exit; stranded 40; break-even price change .09.
// B: revenue 2,000, gross profit 1,000, 6 deliveries (60): net profit 940, exitImpact −1,000.
const POOLED = customers({
  A: { revenue: 1000, cogs: 900, orders: 15, deliveries: 4 },
  B: { revenue: 2000, cogs: 1000, orders: 0, deliveries: 6 },
});
const POOL_SETTINGS = { rates: { orders: 10 }, pools: { deliveries: 100 } };

describe('exit impact (doc example)', () => {
  const a = run(POOLED, POOL_SETTINGS);

  it('adds back the avoidable cost only', () => {
    const A = customer(a, 'A');
    expectMoney(A.netProfit, -90);
    expectMoney(A.exitImpact, 50);
    expect(A.recommendation).toBe('exit');
    expectMoney(A.breakEvenPriceChange!, 0.09);
    const c = a.customers.keys.indexOf('A');
    expectMoney(a.exit.stranded[c], 40);
  });

  it('never advises a profitable customer', () => {
    const B = customer(a, 'B');
    expectMoney(B.exitImpact, -1000);
    expect(B.recommendation).toBeNull();
    expect(B.breakEvenPriceChange).toBeNull();
  });

  it('totals the exits that help: how many, the profit gained, the cost they strand', () => {
    expect(a.exit.totals.helps).toBe(1);
    expectMoney(a.exit.totals.gain, 50);
    expectMoney(a.exit.totals.strandedCost, 40);
  });

  it('says so in the Fix action', () => {
    // A: before(A) = 2,000 / 3,000 = .67 → Large; loses money → Large/Low → Fix
    expect(customer(a, 'A').action).toBe(
      'Exit: leaving raises profit by 50 (40 of its cost-to-serve stays with the others), unless a 9 % price rise is accepted; main cause Gross margin: price list, product mix',
    );
  });
});

describe('a small loss on mostly pooled cost: reprice, not exit (issue 12)', () => {
  // A loses 2.50 on 3,908.80 of revenue; its only cost-to-serve is pooled orders (411.30 of it).
  // Exit would take away its gross profit of 408.80 and leave the 411.30 on B.
  const values = customers({
    A: { revenue: 3908.8, cogs: 3500, orders: 10 },
    B: { revenue: 20000, cogs: 10000, orders: 30 },
  });
  const a = run(values, { pools: { orders: 1645.2 } });

  it('recommends repricing by the break-even price change', () => {
    const A = customer(a, 'A');
    expectMoney(A.netProfit, -2.5);
    expectMoney(A.exitImpact, -408.8);
    expect(A.recommendation).toBe('reprice');
    expectMoney(A.breakEvenPriceChange!, 2.5 / 3908.8);
    expect(a.exit.totals).toEqual({ helps: 0, gain: 0, strandedCost: 0 });
  });

  it('words the Fix action as repricing, never exit', () => {
    // A is Medium (before = 20,000 / 23,908.8 = .84) → Medium/Low → Fix
    expect(customer(a, 'A').action).toBe(
      'Reprice: a 0.1 % price rise breaks even; main cause Cost-to-serve (Orders): minimum order size or order consolidation; exit would lower profit by 409 (411 of its cost-to-serve stays with the others)',
    );
  });

  it('turns to exit when the setting says the orders cost goes with the customer', () => {
    const b = run(values, { pools: { orders: 1645.2 }, avoidable: { orders: 1 } });
    const A = customer(b, 'A');
    expectMoney(A.exitImpact, 2.5); // = −netProfit: nothing stranded
    expect(A.recommendation).toBe('exit');
  });
});

describe('avoidable shares', () => {
  it('defaults: direct 1, pool 0, capacity 0, split by the parts of a rate priced two ways', () => {
    const zero = { direct: 0, pool: 0, capacity: 0 };
    const rateParts = {
      orders: { direct: 3, pool: 0, capacity: 1 },
      lines: zero,
      deliveries: { direct: 0, pool: 5, capacity: 0 },
      returns: zero,
      contacts: { direct: 0, pool: 0, capacity: 2 },
      repeatContacts: zero,
      visits: { direct: 7, pool: 0, capacity: 0 },
    };
    const { shares, sources } = avoidableShares({ rateParts }, settings());
    expect(shares).toMatchObject({ orders: 0.75, deliveries: 0, contacts: 0, visits: 1 });
    expect(shares.paymentDays).toBe(1);
    expect(sources).toMatchObject({
      orders: 'mixed',
      deliveries: 'pool',
      contacts: 'capacity',
      visits: 'direct',
      lines: 'none',
    });
    const set = avoidableShares({ rateParts }, settings({ avoidable: { orders: 0.2 } }));
    expect(set.shares.orders).toBe(0.2);
    expect(set.sources.orders).toBe('setting');
  });

  it('gives a customer its avoidable cost per line (what a scenario exit removes)', () => {
    const a = run(POOLED, POOL_SETTINGS);
    const c = a.customers.keys.indexOf('A');
    expect(avoidableCost(a.cost, a.exit.shares, c)).toEqual({ orders: 150 });
  });

  it('treats cost of capital as avoidable unless set otherwise', () => {
    // 73 days at 10 % a year on 1,000: 1,000 × 73 / 365 × .1 = 20
    const values = customers({
      A: { revenue: 1000, cogs: 990, paymentDays: 73 },
      B: { revenue: 1000, cogs: 500, paymentDays: 0 },
    });
    const a = run(values, { costOfCapital: 0.1 });
    expectMoney(customer(a, 'A').exitImpact, -10 + 20);
    const b = run(values, { costOfCapital: 0.1, avoidable: { paymentDays: 0 } });
    expectMoney(customer(b, 'A').exitImpact, -10);
    expect(customer(b, 'A').recommendation).toBe('reprice');
  });
});

describe('recommendation and break-even price change', () => {
  it('exit only when exit impact > 0; never for break-even or profitable customers', () => {
    expect(recommendationAt(2, -90, 50)).toBe('exit');
    expect(recommendationAt(2, -90, 0)).toBe('reprice');
    expect(recommendationAt(2, -90, -10)).toBe('reprice');
    expect(recommendationAt(1, 0, 0)).toBeNull();
    expect(recommendationAt(1, 5, -5)).toBeNull();
    expect(recommendationAt(-1, -90, 50)).toBeNull(); // outside the matrix
  });

  it('is −netProfit / revenue for money-losers only', () => {
    expect(breakEvenPriceChange(5, -32, 1000)).toBe(0.032);
    expect(breakEvenPriceChange(5, 0, 1000)).toBeNull();
    expect(breakEvenPriceChange(-1, -32, 0)).toBeNull();
  });

  it('keeps a profitable Fix customer away from exit (terciles can put one there)', () => {
    // terciles within size: all Large (ties); margins .50, .40, .10 → C is Low though it earns 100
    const a = run(
      customers({
        A: { revenue: 1000, cogs: 500 },
        B: { revenue: 1000, cogs: 600 },
        C: { revenue: 1000, cogs: 900 },
      }),
      { profitability: { method: 'terciles' } },
    );
    const C = customer(a, 'C');
    expect(C.tier).toBe('Fix');
    expect(C.recommendation).toBeNull();
    expect(C.action).toBe(
      'Reduce cost-to-serve or reprice (it makes money: not a candidate for exit)',
    );
  });
});
