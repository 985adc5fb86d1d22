// DOMAIN.md §5: a customer's causes, each measured against its own size class — a driver at
// ≥ 1.25× the class median of cost per unit of revenue (or any cost where the median is 0), a gross
// margin below the class median by ≥ 1 % of revenue, a discount above it by ≥ 1 % of revenue —
// ranked by amount, at most three; every money-loser gets at least one.
import { describe, expect, it } from 'vitest';
import { causeBasis, causeLabel, causesOf, moneyLoserCauses } from '../../core/causes.js';
import type { CostColumn } from '../../core/cost-to-serve.js';
import { COST_LINES } from '../../core/types.js';
import { customer, customers, expectMoney, run } from './builder.js';

/** Fixed sizes: revenue ≥ 1,000 Large, ≥ 100 Medium, else Small. */
const SIZES = { size: { method: 'fixed', large: 1000, medium: 100 } };

describe('drivers against the size class (seed 001)', () => {
  // Large: orders per unit of revenue .02, .04, .12 → Large median .04; L3 is 3.0× it, amount (.12 − .04) × 1,000.
  // Small: 10 / 50 = .20 each. Over all six the median would be (.12 + .20) / 2 = .16, and L3's
  // over-servicing would not show: measured against Large accounts, it does.
  const a = run(
    customers({
      L1: { revenue: 1000, cogs: 500, orders: 2 },
      L2: { revenue: 1000, cogs: 500, orders: 4 },
      L3: { revenue: 1000, cogs: 500, orders: 12 },
      S1: { revenue: 50, cogs: 25, orders: 1 },
      S2: { revenue: 50, cogs: 25, orders: 1 },
      S3: { revenue: 50, cogs: 25, orders: 1 },
    }),
    { ...SIZES, rates: { orders: 10 } },
  );

  it('names the over-serviced Large account with the multiple, amount and action', () => {
    const [orders, ...rest] = customer(a, 'L3').why.causes;
    expect(rest).toEqual([]);
    expect(orders.kind).toBe('driver');
    expect(orders.driver).toBe('orders');
    expectMoney(orders.amount, 80);
    expect(orders.multiple).toBeCloseTo(3, 12);
    expectMoney(orders.value!, 0.12);
    expectMoney(orders.median!, 0.04);
    expect(orders.action).toBe('minimum order size or order consolidation');
    expect(orders.text).toBe(
      'Orders: 3.0× the Large median per unit of revenue (costs 80) → minimum order size or order consolidation',
    );
  });

  it('leaves Small customers that are alike with no cause', () => {
    expect(customer(a, 'S1').why.causes).toEqual([]);
    expect(customer(a, 'L2').why.causes).toEqual([]); // .04 = the median
  });

  it('names a driver from exactly 1.25× the median, not below', () => {
    // per unit of revenue: 4/16 = .25, 4/16, 5/16 = .3125 = 1.25 × .25 exactly; 4.9/16 just below
    const lines = (costs: number[]): (CostColumn | null)[] =>
      COST_LINES.map((l) =>
        l === 'orders' ? { values: Float64Array.from(costs), by: null, factor: 1 } : null,
      );
    const rev = Float64Array.of(16, 16, 16);
    const gp = Float64Array.of(8, 8, 8);
    const size = new Int8Array(3);
    const np = Float64Array.of(1, 1, 1);
    const at = causeBasis(rev, gp, null, lines([4, 4, 5]), size, np);
    expect(causesOf(at, 2).map((c) => c.multiple)).toEqual([1.25]);
    const below = causeBasis(rev, gp, null, lines([4, 4, 4.9]), size, np);
    expect(causesOf(below, 2)).toEqual([]);
  });

  it('says so when the median customer of the class has none of a cost (median 0)', () => {
    // visits per unit of revenue: 0, 0, 500 / 1,000 → Large median 0 → listed with no multiple
    const b = run(
      customers({
        A: { revenue: 1000, cogs: 500, visits: 0 },
        B: { revenue: 1000, cogs: 500, visits: 0 },
        C: { revenue: 1000, cogs: 500, visits: 2 },
      }),
      { rates: { visits: 250 } },
    );
    const [visits] = customer(b, 'C').why.causes;
    expect(visits.median).toBe(0);
    expect(visits.multiple).toBeNull();
    expectMoney(visits.amount, 500);
    expect(visits.text).toBe(
      'Sales visits: 0.50 per unit of revenue where the median Large customer has none (costs 500) → inside sales instead of field visits',
    );
  });

  it('names payment days with payment terms as the action', () => {
    // cost of capital per unit of revenue = days / 365 × .1: 30, 30, 90 days, all Large (pareto ties) → C at 3×
    const b = run(
      customers({
        A: { revenue: 1000, cogs: 500, paymentDays: 30 },
        B: { revenue: 1000, cogs: 500, paymentDays: 30 },
        C: { revenue: 1000, cogs: 500, paymentDays: 90 },
      }),
      { costOfCapital: 0.1 },
    );
    const [days] = customer(b, 'C').why.causes;
    expect(days.driver).toBe('paymentDays');
    expect(days.multiple).toBeCloseTo(3, 12);
    expectMoney(days.amount, (60 / 365) * 0.1 * 1000);
    expect(days.action).toBe('payment terms, early-payment discount');
  });
});

describe('gross margin against the size class', () => {
  // Large margins .30, .40, .50, .395 → median (.395 + .40) / 2 = .3975.
  // A: (.3975 − .30) × 1,000 = 97.5 ≥ 10 (1 % of revenue) → listed; D: 2.5 < 10 → not.
  const a = run(
    customers({
      A: { revenue: 1000, cogs: 700 },
      B: { revenue: 1000, cogs: 600 },
      C: { revenue: 1000, cogs: 500 },
      D: { revenue: 1000, cogs: 605 },
    }),
  );

  it('names a margin below the median when it costs at least 1 % of revenue', () => {
    const [margin] = customer(a, 'A').why.causes;
    expect(margin.kind).toBe('grossMargin');
    expect(margin.driver).toBeNull();
    expectMoney(margin.amount, 97.5);
    expectMoney(margin.value!, 0.3);
    expectMoney(margin.median!, 0.3975);
    expect(margin.action).toBe('price list, product mix');
    expect(margin.text).toBe(
      'Gross margin 30 % against a Large median of 40 % (costs 98) → price list, product mix',
    );
  });

  it('leaves out a gap below the 1 % floor', () => {
    expect(customer(a, 'D').why.causes).toEqual([]);
  });
});

describe('discount against the size class (§1a)', () => {
  it('names a discount above the median when it costs at least 1 % of revenue', () => {
    // list prices 1,000 each; discounts 10 %, 5 %, 20 % (money 100, 50, 200) → median 10 %;
    // C: (.20 − .10) × 1,000 = 100 ≥ 8 (1 % of 800) → listed at 2.0×. Its margin is the same
    // share of its own revenue as the others', so the discount is what stands out.
    const a = run(
      [
        ['Customer', 'Revenue', 'COGS', 'Discount'],
        ['A', 900, 450, 100],
        ['B', 950, 475, 50],
        ['C', 800, 400, 200],
      ],
      { size: { method: 'fixed', large: 500, medium: 100 } },
    );
    const [discount] = customer(a, 'C').why.causes;
    expect(discount.kind).toBe('discount');
    expectMoney(discount.amount, 100);
    expect(discount.multiple).toBeCloseTo(2, 12);
    expect(discount.text).toBe(
      'Discount 20 % of the list price against a Large median of 10 % (costs 100) → discount discipline',
    );
    expect(customer(a, 'A').why.causes).toEqual([]);
  });
});

describe('ranking', () => {
  it('ranks by amount and keeps the first three', () => {
    // C has one of each driver where A and B have none (median 0): amounts are the costs 1 … 7
    const zero = {
      orders: 0,
      lines: 0,
      deliveries: 0,
      returns: 0,
      contacts: 0,
      repeatContacts: 0,
      visits: 0,
    };
    const one = {
      orders: 1,
      lines: 1,
      deliveries: 1,
      returns: 1,
      contacts: 1,
      repeatContacts: 1,
      visits: 1,
    };
    const b = run(
      customers({
        A: { revenue: 1000, cogs: 0, ...zero },
        B: { revenue: 1000, cogs: 0, ...zero },
        C: { revenue: 1000, cogs: 0, ...one },
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
    expect(customer(b, 'C').why.causes.map((d) => [d.driver, d.amount, d.action])).toEqual([
      ['visits', 7, 'inside sales instead of field visits'],
      ['repeatContacts', 6, 'first-contact resolution, self-service'],
      ['contacts', 5, 'first-contact resolution, self-service'],
    ]);
  });

  it('puts a big margin gap before a small driver excess', () => {
    // Large margins .20, .50, .50 → A's gap .30 × 1,000 = 300; A's orders .03 vs median .01: 20
    const a = run(
      customers({
        A: { revenue: 1000, cogs: 800, orders: 3 },
        B: { revenue: 1000, cogs: 500, orders: 1 },
        C: { revenue: 1000, cogs: 500, orders: 1 },
      }),
      { rates: { orders: 10 } },
    );
    expect(customer(a, 'A').why.causes.map((c) => [c.kind, +c.amount.toFixed(9)])).toEqual([
      ['grossMargin', 300],
      ['driver', 20],
    ]);
  });
});

describe('every money-loser gets a cause', () => {
  it('"sold below cost" when gross profit is negative and nothing stands out', () => {
    const a = run(
      customers({
        A: { revenue: 1000, cogs: 1100 },
        B: { revenue: 1000, cogs: 1100 },
      }),
    );
    const [cause] = customer(a, 'A').why.causes;
    expect(cause).toMatchObject({ kind: 'belowCost', driver: null, amount: 100 });
    expect(cause.text).toBe('Sold below cost: gross profit -100 → price list, product mix');
    expect(causeLabel(cause)).toBe('Sold below cost');
  });

  it('"cost-to-serve exceeds gross profit" with the largest cost line otherwise', () => {
    // gross profit 100, orders 150 and deliveries 20 each: alike, so no rule lists anything
    const a = run(
      customers({
        A: { revenue: 1000, cogs: 900, orders: 15, deliveries: 1 },
        B: { revenue: 1000, cogs: 900, orders: 15, deliveries: 1 },
      }),
      { rates: { orders: 10, deliveries: 20 } },
    );
    const [cause] = customer(a, 'B').why.causes;
    expect(cause).toMatchObject({ kind: 'costExceedsProfit', driver: 'orders', amount: 150 });
    expect(cause.text).toBe(
      'Cost-to-serve exceeds gross profit; the largest cost is orders, 150 → minimum order size or order consolidation',
    );
  });

  it('gives no cause to a customer outside the matrix', () => {
    const a = run(customers({ A: { revenue: 100, cogs: 50 }, Z: { revenue: -20, cogs: -5 } }));
    expect(customer(a, 'Z').why.causes).toEqual([]);
  });
});

describe('causeBasis', () => {
  it('takes medians per size class, NaN for an empty class', () => {
    const lines = COST_LINES.map((l) =>
      l === 'orders' ? { values: Float64Array.of(1, 3, 2, 10), by: null, factor: 1 } : null,
    );
    // sizes: Large 0, 1; Small 3 (customer 2); customer 3 outside the matrix
    const b = causeBasis(
      Float64Array.of(10, 10, 10, 10),
      Float64Array.of(5, 5, 5, 5),
      null,
      lines,
      Int8Array.of(0, 0, 2, -1),
      Float64Array.of(1, 1, 1, 1),
    );
    const M = COST_LINES.length + 2;
    expect(b.medians[0 * M + 0]).toBeCloseTo(0.2, 15); // Large orders: .1, .3
    expect(b.medians[1 * M + 0]).toBeNaN(); // no Medium customers
    expect(b.medians[2 * M + 0]).toBe(0.2); // Small: .2
    expect(b.medians[0 * M + COST_LINES.length]).toBe(0.5); // Large margin
  });
});

describe('moneyLoserCauses', () => {
  it('counts the money-losers carrying each cause, most frequent first', () => {
    // Large margins .50, .50, −.10, −.10 → median .20: C and D lose on gross margin (30 % gap);
    // A and B earn money and are not counted.
    const a = run(
      customers({
        A: { revenue: 1000, cogs: 500 },
        B: { revenue: 1000, cogs: 500 },
        C: { revenue: 1000, cogs: 1100 },
        D: { revenue: 1000, cogs: 1100 },
      }),
    );
    expect(moneyLoserCauses(a.causes)).toEqual([{ cause: 'Gross margin', customers: 2 }]);
  });
});

describe('causes without words', () => {
  it('ranks the same causes with the same amounts, only the sentence left out', () => {
    // Large: L3's orders (.12 against a .04 median) and discount; L4's margin (.20 against .50).
    // Medium: sold below cost, alike. Small: gross profit 5 against orders costing 10, alike.
    const a = run(
      [
        ['Customer', 'Revenue', 'COGS', 'Orders', 'Discount'],
        ['L1', 1000, 500, 4, 100],
        ['L2', 1000, 500, 4, 100],
        ['L3', 1000, 500, 12, 400],
        ['L4', 1000, 800, 4, 100],
        ['M1', 500, 550, 0, 0],
        ['M2', 500, 550, 0, 0],
        ['S1', 50, 45, 1, 0],
        ['S2', 50, 45, 1, 0],
      ],
      { ...SIZES, rates: { orders: 10 } },
    );
    const kinds = new Set<string>();
    a.customers.keys.forEach((_, c) => {
      const said = causesOf(a.causes, c);
      for (const x of said) kinds.add(x.kind);
      expect(causesOf(a.causes, c, false)).toEqual(said.map((x) => ({ ...x, text: '' })));
    });
    expect([...kinds].sort()).toEqual(
      ['belowCost', 'costExceedsProfit', 'discount', 'driver', 'grossMargin'].sort(),
    );
  });
});
