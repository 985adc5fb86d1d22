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

  it('has a column per cause and one for the advice', () => {
    expect(header.slice(-4)).toEqual(['Cause 1', 'Cause 2', 'Cause 3', 'Advice']);
  });

  it("lists a money-loser's causes, largest first, and its advice", () => {
    // C: margin .10 against a Large median .50 → 400; orders .12 vs median .04 → 80; loses 20
    const c = row('C');
    expect(c[col('Cause 1')]).toBe(
      'Gross margin 10 % against a Large median of 50 % (costs 400) → price list, product mix',
    );
    expect(c[col('Cause 2')]).toBe(
      'Orders: 3.0× the Large median per $ of revenue (costs 80) → minimum order size or order consolidation',
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
