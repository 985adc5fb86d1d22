/**
 * Excel's cell limit (32,767 characters): a longer customer name in any report sheet is cut with
 * "…", for every renderer, and the Data Issues sheet names the cells.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { CELL_TEXT_LIMIT, cutLongText } from '../../core/report/cell-text-limit.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import { emptySheet } from '../../core/report/sheet-spec.js';

describe('cutLongText', () => {
  it('cuts to exactly the limit, ending in "…", and returns the cells', () => {
    const s = emptySheet('X');
    s.values = [
      ['ok', 'a'.repeat(CELL_TEXT_LIMIT)],
      [null, 'b'.repeat(CELL_TEXT_LIMIT + 1)],
    ];
    expect(cutLongText(s)).toEqual(['B2']);
    expect(s.values[0][1]).toHaveLength(CELL_TEXT_LIMIT); // at the limit: untouched
    expect(s.values[1][1]).toBe(`${'b'.repeat(CELL_TEXT_LIMIT - 1)}…`);
  });

  it('never splits an emoji (a surrogate pair) in two', () => {
    const s = emptySheet('X');
    s.values = [[`${'a'.repeat(CELL_TEXT_LIMIT - 2)}😀😀`]];
    cutLongText(s);
    const v = s.values[0][0] as string;
    expect(v.endsWith('a…')).toBe(true);
    expect(v.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
  });
});

describe('a report with a customer name longer than a cell holds', () => {
  const long = 'Very long name '.repeat(2200).trim(); // 32,999 characters
  const o = analyze({
    values: [
      ['Customer', 'Name', 'Revenue', 'COGS'],
      ['A', long, 100, 60],
      ['B', 'Short', 50, 45],
    ],
  });
  if (!o.ok) throw new Error(o.error.message);
  const sheets = reportSheets(o.value);

  it('holds no text over the limit in any sheet', () => {
    for (const s of sheets)
      for (const row of s.values)
        for (const v of row)
          if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
  });

  it('says so on the Data Issues sheet, naming the cells', () => {
    const issues = sheets.find((s) => s.name === 'Data Issues')!;
    const line = issues.values.map((r) => r[3]).find((v) => String(v).startsWith('Text cut'));
    expect(line).toMatch(
      /^Text cut: \d+ cells? held more than 32,767 characters \(Excel's limit for a cell\), cut to end in "…": 'Customers'!B2/,
    );
  });
});
