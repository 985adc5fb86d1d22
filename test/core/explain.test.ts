// DOMAIN.md §5: per customer, the waterfall revenue → gross profit → each cost-to-serve driver →
// net profit, and its causes (test/core/causes.test.ts) summed up in one sentence.
import { describe, expect, it } from 'vitest';
import { explainCustomer } from '../../core/explain.js';
import { customer, customers, expectMoney, run } from './builder.js';

// Three customers of revenue 1,000 and COGS 500; 10 per order, 20 per delivery.
//        orders  deliveries   order cost  delivery cost  cost-to-serve  net profit  margin
//   A      2        1            20           20              40           460        .46
//   B      4        3            40           60             100           400        .40
//   C     12        2           120           40             160           340        .34
// Orders per unit of revenue: .02, .04, .12 → median .04; deliveries per unit of revenue: .02, .06, .04 → median .04.
// Sizes: all tie at 1,000 → Large. Target = 1,200 / 3,000 = .40 → A High, B High (on it), C Mid.
const THREE = customers({
  A: { revenue: 1000, cogs: 500, orders: 2, deliveries: 1 },
  B: { revenue: 1000, cogs: 500, orders: 4, deliveries: 3 },
  C: { revenue: 1000, cogs: 500, orders: 12, deliveries: 2 },
});
const RATES = { rates: { orders: 10, deliveries: 20 } };

describe('the waterfall', () => {
  it('steps from revenue to net profit', () => {
    const why = customer(run(THREE, RATES), 'C').why;
    expect(why.waterfall).toEqual([
      { label: 'Revenue', value: 1000, kind: 'total' },
      { label: 'Cost of goods sold', value: -500, kind: 'cost' },
      { label: 'Gross profit', value: 500, kind: 'total' },
      { label: 'Orders', value: -120, kind: 'cost' },
      { label: 'Deliveries', value: -40, kind: 'cost' },
      { label: 'Net profit', value: 340, kind: 'total' },
    ]);
  });

  it('sums to net profit for every customer (revenue + every cost step = net profit)', () => {
    const a = run(
      customers({
        A: {
          revenue: 1234.56,
          cogs: 789.01,
          orders: 7,
          lines: 31,
          deliveries: 5,
          returns: 2,
          contacts: 9,
          repeatContacts: 3,
          visits: 1,
          paymentDays: 45,
        },
        B: {
          revenue: 99.99,
          cogs: 12.34,
          orders: 1,
          lines: 1,
          deliveries: 1,
          returns: 0,
          contacts: 0,
          repeatContacts: 0,
          visits: 0,
          paymentDays: 10,
        },
        Z: {
          revenue: -20,
          cogs: -5,
          orders: 1,
          lines: 1,
          deliveries: 1,
          returns: 1,
          contacts: 1,
          repeatContacts: 0,
          visits: 0,
          paymentDays: 0,
        },
      }),
      {
        rates: {
          orders: 25,
          lines: 2,
          deliveries: 40,
          returns: 60,
          contacts: 15,
          repeatContacts: 25,
          visits: 250,
        },
        costOfCapital: 0.1,
      },
    );
    for (const k of ['A', 'B', 'Z']) {
      const c = customer(a, k),
        w = c.why.waterfall;
      const steps = w.filter((s) => s.kind === 'cost').reduce((s, x) => s + x.value, 0);
      expectMoney(w[0].value + steps, c.netProfit, `${k}: revenue + steps`);
      expectMoney(w[w.length - 1].value, c.netProfit, `${k}: last bar`);
      const gross = w.find((s) => s.label === 'Gross profit')!;
      expectMoney(gross.value, c.grossProfit, `${k}: gross profit`);
    }
    // A's cost of capital: 1,234.56 × 45 / 365 × 0.1 = 15.2209...
    const A = customer(a, 'A').why.waterfall.find(
      (s) => s.label === 'Cost of capital (payment days)',
    )!;
    expectMoney(A.value, -((1234.56 * 45) / 365) * 0.1);
  });

  it('leaves out cost lines that cost nothing, and COGS when there is none', () => {
    const a = run(customers({ A: { revenue: 100, cogs: 0, orders: 0, deliveries: 1 } }), RATES);
    expect(customer(a, 'A').why.waterfall.map((s) => s.label)).toEqual([
      'Revenue',
      'Gross profit',
      'Deliveries',
      'Net profit',
    ]);
  });
});

describe('the summary sentence', () => {
  it('gives the segment, the tier, the action and the main reason', () => {
    const a = run(THREE, RATES);
    expect(customer(a, 'C').why.summary).toBe(
      'Large/Mid → Maintain: Serve at lower cost, move up. Main cause: Orders: 3.0× the Large median per unit of revenue (costs 80) → minimum order size or order consolidation.',
    );
    expect(customer(a, 'A').why.summary).toBe(
      'Large/High → Concierge: Protect: dedicated team, first call on inventory, fast bids.',
    );
  });

  it('places a customer without revenue outside the matrix', () => {
    const a = run(customers({ A: { revenue: 100, cogs: 50 }, Z: { revenue: -20, cogs: -5 } }));
    const c = a.customers.keys.indexOf('Z');
    expect(explainCustomer(a, a.settings, c).summary).toBe(
      'No revenue in this period: outside the matrix (net profit -15).',
    );
  });
});
