// A sheet fits its content: widths from what the columns hold, long text and headers wrapped,
// notes merged across the sheet with their row heights, and a print area over the used range.
import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  headerWidth,
  layOut,
  MAX_WIDTH,
  pagesAcross,
  usedArea,
  wrappedLines,
} from '../../../core/report/layout.js';
import { addRows, emptySheet, rect, styleHeader } from '../../../core/report/sheet-spec.js';

describe('sheet layout', () => {
  it('measures values as the report shows them', () => {
    expect(displayWidth(-18725)).toBe(10); // "-18,725.00"
    expect(displayWidth(1234567.891)).toBe(12); // "1,234,567.89"
    expect(displayWidth(0.25)).toBe(7); // "25.0%"-like shares
    expect(displayWidth('Maintain')).toBe(7); // letters: 7/8 of a digit
    expect(headerWidth('Net profit')).toBe(12);
    expect(headerWidth('Break-even price change')).toBe(16); // wraps after "Break-even"
  });

  it('counts the lines of wrapped text', () => {
    expect(wrappedLines('one two three', 8)).toBe(2); // "one two" | "three"
    expect(wrappedLines('one two three', 13)).toBe(1);
    expect(wrappedLines('abcdefghij', 4)).toBe(3); // a long word breaks: 4 + 4 + 2
    expect(wrappedLines('  one\ttwo\u00a0three\n', 8)).toBe(2); // any white space parts words
    expect(wrappedLines('', 8)).toBe(1);
  });

  it('sizes columns, wraps the long ones, and merges a note across the sheet', () => {
    const s = emptySheet('T');
    const note = 'A reading that is much longer than the first column is wide, so it spans.';
    addRows(s, [[note], ['Customer', 'Revenue', 'Cause'], ['A', 1000, 'x'.repeat(100)]]);
    styleHeader(s, 1, 3);
    layOut(s);
    // Customer: header 8 + 2; Revenue: "1,000.00" 8 + 2 = 10 ≥ header 9; Cause capped at 60
    expect(s.columnWidths).toEqual([10, 10, MAX_WIDTH]);
    expect(s.wrap).toContainEqual(rect(0, 2, 3, 1)); // the Cause column wraps
    expect(s.merges).toEqual([rect(0, 0, 1, 3)]);
    // note: 75 characters across 80 width units less one, 7/8 each → 90 per line: one line;
    // the cause: 100 characters over (60 − 1) / 0.875 = 67 per line → 2 lines, 30 points
    expect(s.rowHeights).toEqual([{ row: 2, points: 30 }]);
    expect(s.print).toEqual({
      area: rect(0, 0, 3, 3),
      landscape: false,
      onePage: false,
      pagesWide: 1,
      titleCols: 0,
    });
  });

  it('prints the cells a chart is drawn over too, landscape when wider than a portrait page', () => {
    const s = emptySheet('C');
    addRows(s, [['x', 1]]);
    s.columnWidths = [10, 10];
    s.charts.push({
      type: 'line',
      title: 't',
      x: rect(0, 0),
      series: [],
      anchor: { row: 0, col: 2 },
      width: 640,
      height: 400,
    });
    // 640 px from column C at 64 px a column: C…L; 400 px at 20 px a row: 20 rows
    expect(usedArea(s)).toEqual(rect(0, 0, 20, 12));
    expect(layOut(s).print!.landscape).toBe(true);
  });

  it('prints a wide list on up to its pages across, with its key columns on each', () => {
    // 300 characters with 30 of keys: page 1 holds 135, each further page 135 − 30 = 105
    expect(pagesAcross(300, 30, 3)).toBe(3); // 1 + ⌈165 / 105⌉
    expect(pagesAcross(300, 30, 2)).toBe(2); // capped
    expect(pagesAcross(130, 30, 3)).toBe(1); // fits one landscape page
    expect(pagesAcross(300, 30, 1)).toBe(1); // fitted to one page as before
    // 12 columns of 20 = 240 characters, keys 20 + 20: 1 + ⌈105 / 95⌉ = 3, at most 2
    const s = emptySheet('W');
    addRows(s, [Array.from({ length: 12 }, () => 'x'.repeat(20))]);
    s.values[0][0] = 'y'.repeat(20);
    const out = layOut(s, { maxPagesWide: 2, titleCols: 2 });
    expect(out.columnWidths.slice(0, 2)).toEqual([20, 20]); // 20 × 7/8 → 18, + 2
    expect(out.print).toMatchObject({ landscape: true, pagesWide: 2, titleCols: 2 });
    // a sheet that fits one page repeats no columns
    const narrow = emptySheet('N');
    addRows(narrow, [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(layOut(narrow, { maxPagesWide: 2, titleCols: 2 }).print).toMatchObject({
      pagesWide: 1,
      titleCols: 0,
    });
  });
});
