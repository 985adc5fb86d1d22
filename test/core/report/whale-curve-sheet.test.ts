// The Whale Curve sheet: its y column says it is cumulative, and the peak's label rounds as the
// reading does, so the chart and the text give the same figure.
import { describe, expect, it } from 'vitest';
import { peakFormat, whaleCurveSheet } from '../../../core/report/whale-curve-sheet.js';
import { customers, run } from '../builder.js';

describe('the Whale Curve sheet', () => {
  // A earns 300, B 100, C loses 200: total 200; the first two earn 400 = 200 % of it
  const a = run(
    customers({
      A: { revenue: 1000, cogs: 700 },
      B: { revenue: 1000, cogs: 900 },
      C: { revenue: 1000, cogs: 1200 },
    }),
  );
  const s = whaleCurveSheet(a);
  const head = s.values.findIndex((r) => r[0] === 'Share of customers');

  it('names the share column as cumulative', () => {
    expect(s.values[head]).toEqual([
      'Share of customers',
      'Cumulative share of profit',
      'Peak',
      'Customers',
      'Cumulative net profit',
    ]);
  });

  it('formats the peak as the reading writes it: 200 %, whole percents from 10 % up', () => {
    expect(a.whale.reading).toContain('earn 200 % of profit');
    const peak = s.values.findIndex((r, i) => i > head && r[2] !== null);
    expect(s.values[peak][2]).toBe(2);
    const format = s.formats.filter((f) => f.range.col === 2 && f.range.row <= peak).at(-1);
    expect(format!.format).toBe('0%');
    expect(peakFormat(1.525)).toBe('0%'); // "153%", as formatPercent writes 153 %
    expect(peakFormat(0.032)).toBe('0.0%'); // "3.2%"
  });
});
