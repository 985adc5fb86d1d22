// Display formatting: a number a person reads is rounded here only, and a non-zero share is never
// shown as zero (a break-even price rise of 0.04 % printed as "0.0 %" reads as "already breaks even").
import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent, plural } from '../../core/format.js';
import { profitMatrixSheet } from '../../core/report/profit-matrix-sheet.js';
import { customers, run } from './builder.js';

describe('formatPercent', () => {
  it('rounds to whole percents from 10 % and to one decimal below', () => {
    expect(formatPercent(0.2234)).toBe('22 %');
    expect(formatPercent(299.2)).toBe('29,920 %');
    expect(formatPercent(0.054)).toBe('5.4 %');
    expect(formatPercent(0)).toBe('0 %');
  });

  it('never shows a non-zero share as 0.0 %', () => {
    // a customer losing 4 on revenue 10,000 needs a 0.04 % rise
    expect(formatPercent(4 / 10_000)).toBe('0.04 %');
    expect(formatPercent(-4 / 10_000)).toBe('-0.04 %');
    expect(formatPercent(0.0005)).toBe('0.1 %');
    expect(formatPercent(1e-7)).toBe('<0.01 %');
    expect(formatPercent(-1e-7)).toBe('-<0.01 %');
  });
});

describe('formatMoney', () => {
  it('rounds to whole units with thousands separators', () => {
    expect(formatMoney(1234567.891)).toBe('1,234,568');
  });

  it('writes what toLocaleString writes: signs, halves, small and huge values', () => {
    for (const x of [0, -0, 0.5, -0.5, -1.5, 999.5, -1000, 123456789.49, 2 ** 53, -1e21, NaN])
      expect(formatMoney(x)).toBe(Math.round(x).toLocaleString('en-US'));
    expect(formatMoney(-1234.4)).toBe('-1,234');
  });
});

describe('plural', () => {
  it('says "1 customer" and "2 customers", with thousands separators and irregular plurals', () => {
    expect(plural(1, 'customer')).toBe('1 customer');
    expect(plural(0, 'customer')).toBe('0 customers');
    expect(plural(1234, 'customer')).toBe('1,234 customers');
    expect(plural(2, 'delivery', 'deliveries')).toBe('2 deliveries');
  });

  it('is used by the report: one customer reads "1 customer" on the Profit Matrix', () => {
    const a = run(customers({ A: { revenue: 100, cogs: 60 } }));
    expect(profitMatrixSheet(a).values[1][0]).toMatch(/^1 customer · /);
  });
});
