// DOMAIN.md §5: per customer, the waterfall revenue → gross profit → each cost-to-serve driver →
// net profit, and its top cost drivers with the multiple of the median and the matching action.
import { describe, expect, it } from 'vitest';
import { explainCustomer } from '../../core/explain.js';
import { customer, customers, expectMoney, run } from './builder.js';

// Three customers of revenue 1,000 and COGS 500; 10 per order, 20 per delivery.
//        orders  deliveries   order cost  delivery cost  cost-to-serve  net profit  margin
//   A      2        1            20           20              40           460        .46
//   B      4        3            40           60             100           400        .40
//   C     12        2           120           40             160           340        .34
// Orders per $: .02, .04, .12 → median .04; deliveries per $: .02, .06, .04 → median .04.
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

describe('top drivers', () => {
  const a = run(THREE, RATES);

  it('names the driver that most exceeds the median, with the multiple and the action', () => {
    // C orders: .12 per $ vs median .04 → 3.0×; deliveries .04 = median → not named
    const [orders, ...rest] = customer(a, 'C').why.topDrivers;
    expect(rest).toEqual([]);
    expect(orders.driver).toBe('orders');
    expectMoney(orders.costPerRevenue, 0.12);
    expectMoney(orders.medianPerRevenue, 0.04);
    expect(orders.multiple).toBeCloseTo(3, 12);
    expect(orders.action).toBe('minimum order size or order consolidation');
    expect(orders.text).toBe(
      'Orders: 3.0× the median per $ of revenue → minimum order size or order consolidation',
    );
    // B deliveries: .06 vs .04 → 1.5×
    const [deliveries] = customer(a, 'B').why.topDrivers;
    expect(deliveries.driver).toBe('deliveries');
    expect(deliveries.multiple).toBeCloseTo(1.5, 12);
    expect(deliveries.text).toBe(
      'Deliveries: 1.5× the median per $ of revenue → delivery fee or delivery consolidation',
    );
    expect(customer(a, 'A').why.topDrivers).toEqual([]);
  });

  it('says so when the median customer has none of a cost (median 0)', () => {
    // visits per $: 0, 0, 500 / 1000 = .5 → median 0 → multiple ∞, 50.0 ¢ per $
    const b = run(
      customers({
        A: { revenue: 1000, cogs: 500, visits: 0 },
        B: { revenue: 1000, cogs: 500, visits: 0 },
        C: { revenue: 1000, cogs: 500, visits: 2 },
      }),
      { rates: { visits: 250 } },
    );
    const [visits] = customer(b, 'C').why.topDrivers;
    expect(visits.medianPerRevenue).toBe(0);
    expect(visits.multiple).toBe(Infinity);
    expect(visits.text).toBe(
      'Sales visits: 50.0 ¢ per $ of revenue where the median customer has none → inside sales instead of field visits',
    );
  });

  it('names payment days with payment terms as the action', () => {
    // cost of capital per $ = days / 365 × .1: 30, 30, 90 days → C is 3× the median
    const b = run(
      customers({
        A: { revenue: 1000, cogs: 500, paymentDays: 30 },
        B: { revenue: 2000, cogs: 1000, paymentDays: 30 },
        C: { revenue: 3000, cogs: 1500, paymentDays: 90 },
      }),
      { costOfCapital: 0.1 },
    );
    const [days] = customer(b, 'C').why.topDrivers;
    expect(days.driver).toBe('paymentDays');
    expect(days.multiple).toBeCloseTo(3, 12);
    expect(days.action).toBe('payment terms, early-payment discount');
  });

  it('matches every driver to its action (DOMAIN.md §5)', () => {
    const drivers = {
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
        A: {
          revenue: 1000,
          cogs: 0,
          orders: 0,
          lines: 0,
          deliveries: 0,
          returns: 0,
          contacts: 0,
          repeatContacts: 0,
          visits: 0,
        },
        B: {
          revenue: 1000,
          cogs: 0,
          orders: 0,
          lines: 0,
          deliveries: 0,
          returns: 0,
          contacts: 0,
          repeatContacts: 0,
          visits: 0,
        },
        C: { revenue: 1000, cogs: 0, ...drivers },
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
    // top three by excess: visits 7, repeat contacts 6, contacts 5 (per 1,000 of revenue)
    expect(customer(b, 'C').why.topDrivers.map((d) => [d.driver, d.action])).toEqual([
      ['visits', 'inside sales instead of field visits'],
      ['repeatContacts', 'first-contact resolution, self-service'],
      ['contacts', 'first-contact resolution, self-service'],
    ]);
  });
});

describe('the summary sentence', () => {
  it('gives the segment, the tier, the action and the main reason', () => {
    const a = run(THREE, RATES);
    expect(customer(a, 'C').why.summary).toBe(
      'Large/Mid → Maintain: Serve at lower cost, move up. Main cost driver: Orders: 3.0× the median per $ of revenue → minimum order size or order consolidation.',
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
