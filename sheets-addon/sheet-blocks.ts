/**
 * Cuts a SheetSpec into what the stepwise Sheets run sends to the server: row blocks (values and
 * the format rectangles clipped to those rows), then the sheet's finish (titles, widths, frozen
 * rows, filter, rules, charts). Pure data: the sidebar builds it, the server draws it.
 */
import type {
  ChartSpec,
  ConditionalSpec,
  Rect,
  SheetSpec,
  SheetValue,
} from '../core/report/sheet-spec.js';

/** Rows [row, row + values.length) of one report sheet, with the formats that fall on them. */
export interface RowBlock {
  /** 0-based first row on the sheet. */
  row: number;
  /** Columns of the sheet (rows may be shorter). */
  width: number;
  values: SheetValue[][];
  formats: { range: Rect; value: string }[];
  fills: { range: Rect; value: string }[];
  fontColors: { range: Rect; value: string }[];
  bold: Rect[];
}

/** What is drawn once the sheet's cells are written: a fixed number of calls per sheet. */
export interface SheetFinish {
  rows: number;
  titles: Rect[];
  wrap: Rect[];
  columnWidths: number[];
  freezeRows: number;
  freezeCols: number;
  /** Merged notes, and the heights of their rows (Sheets grows no row for a merged cell). */
  merges: Rect[];
  rowHeights: { row: number; points: number }[];
  table: { range: Rect; name: string } | null;
  conditional: ConditionalSpec[];
  charts: ChartSpec[];
}

/**
 * A write block holds at most this many cells (values, then four format arrays of the same
 * size) and this many bytes of values as JSON, so each server call stays small and quick.
 */
export const BLOCK_CELLS = 60_000;
export const BLOCK_BYTES = 2_000_000;

/**
 * Row ranges [from, to) covering the sheet, each within `maxCells` cells and `maxBytes` bytes of
 * JSON values (a row alone may pass maxBytes). Example: 100,001 rows × 13 columns → 22 blocks.
 */
export function blockRanges(
  spec: SheetSpec,
  maxCells = BLOCK_CELLS,
  maxBytes = BLOCK_BYTES,
): [number, number][] {
  const rows = spec.values.length,
    width = Math.max(1, spec.width);
  const rowsPerBlock = Math.max(1, Math.floor(maxCells / width));
  const out: [number, number][] = [];
  for (let from = 0; from < rows; ) {
    let to = from,
      bytes = 0;
    while (to < rows && to - from < rowsPerBlock) {
      const b = JSON.stringify(spec.values[to]).length + 1;
      if (to > from && bytes + b > maxBytes) break;
      bytes += b;
      to++;
    }
    out.push([from, to]);
    from = to;
  }
  return out;
}

/** Sheets' default column width and row height in pixels, for the room a chart takes. */
const COLUMN_PX = 100,
  ROW_PX = 21;

/**
 * Rows and columns a report sheet is sized to: its cells, and the cells its charts are drawn over
 * (a chart is anchored to a cell, which must exist). Example: the Whale Curve's 5 columns and a
 * 720 px chart anchored in column G → 14 columns.
 */
export function sheetSize(spec: SheetSpec): { rows: number; cols: number } {
  let rows = Math.max(1, spec.values.length),
    cols = Math.max(1, spec.width);
  for (const c of spec.charts) {
    rows = Math.max(rows, c.anchor.row + Math.ceil(c.height / ROW_PX));
    cols = Math.max(cols, c.anchor.col + Math.ceil(c.width / COLUMN_PX));
  }
  return { rows, cols };
}

/** The part of `r` on rows [from, to), or null when it has none. */
function clip(r: Rect, from: number, to: number): Rect | null {
  const top = Math.max(r.row, from),
    bottom = Math.min(r.row + r.rows, to);
  return bottom > top ? { row: top, col: r.col, rows: bottom - top, cols: r.cols } : null;
}

function clipAll<T>(items: { range: Rect; value: T }[], from: number, to: number) {
  const out: { range: Rect; value: T }[] = [];
  for (const { range, value } of items) {
    const c = clip(range, from, to);
    if (c) out.push({ range: c, value });
  }
  return out;
}

/** Rows [from, to) of the sheet as one block. */
export function rowBlock(spec: SheetSpec, from: number, to: number): RowBlock {
  return {
    row: from,
    width: Math.max(1, spec.width),
    values: spec.values.slice(from, to),
    formats: clipAll(
      spec.formats.map((f) => ({ range: f.range, value: f.format })),
      from,
      to,
    ),
    fills: clipAll(
      spec.fills.map((f) => ({ range: f.range, value: f.color })),
      from,
      to,
    ),
    fontColors: clipAll(
      spec.fontColors.map((f) => ({ range: f.range, value: f.color })),
      from,
      to,
    ),
    bold: spec.bold.map((r) => clip(r, from, to)).filter((r): r is Rect => r !== null),
  };
}

export function sheetFinish(spec: SheetSpec): SheetFinish {
  return {
    rows: spec.values.length,
    titles: spec.titles,
    wrap: spec.wrap,
    columnWidths: spec.columnWidths,
    freezeRows: spec.freezeRows,
    freezeCols: spec.freezeCols,
    merges: spec.merges,
    // Sheets grows rows for wrapped text itself; only merged rows need their height
    rowHeights: spec.rowHeights.filter((h) => spec.merges.some((m) => m.row === h.row)),
    table: spec.table,
    conditional: spec.conditional,
    charts: spec.charts,
  };
}
