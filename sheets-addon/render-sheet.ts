/**
 * Draws a report sheet in steps, each its own server call in the stepwise run: `drawRows` writes
 * one row block (values, then number formats, fills, font colours and weights, each one call over
 * the block's bounding box), `drawFinish` the rest (one call per rectangle of the spec: title
 * sizes, wraps, column widths, the frozen header, the filter, conditional rules, charts). The
 * spec's rectangles do not multiply with the row count, so a block costs the same calls whatever
 * its rows, and the finish the same whatever the sheet's size. Values go first: a text ("@")
 * format set before them would keep the guarding apostrophes as characters.
 */
import { rangeAt as at } from './range-at.js';
import { addChart } from './render-chart.js';
import { addConditionalRules } from './render-rules.js';
import type { RowBlock, SheetFinish } from './sheet-blocks.js';
import { AUTOMATIC_FORMAT, type Block, paint, valuesForSheets } from './sheet-cells.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const TITLE_FONT_SIZE = 14;
/** Column widths in the spec are in characters; Sheets wants pixels. */
const PIXELS_PER_CHAR = 7,
  PIXELS_PADDING = 10;

export function drawRows(sheet: Sheet, block: RowBlock): void {
  const rows = block.values.length;
  if (rows === 0) return;
  sheet
    .getRange(block.row + 1, 1, rows, block.width)
    .setValues(valuesForSheets(block.values, block.width));
  write(sheet, paint(block.formats, AUTOMATIC_FORMAT), (r, b) => r.setNumberFormats(b));
  write(sheet, paint(block.fills, null), (r, b) => r.setBackgrounds(b));
  write(sheet, paint(block.fontColors, null), (r, b) => r.setFontColors(b));
  write(
    sheet,
    paint(
      block.bold.map((range) => ({ range, value: 'bold' as const })),
      null,
    ),
    (r, b) => r.setFontWeights(b),
  );
}

export function drawFinish(sheet: Sheet, f: SheetFinish): void {
  for (const t of f.titles) at(sheet, t).setFontSize(TITLE_FONT_SIZE);
  for (const w of f.wrap) at(sheet, w).setWrap(true);
  setColumnWidths(sheet, f.columnWidths);
  if (f.freezeRows > 0 && f.rows > f.freezeRows) sheet.setFrozenRows(f.freezeRows);
  // The filter buttons of the Customers table (Excel's table, the xlsx autoFilter): one per sheet.
  if (f.table) at(sheet, f.table.range).createFilter();
  addConditionalRules(sheet, f.conditional);
  for (const chart of f.charts) addChart(sheet, chart);
}

function write<T>(
  sheet: Sheet,
  block: Block<T> | null,
  set: (r: GoogleAppsScript.Spreadsheet.Range, cells: T[][]) => void,
): void {
  if (block)
    set(
      at(sheet, {
        row: block.row,
        col: block.col,
        rows: block.cells.length,
        cols: block.cells[0].length,
      }),
      block.cells,
    );
}

/** One call per run of equal widths (the Why sheet has a dozen money columns of one width). */
function setColumnWidths(sheet: Sheet, chars: number[]): void {
  for (let c = 0; c < chars.length; ) {
    let end = c + 1;
    while (end < chars.length && chars[end] === chars[c]) end++;
    sheet.setColumnWidths(c + 1, end - c, Math.round(chars[c] * PIXELS_PER_CHAR + PIXELS_PADDING));
    c = end;
  }
}
