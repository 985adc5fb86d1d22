/**
 * Draws a report sheet in steps, each its own server call in the stepwise run: `drawRows` writes
 * one row block (values, then number formats, fills, font colours and weights, each one call over
 * the block's bounding box), `drawFinish` the rest (one call per rectangle of the spec: title
 * sizes, wraps, column widths, merged notes and their row heights, the frozen header rows and key
 * columns, the filter, conditional rules, charts). The
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
  PIXELS_PADDING = 10,
  PIXELS_PER_POINT = 4 / 3;

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
  for (const m of f.merges) at(sheet, m).merge();
  for (const h of f.rowHeights)
    sheet.setRowHeight(h.row + 1, Math.round(h.points * PIXELS_PER_POINT));
  if (f.freezeRows > 0 && f.rows > f.freezeRows) sheet.setFrozenRows(f.freezeRows);
  if (f.freezeCols > 0) sheet.setFrozenColumns(f.freezeCols);
  // Print setup (the spec's print area, fit and header/footer) has no Apps Script API: Sheets
  // asks for it in its print dialog.
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

/**
 * One call per column: widths come from the content, so runs of equal widths would make the call
 * count depend on the data; per column it depends only on the sheet's columns.
 */
function setColumnWidths(sheet: Sheet, chars: number[]): void {
  chars.forEach((w, c) => {
    sheet.setColumnWidth(c + 1, Math.round(w * PIXELS_PER_CHAR + PIXELS_PADDING));
  });
}
