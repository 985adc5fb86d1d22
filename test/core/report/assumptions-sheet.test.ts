// The Assumptions sheet (§17): every number the report rests on, and where it came from.
import { describe, expect, it } from 'vitest';
import { fileDecimalNote } from '../../../core/decimal-style.js';
import {
  assumptionsSheet,
  runTimeText,
  unitFormat,
} from '../../../core/report/assumptions-sheet.js';
import { customers, run } from '../builder.js';

describe('the Assumptions sheet', () => {
  const a = run(
    customers({
      A: { revenue: 1000, cogs: 900, orders: 15, deliveries: 4, paymentDays: 30 },
      B: { revenue: 2000, cogs: 1000, orders: 5, deliveries: 6, paymentDays: 60 },
    }),
    {
      rates: { orders: 10 },
      pools: { deliveries: 100 },
      costOfCapital: 0.08,
      avoidable: { deliveries: 0.5 },
      conciergeMaxAccounts: 3,
    },
  );
  const s = assumptionsSheet(a, { source: 'sales.csv', time: '2026-01-31T09:00:00.000Z' });
  /** [item, value, note] rows of a section (the section name stands on its first row only). */
  function section(name: string): unknown[][] {
    const start = s.values.findIndex((r) => r[0] === name);
    const out: unknown[][] = [];
    for (let i = start; i < s.values.length && (i === start || s.values[i][0] === null); i++)
      out.push(s.values[i].slice(1));
    return out;
  }

  it('names the input and the time of the run', () => {
    expect(section('Run').slice(0, 2)).toEqual([
      ['Input', 'sales.csv', 'the table analysed; it is never modified'],
      ['Time of the run', '2026-01-31 09:00 UTC', ''],
    ]);
    expect(runTimeText('2026-12-03T14:32:05Z')).toBe('2026-12-03 14:32 UTC');
    expect(runTimeText('31/01/2026 10:00')).toBe('31/01/2026 10:00'); // a host's own text stays
  });

  /** The number format on the value cell of the first row at or after `from` with this item. */
  function formatOf(item: string, from = 0): string | undefined {
    const row = s.values.findIndex((r, i) => i >= from && r[1] === item);
    return s.formats.find((f) => f.range.row === row && f.range.col === 2)?.format;
  }

  it('shows each number in its unit: shares as percent, rates as money, multiples with ×', () => {
    expect(formatOf('Cost of capital')).toBe('0%'); // 0.08 → 8%
    expect(formatOf('Concierge budget share')).toBe('0%'); // 0.1 → 10%
    const rates = s.values.findIndex((r) => r[0] === 'Rates');
    expect(formatOf('Deliveries', rates)).toBe('#,##0'); // the rate: pool 100 ÷ 10 deliveries = 10
    expect(formatOf('Cost of capital (payment days)')).toBe('0%'); // avoidable share 1 → 100%
    expect(formatOf('Gross margin, discount')).toBe('0%'); // 0.01 → 1%
    expect(formatOf('Each cost input moves by ±')).toBe('0%'); // 0.2 → 20%
    expect(formatOf('Cost driver')).toBe('0.0#"×"'); // 1.25 → 1.25×
    expect(formatOf('Concierge accounts at most')).toBeUndefined(); // a count, as it is
    expect(unitFormat('share', 0.025)).toBe('0.0%');
    expect(unitFormat('share', 0.0125)).toBe('0.00%');
    expect(unitFormat('money', 12.5)).toBe('#,##0.00##');
    expect(unitFormat('money', 12)).toBe('#,##0');
  });

  it('defines Exit impact and Break-even price change, with the cost-of-capital caveat', () => {
    const exit = section('Exit');
    expect(exit[0].slice(0, 2)).toEqual(['Exit impact', '−gross profit + avoidable cost']);
    expect(exit[0][2]).toMatch(/sign: \+ means profit rises/);
    expect(exit[1].slice(0, 2)).toEqual(['Break-even price change', '−net profit ÷ revenue']);
    // cost of capital 8 % on revenue: a rise of p raises it by p × revenue × days/365 × 8 %
    expect(exit[1][2]).toContain('revenue × payment days / 365 × 8 %');
    expect(exit[1][2]).toContain('the stated rise leaves a small loss');
    const none = assumptionsSheet(run(customers({ A: { revenue: 100, cogs: 90 } }), {}));
    const row = none.values.find((r) => r[1] === 'Break-even price change')!;
    expect(row[3]).not.toContain('cost of capital'); // no cost of capital, no caveat
  });

  it('says how the input was read: a semicolon CSV with its decimal comma', () => {
    const note = fileDecimalNote(',', {})!;
    expect(note).toMatch(/^semicolon-separated: numbers read with a decimal comma/);
    expect(fileDecimalNote(',', { locale: { decimal: ',' } })).toBeNull(); // the settings decide
    expect(fileDecimalNote(undefined, {})).toBeNull();
    const read = assumptionsSheet(a, { source: 'de.csv', notes: [`de.csv: ${note}`] });
    expect(read.values).toContainEqual([null, 'How it was read', null, `de.csv: ${note}`]);
  });

  it('gives each rate with where it came from: direct, or pool ÷ volume', () => {
    const rates = section('Rates');
    expect(rates).toContainEqual(['Orders', 10, 'direct rate 10 per order']);
    expect(rates).toContainEqual(['Deliveries', 10, 'pool 100 ÷ 10 deliveries']);
    expect(rates).toContainEqual([
      'Cost of capital',
      0.08,
      'a year, on revenue × payment days / 365',
    ]);
  });

  it('lists the column mapping, the tier map, the rules of the causes and the avoidable shares', () => {
    expect(section('Column mapping')).toContainEqual([
      'Revenue',
      'Revenue',
      'recognised from the header',
    ]);
    // the user's words, not the settings keys
    expect(section('Column mapping')).toContainEqual([
      'Cost of goods sold',
      'COGS',
      'recognised from the header',
    ]);
    expect(section('Column mapping')).toContainEqual([
      'Payment days',
      'Payment Days',
      'recognised from the header',
    ]);
    expect(section('Tier map')).toContainEqual([
      'Large/High',
      'Concierge',
      'Protect: dedicated team, first call on inventory, fast bids',
    ]);
    expect(section('Tier map')).toContainEqual([
      'Concierge accounts at most',
      3,
      'the most profitable Large/High customers; the rest get Maintain',
    ]);
    expect(section('Causes')).toContainEqual([
      'Cost driver',
      1.25,
      'named from this multiple of its size-class median cost per unit of revenue',
    ]);
    const exit = section('Exit: avoidable share');
    expect(exit).toContainEqual([
      'Orders',
      1,
      'default: a direct rate is assumed avoidable, it goes with the customer (set avoidable to change)',
    ]);
    expect(exit).toContainEqual(['Deliveries', 0.5, 'set in avoidable']);
    expect(exit).toContainEqual([
      'Cost of capital (payment days)',
      1,
      'default: the cost of capital is assumed avoidable, it goes with the customer (set avoidable to change)',
    ]);
  });
});
