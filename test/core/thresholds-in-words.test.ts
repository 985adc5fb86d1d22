// The overall margin has one definition (DOMAIN.md §3), said the same way on the Profit Matrix,
// in the CLI, the pane and the Assumptions sheet: net profit ÷ revenue of the customers with revenue.
import { describe, expect, it } from 'vitest';
import { assumptions } from '../../core/assumptions.js';
import { OVERALL_MARGIN, thresholdsInWords } from '../../core/thresholds-in-words.js';
import { customers, run } from './builder.js';

describe('the overall margin', () => {
  // revenue 1,000 and 400 (net 90 and −20) and a customer without revenue (net −30):
  // 70 / 1,400 = 5 %; the customer without revenue is not in it
  const a = run(
    customers({
      A: { revenue: 1000, cogs: 910 },
      B: { revenue: 400, cogs: 420 },
      Z: { revenue: 0, cogs: 30 },
    }),
  );

  it('is net profit ÷ revenue of the customers with revenue, in words and in number', () => {
    expect(OVERALL_MARGIN).toBe('net profit ÷ revenue of the customers with revenue');
    expect(a.totals.marginTarget).toBeCloseTo(70 / 1400, 12);
    expect(thresholdsInWords(a.settings, a.totals.marginTarget)[2]).toBe(
      'High: net margin at or above 5 % (the overall margin: net profit ÷ revenue of the customers with revenue). Low: customers who lose money. Mid: the rest.',
    );
    const method = assumptions(a).find((x) => x.item === 'Profitability method')!;
    expect(method.note).toBe(
      'margin target 5 %: the overall margin (net profit ÷ revenue of the customers with revenue), at least 0 %',
    );
  });

  it('says when it is 0 or below, and that the target stops at 0', () => {
    const loss = run(
      customers({ A: { revenue: 1000, cogs: 1100 }, B: { revenue: 100, cogs: 50 } }),
    );
    expect(thresholdsInWords(loss.settings, loss.totals.marginTarget)[2]).toBe(
      'High: net margin at or above 0 % (the overall margin, net profit ÷ revenue of the customers with revenue, is 0 % or less, so every customer who does not lose money is High). Low: customers who lose money. Mid: the rest.',
    );
  });
});
