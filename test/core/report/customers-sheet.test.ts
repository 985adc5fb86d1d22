// The Customers sheet gains Exit impact and Break-even price change (§10) and the main cause (§5).
import { describe, expect, it } from 'vitest';
import { customersSheet } from '../../../core/report/customers-sheet.js';
import { customers, expectMoney, run } from '../builder.js';

describe('the Customers sheet', () => {
  // A: gross profit 100, 15 orders at a direct 10 (150), 4 deliveries from a pool (40): net −90,
  // exit impact 50, break-even price change 9 %. B earns money: exit impact −1,000, no price change.
  const a = run(
    customers({
      A: { revenue: 1000, cogs: 900, orders: 15, deliveries: 4 },
      B: { revenue: 2000, cogs: 1000, orders: 0, deliveries: 6 },
    }),
    { rates: { orders: 10 }, pools: { deliveries: 100 } },
  );
  const s = customersSheet(a);
  const header = s.values[0];
  const row = (key: string) => s.values.find((r) => r[0] === key)!;
  const at = (key: string, name: string) => row(key)[header.indexOf(name)];

  it('has the columns in order', () => {
    expect(header).toEqual([
      'Customer',
      'Name',
      'Revenue',
      'Gross profit',
      'Cost-to-serve',
      'Net profit',
      'Net margin',
      'Size',
      'Profitability',
      'Segment',
      'Tier',
      'Main cause',
      'Exit impact',
      'Break-even price change',
      'Action',
      'Sensitivity', // tier stability (§12), on by default
    ]);
  });

  it('gives exit impact and break-even price change per customer', () => {
    expectMoney(at('A', 'Exit impact') as number, 50);
    expectMoney(at('A', 'Break-even price change') as number, 0.09);
    expectMoney(at('B', 'Exit impact') as number, -1000);
    expect(at('B', 'Break-even price change')).toBeNull();
    // A's margin .10 against a Large median of .30 costs 200; its orders 75 more than the median
    expect(at('A', 'Main cause')).toBe('Gross margin');
    expect(at('A', 'Action')).toMatch(/^Exit: leaving raises profit by 50 /);
  });

  it('formats exit impact as money and the price change as a percent', () => {
    expect(s.formats).toContainEqual({
      range: { row: 1, col: 12, rows: 2, cols: 1 },
      format: '#,##0.00;[Red]-#,##0.00',
    });
    expect(s.formats).toContainEqual({
      range: { row: 1, col: 13, rows: 2, cols: 1 },
      // a break-even rise under 0.05 % keeps its digits instead of showing 0.0%
      format: '[<0.0005]0.0###%;0.0%',
    });
  });
});
