// Row blocks of a report sheet for the stepwise Sheets run: they cover every row once, stay within
// their cell and byte budgets, and carry exactly the parts of the format rectangles on their rows.
import { describe, expect, it } from 'vitest';
import { emptySheet, rect } from '../../core/report/sheet-spec.js';
import { blockRanges, rowBlock, sheetFinish, sheetSize } from '../../sheets-addon/sheet-blocks.js';

function sheet(rows: number) {
  const s = emptySheet('Customers');
  s.values = [
    ['Customer', 'Revenue', 'Note'],
    ...Array.from({ length: rows }, (_, i) => [`C${i}`, i, 'x'.repeat(i % 7)]),
  ];
  s.width = 3;
  s.formats.push({ range: rect(1, 1, rows, 1), format: '#,##0' });
  s.fills.push({ range: rect(0, 0, 1, 3), color: '#1f4e5f' });
  s.bold.push(rect(0, 0, 1, 3));
  s.freezeRows = 1;
  return s;
}

describe('blockRanges', () => {
  it('covers the rows once, in order, each block within the cell budget', () => {
    const s = sheet(1_000);
    const ranges = blockRanges(s, 300, 1e9); // 100 rows of 3 columns
    expect(ranges[0]).toEqual([0, 100]);
    expect(ranges.at(-1)).toEqual([1_000, 1_001]);
    ranges.forEach(([from, to], i) => {
      expect(from).toBe(i === 0 ? 0 : ranges[i - 1][1]);
      expect((to - from) * 3).toBeLessThanOrEqual(300);
    });
  });

  it('cuts blocks by bytes too, but never below one row', () => {
    const s = sheet(10);
    s.values[5] = ['C4', 4, 'y'.repeat(500)];
    const ranges = blockRanges(s, 1e9, 100);
    expect(ranges.some(([from, to]) => from === 5 && to === 6)).toBe(true);
    for (const [from, to] of ranges)
      if (to - from > 1)
        expect(JSON.stringify(s.values.slice(from, to)).length).toBeLessThanOrEqual(100 + 2);
  });
});

describe('rowBlock', () => {
  it('carries the values and the parts of each rectangle on its rows', () => {
    const s = sheet(1_000);
    const head = rowBlock(s, 0, 100);
    expect(head.values).toEqual(s.values.slice(0, 100));
    expect(head.fills).toEqual([{ range: rect(0, 0, 1, 3), value: '#1f4e5f' }]);
    expect(head.bold).toEqual([rect(0, 0, 1, 3)]);
    expect(head.formats).toEqual([{ range: rect(1, 1, 99, 1), value: '#,##0' }]);
    const middle = rowBlock(s, 400, 500);
    expect(middle.row).toBe(400);
    expect(middle.fills).toEqual([]);
    expect(middle.bold).toEqual([]);
    expect(middle.formats).toEqual([{ range: rect(400, 1, 100, 1), value: '#,##0' }]);
  });

  it('leaves titles, widths, freezing, filter, rules and charts to the finish', () => {
    const s = sheet(5);
    expect(sheetFinish(s)).toMatchObject({ rows: 6, freezeRows: 1, charts: [], table: null });
  });
});

describe('sheetSize', () => {
  it('is the cells, and the room a chart is drawn over from its anchor', () => {
    const s = sheet(3);
    expect(sheetSize(s)).toEqual({ rows: 4, cols: 3 });
    s.charts.push({
      type: 'column',
      title: 't',
      x: rect(1, 0, 3, 1),
      series: [],
      anchor: { row: 2, col: 6 },
      width: 720,
      height: 400,
    });
    expect(sheetSize(s)).toEqual({ rows: 2 + 20, cols: 6 + 8 });
  });
});
