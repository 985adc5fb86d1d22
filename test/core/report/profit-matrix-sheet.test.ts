// The Profit Matrix sheet: colours follow money and shares of profit appear only when total net
// profit is positive (§17); the notes carry the benchmark, the causes of money-losers, exit
// totals, concierge economics with service quality, and the warnings.
import { describe, expect, it } from 'vitest';
import { heat } from '../../../core/report/colours.js';
import { profitMatrixSheet } from '../../../core/report/profit-matrix-sheet.js';
import { customers, run } from '../builder.js';

/** The fill of the cell at the first matrix row of size `size` and profitability column `p`. */
function cellFill(s: ReturnType<typeof profitMatrixSheet>, size: string, p: number): string {
  const row = s.values.findIndex((r) => r[0] === size);
  const fill = s.fills.find(
    (f) => f.range.row === row + 1 && f.range.col === 2 + p && f.range.rows === 4,
  );
  return fill!.color;
}

describe('when the business loses money overall (§17)', () => {
  // Large/High earns 100; Large/Low loses 300: total −200
  const a = run(
    customers({
      A: { revenue: 1000, cogs: 900 },
      B: { revenue: 1000, cogs: 1300 },
    }),
  );
  const s = profitMatrixSheet(a);

  it('colours the profitable cell green and the losing cell red: nothing inverts', () => {
    expect(cellFill(s, 'Large', 0)).toBe(heat(100 / 300));
    expect(cellFill(s, 'Large', 2)).toBe(heat(-1));
  });

  it('shows no share of profit, and says why', () => {
    const rows = s.values.filter((r) => String(r[1]).startsWith('Share of profit'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r[1]).toBe('Share of profit (none: a loss overall)');
      expect(r.slice(2).every((x) => x === null)).toBe(true);
    }
  });
});

describe('the notes', () => {
  it('carry the benchmark, the causes, exit totals, concierge and service quality', () => {
    const a = run(
      customers({
        A: { revenue: 1000, cogs: 500, contacts: 10, repeatContacts: 4 },
        B: { revenue: 1000, cogs: 600, contacts: 10, repeatContacts: 0 },
        C: { revenue: 1000, cogs: 1100, contacts: 0, repeatContacts: 0 },
      }),
      { rates: { contacts: 10, repeatContacts: 5 } },
    );
    const text = profitMatrixSheet(a)
      .values.map((r) => r[0])
      .filter((x) => typeof x === 'string')
      .join('\n');
    expect(text).toContain('Benchmark: the top 20 % of customers earn');
    expect(text).toContain('Money-losers: 1; their causes (see Why): gross margin 1.');
    expect(text).toContain('Exit: leaving would raise profit for 1 of them, by 100 in all.');
    // 20 contacts, 4 repeats → FCR 80 %; repeats cost 4 × (10 + 5) = 60 of 200 + 20 = 220
    expect(text).toContain(
      'Service quality: first-contact resolution 80 %; 4 repeat contacts cost 60, 27 % of the service cost',
    );
    expect(text).toContain('Warning: Concierge holds');
  });
});
