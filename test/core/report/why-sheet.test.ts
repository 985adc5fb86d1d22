// The Why sheet lists each customer's causes (§5), one per column, and the advice (§10).
import { describe, expect, it } from 'vitest';
import { whySheet } from '../../../core/report/why-sheet.js';
import { customers, run } from '../builder.js';

describe('the Why sheet', () => {
  const a = run(
    customers({
      A: { revenue: 1000, cogs: 500, orders: 2 },
      B: { revenue: 1000, cogs: 500, orders: 4 },
      C: { revenue: 1000, cogs: 900, orders: 12 },
      Z: { revenue: -20, cogs: -5 },
    }),
    { rates: { orders: 10 } },
  );
  const s = whySheet(a);
  const header = s.values[0];
  const row = (key: string) => s.values.find((r) => r[0] === key)!;
  const col = (name: string) => header.indexOf(name);

  it('puts the causes right after the frozen key columns, then the waterfall', () => {
    expect(header).toEqual([
      'Customer',
      'Name',
      'Segment',
      'Tier',
      'Cause 1',
      'Cause 2',
      'Cause 3',
      'Advice',
      'Revenue',
      'Cost of goods sold',
      'Gross profit',
      'Order cost',
      'Net profit',
    ]);
    expect([s.freezeRows, s.freezeCols]).toEqual([1, 4]);
    expect(row('C').slice(0, 4)).toEqual(['C', '', 'Large/Low', 'Fix']); // no name column: ''
  });

  it('shows costs as positive amounts that add up: revenue − costs = net profit', () => {
    // C: revenue 1,000, cost of goods 900, 12 orders × 10 = 120 → gross profit 100, net −20
    const c = row('C');
    expect(c.slice(col('Revenue'))).toEqual([1000, 900, 100, 120, -20]);
    const revenue = c[col('Revenue')] as number;
    const costs = (c[col('Cost of goods sold')] as number) + (c[col('Order cost')] as number);
    expect(revenue - costs).toBe(c[col('Net profit')]);
    // costs in black: no red-for-negative format or rule on a cost column
    const cost = (k: number) => k === col('Cost of goods sold') || k === col('Order cost');
    const reds = [
      ...s.formats.filter((f) => f.format.includes('[Red]')).map((f) => f.range),
      ...s.conditional.map((x) => x.range),
    ];
    const last = (r: { col: number; cols: number }, k: number) => k >= r.col && k < r.col + r.cols;
    for (const k of header.keys())
      if (cost(k)) {
        const formats = s.formats.filter((f) => last(f.range, k));
        expect(formats.at(-1)!.format, header[k] as string).not.toContain('[Red]');
        expect(
          s.conditional.some((x) => last(x.range, k)),
          header[k] as string,
        ).toBe(false);
      }
    expect(reds.length).toBeGreaterThan(0);
  });

  it("lists a money-loser's causes, largest first, and its advice", () => {
    // C: margin .10 against a Large median .50 → 400; orders .12 vs median .04 → 80; loses 20
    const c = row('C');
    expect(c[col('Cause 1')]).toBe(
      'Gross margin 10 % against a Large median of 50 % (costs 400) → price list, product mix',
    );
    expect(c[col('Cause 2')]).toBe(
      'Orders: 3.0× the Large median per unit of revenue (costs 80) → minimum order size or order consolidation',
    );
    expect(c[col('Cause 3')]).toBeNull();
    expect(c[col('Advice')]).toBe(
      'Exit: leaving raises profit by 20, unless a 2 % price rise is accepted; main cause Gross margin: price list, product mix',
    );
  });

  it('says when nothing stands out, and places a customer without revenue outside', () => {
    expect(row('B')[col('Cause 1')]).toBe('Nothing stands out against its size class.');
    expect(row('Z')[col('Cause 1')]).toBe(
      'No revenue in this period: outside the matrix (net profit -15).',
    );
    expect(row('Z')[col('Advice')]).toBeNull();
  });
});
