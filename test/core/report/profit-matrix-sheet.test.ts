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

/** True when rectangle `r` covers the cell (row, col). */
function within(
  r: { row: number; col: number; rows?: number; cols?: number },
  row: number,
  col: number,
) {
  return row >= r.row && row < r.row + (r.rows ?? 1) && col >= r.col && col < r.col + (r.cols ?? 1);
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
    expect(cellFill(s, 'Large', 0)).toBe(heat(1)); // the only profit
    expect(cellFill(s, 'Large', 2)).toBe(heat(-1));
  });

  it("says every money-loser's own action carries exit or reprice advice, in every tier", () => {
    expect(s.values.flat()).toContain(
      "Money-losers, in every tier: each one's own action on Customers says exit (only where leaving raises profit) or reprice, with the figures.",
    );
  });

  it('writes the losing cell in black with its sign on its red fill, legible in greyscale', () => {
    const row = s.values.findIndex((r) => r[0] === 'Large') + 3; // Net profit
    expect(s.values[row].slice(1, 5)).toEqual(['Net profit', 100, 0, -300]);
    const last = <T extends { range: { row: number; col: number } }>(xs: T[]) =>
      xs.filter((x) => within(x.range, row, 4)).at(-1);
    expect(last(s.formats)!.format).toBe('#,##0;-#,##0'); // no [Red]
    expect(last(s.fontColors)!.color).toBe('#000000');
    expect(last(s.fills)!.color).toBe(heat(-1)); // §17's colour stays
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
    // C alone leaves: +100 of profit, and its 1,000 of 3,000 revenue (33 %) goes with it
    expect(text).toContain(
      'Exit: leaving would raise profit for 1 of them, by 100 in all, and 1,000 of revenue (33 %) goes with them (direct rates are assumed avoidable',
    );
    // 20 contacts, 4 repeats → FCR 80 %; repeats cost 4 × (10 + 5) = 60 of 200 + 20 = 220
    expect(text).toContain(
      'Service quality: first-contact resolution 80 %; 4 repeat contacts cost 60 (each repeat is also a service contact: 10 + 5 = 15 each), 27 % of the service cost (typically 20 % or more',
    );
    expect(text).not.toMatch(/seed \d/);
    expect(text).toContain('Warning: Concierge holds');
  });
});

describe('customers with no revenue (§3): the totals tie to the headline', () => {
  // A earns 300 on 1,000; C has no revenue and costs 50 (COGS of a free sample): headline −(−250)
  // = net profit 250 over 2 customers, 1,000 revenue; the matrix holds A only (300).
  const a = run(customers({ A: { revenue: 1000, cogs: 700 }, C: { revenue: 0, cogs: 50 } }));
  const s = profitMatrixSheet(a);
  const rowOf = (label: string) => s.values.findIndex((r) => r[0] === label);

  it('labels the matrix total and adds a No-revenue line and an all-customers total', () => {
    const total = rowOf('Total (matrix customers)');
    expect(total).toBeGreaterThan(0);
    expect(s.values[total][5]).toBe(1);
    expect(s.values[total + 2][5]).toBe(300);
    const out = rowOf('No revenue (outside the matrix)');
    expect(s.values.slice(out, out + 3).map((r) => r[5])).toEqual([1, 0, -50]);
    const all = rowOf('All customers');
    expect(s.values.slice(all, all + 3).map((r) => r[5])).toEqual([2, 1000, 250]);
    expect(a.totals.netProfit).toBe(250); // the headline
  });

  it('says where the no-revenue customers are counted', () => {
    expect(s.values.flat()).toContain(
      'No revenue: 1 customer outside the matrix, net profit -50 (in the All customers rows above, which tie to the headline totals).',
    );
  });
});
