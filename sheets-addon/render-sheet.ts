/**
 * Draws one SheetSpec on a new or freshly cleared sheet. Every property is written with one call
 * per sheet (values, number formats, fills, font colours, weights, the filter) or one call per
 * rectangle of the spec (title sizes, wraps, rules, charts), and the spec's rectangles do not
 * multiply with the row count — so the number of SpreadsheetApp calls is the same for 1,000 and
 * 100,000 customers. Values go first: a text ("@") format set before them would keep the guarding
 * apostrophes as characters.
 */
import type { SheetSpec } from '../core/report/sheet-spec.js';
import { rangeAt as at } from './range-at.js';
import { addChart } from './render-chart.js';
import { addConditionalRules } from './render-rules.js';
import { AUTOMATIC_FORMAT, type Block, paint, valuesForSheets } from './sheet-cells.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const TITLE_FONT_SIZE = 14;
/** Column widths in the spec are in characters; Sheets wants pixels. */
const PIXELS_PER_CHAR = 7,
  PIXELS_PADDING = 10;

export function drawSheet(sheet: Sheet, spec: SheetSpec): void {
  const rows = spec.values.length,
    cols = Math.max(1, spec.width);
  fitSize(sheet, rows, cols);
  if (rows > 0) sheet.getRange(1, 1, rows, cols).setValues(valuesForSheets(spec.values, cols));

  write(
    sheet,
    paint(
      spec.formats.map((f) => ({ range: f.range, value: f.format })),
      AUTOMATIC_FORMAT,
    ),
    (r, b) => r.setNumberFormats(b),
  );
  write(
    sheet,
    paint(
      spec.fills.map((f) => ({ range: f.range, value: f.color })),
      null,
    ),
    (r, b) => r.setBackgrounds(b),
  );
  write(
    sheet,
    paint(
      spec.fontColors.map((f) => ({ range: f.range, value: f.color })),
      null,
    ),
    (r, b) => r.setFontColors(b),
  );
  write(
    sheet,
    paint(
      spec.bold.map((range) => ({ range, value: 'bold' as const })),
      null,
    ),
    (r, b) => r.setFontWeights(b),
  );
  for (const t of spec.titles) at(sheet, t).setFontSize(TITLE_FONT_SIZE);
  for (const w of spec.wrap) at(sheet, w).setWrap(true);

  setColumnWidths(sheet, spec.columnWidths);
  if (spec.freezeRows > 0 && rows > spec.freezeRows) sheet.setFrozenRows(spec.freezeRows);
  // The filter buttons of the Customers table (Excel's table, the xlsx autoFilter): one per sheet.
  if (spec.table) at(sheet, spec.table.range).createFilter();
  addConditionalRules(sheet, spec.conditional);
  for (const chart of spec.charts) addChart(sheet, chart);
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

/**
 * A new sheet has 1,000 rows and 26 columns; grow it in one call per dimension when the report is
 * bigger. A reused sheet is never shrunk: deleting rows would break formulas pointing into them.
 */
function fitSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows(),
    maxCols = sheet.getMaxColumns();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
}
