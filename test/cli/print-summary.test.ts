/**
 * The printed summary fits an 80-column terminal: the matrix by its layout (labels once, one
 * figure per cell, long money in k/m), every other line wrapped at spaces. Nothing is cut.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSummary } from '../../cli/print-summary.js';
import { parseCsv } from '../../cli/read-csv.js';
import { WIDTH } from '../../cli/wrap.js';
import { analyze } from '../../core/analyze.js';

function summary(csv: string, settings: unknown = {}): string {
  const a = analyze({ values: parseCsv(csv) }, settings);
  if (!a.ok) throw new Error(a.error.message);
  return printSummary(a.value, 'test.csv');
}
const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));
/** The lines of the matrix block for one size: its tier line and the four or five below. */
const block = (text: string, size: string) => {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${size} `));
  return lines.slice(i, i + 5);
};

describe('printSummary in 80 columns', () => {
  it('fits the sample customers, with the sample rates, and keeps every figure', () => {
    const text = summary(
      readFileSync('samples/customers.csv', 'utf8'),
      JSON.parse(readFileSync('samples/settings.json', 'utf8')),
    );
    expect(WIDTH).toBe(80);
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).not.toContain('…');
    expect(text).toContain(
      'Size             │ High profitability │ Mid profitability  │ Low profitability',
    );
    // total net profit > 0: the share of profit is shown, labelled (DOMAIN.md §17)
    expect(block(text, 'Large')).toEqual([
      'Large            │ Concierge          │ Maintain           │ Fix',
      '  customers      │ 68                 │ 14                 │ 34',
      '  revenue        │ 21,875,236         │ 2,020,369          │ 6,637,461',
      '  net profit     │ 3,111,376          │ 87,158             │ -1,288,085',
      '  share of profit│ 115 %              │ 3.2 %              │ -48 %',
    ]);
    // a long sentence is wrapped at a space, its continuation indented
    expect(text).toContain(
      'Money-losers: 125 customers; their causes: deliveries 101, orders 96, gross\n    margin 58,',
    );
    // the exits of all 125 raise profit by the Low column's loss, and its revenue goes with them:
    // 7,484,396 of 38,159,695 = 19.6 % (shown as 20 %); the repeat's cost is 15 + 25 = 40 each
    const flat = text.replace(/\n +/g, ' ');
    expect(flat).toContain(
      'Exit: leaving would raise profit for 125 of them, by 1,422,419 in all, and 7,484,396 of revenue (20 %) goes with them',
    );
    expect(flat).toContain('direct rates are assumed avoidable');
    expect(flat).toContain(
      '8,238 repeat contacts cost 329,520 (each repeat is also a service contact: 15 + 25 = 40 each)',
    );
    expect(flat).not.toMatch(/seed \d/);
  });

  it('fits the transaction sample', () => {
    const text = summary(readFileSync('samples/transactions-2024-2025.csv', 'utf8'));
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).not.toContain('…');
  });

  it('fits a money-losing business with 15-digit figures: money in k or m, no share of profit', () => {
    // A: revenue 900,000,000,000,000, gross profit −99,999,999,999,999 → Large/Low (Fix).
    // B: revenue 5, net profit 4; the bigger customer holds ~100 % of revenue → Small/High (Grow).
    // Total net profit < 0, so the matrix shows money only (§17).
    const text = summary('Customer,Revenue,COGS\nA,900000000000000,999999999999999\nB,5,1\n');
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).not.toContain('…');
    expect(text).not.toContain('share of profit');
    expect(block(text, 'Large').slice(0, 4)).toEqual([
      'Large            │ Concierge          │ Maintain           │ Fix',
      '  customers      │ 0                  │ 0                  │ 1',
      '  revenue        │ 0                  │ 0                  │ 900,000,000,000 k',
      '  net profit     │ 0                  │ 0                  │ -100,000,000,000 k',
    ]);
    expect(block(text, 'Small').slice(0, 4)).toEqual([
      'Small            │ Grow               │ Self-service       │ Self-service',
      '  customers      │ 1                  │ 0                  │ 0',
      '  revenue        │ 5                  │ 0                  │ 0',
      '  net profit     │ 4                  │ 0                  │ 0',
    ]);
  });

  it('fits a file name longer than a line by cutting it, never a figure', () => {
    const a = analyze({ values: parseCsv('Customer,Revenue,COGS\nA,100,60\n') });
    if (!a.ok) throw new Error(a.error.message);
    const text = printSummary(a.value, `/data/${'x'.repeat(120)}.csv`);
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text.replace(/\n {4}/g, '')).toContain(`/data/${'x'.repeat(120)}.csv`);
  });
});
