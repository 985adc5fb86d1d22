// The Assumptions sheet (§17): every number the report rests on, and where it came from.
import { describe, expect, it } from 'vitest';
import { fileDecimalNote } from '../../../core/decimal-style.js';
import { assumptionsSheet } from '../../../core/report/assumptions-sheet.js';
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
      ['Time of the run', '2026-01-31T09:00:00.000Z', ''],
    ]);
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
      'revenue',
      'Revenue',
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
    expect(exit).toContainEqual(['Orders', 1, 'default: a direct rate goes with the customer']);
    expect(exit).toContainEqual(['Deliveries', 0.5, 'set in avoidable']);
    expect(exit).toContainEqual([
      'Cost of capital (payment days)',
      1,
      'default: the cost of capital goes with the customer',
    ]);
  });
});
