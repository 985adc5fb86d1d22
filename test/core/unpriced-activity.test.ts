// DOMAIN.md §17: activity columns mapped but nothing prices them → say that cost-to-serve is 0
// and net profit equals gross profit.
import { describe, expect, it } from 'vitest';
import { DRIVERS } from '../../core/types.js';
import {
  unpricedActivity,
  unpricedActivityWarning,
  unusedCostOfCapitalWarning,
} from '../../core/unpriced-activity.js';
import { customers, run } from './builder.js';

const noRates = Object.fromEntries(DRIVERS.map((d) => [d, 0])) as Record<
  (typeof DRIVERS)[number],
  number
>;

describe('unpricedActivity', () => {
  it('lists the mapped drivers when none has a rate (an order id counts as orders)', () => {
    expect(unpricedActivity({ customer: 0, deliveries: 3, orderId: 4 }, noRates)).toEqual([
      'orders',
      'deliveries',
    ]);
  });

  it('is empty when any mapped driver is priced, or none is mapped', () => {
    expect(unpricedActivity({ deliveries: 3, returns: 4 }, { ...noRates, returns: 60 })).toEqual(
      [],
    );
    expect(unpricedActivity({ customer: 0, revenue: 1 }, noRates)).toEqual([]);
  });

  it('words the warning', () => {
    expect(unpricedActivityWarning(['orders', 'deliveries', 'returns'])).toBe(
      'Orders, Deliveries, Returns are mapped but no rate, cost pool or capacity prices them: cost-to-serve is 0 and net profit equals gross profit (set rates or pools to price them)',
    );
    expect(unpricedActivityWarning([])).toBeNull();
  });
});

describe('in the analysis', () => {
  const values = customers({
    A: { revenue: 1000, cogs: 500, orders: 4, deliveries: 2, returns: 1 },
    B: { revenue: 900, cogs: 500, orders: 40, deliveries: 20, returns: 9 },
  });

  it('warns when Orders, Deliveries and Returns are read and cost nothing', () => {
    const a = run(values);
    expect(a.unpriced).toEqual(['orders', 'deliveries', 'returns']);
    expect(a.warnings[0]).toMatch(/^Orders, Deliveries, Returns are mapped but no rate/);
  });

  it('is quiet once a rate prices one of them', () => {
    const a = run(values, { rates: { orders: 5 } });
    expect(a.unpriced).toEqual([]);
    expect(a.warnings.join()).not.toMatch(/mapped but no rate/);
  });
});

describe('a cost of capital with nothing to apply it to', () => {
  it('warns when costOfCapital is set and no payment-days column was read', () => {
    expect(unusedCostOfCapitalWarning(0.08, false)).toBe(
      'Cost of capital (costOfCapital) is 8 % but no payment-days column was read: the cost of capital is 0 (map a "Payment Days" or "DSO" column to price it)',
    );
    expect(unusedCostOfCapitalWarning(0.08, true)).toBeNull();
    expect(unusedCostOfCapitalWarning(0, false)).toBeNull();
    const a = run(customers({ A: { revenue: 100, cogs: 50 } }), { costOfCapital: 0.08 });
    expect(a.warnings).toContain(unusedCostOfCapitalWarning(0.08, false));
  });
});
