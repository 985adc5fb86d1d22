/**
 * The host-neutral description of a result sheet: what the Profit Matrix (or Customers, Whale
 * Curve, …) sheet looks like, once. Three thin renderers draw it: Office.js (Excel add-in),
 * SpreadsheetApp (Sheets add-on) and ExcelJS (xlsx file from the CLI).
 *
 * Values are plain: numbers are numbers, and every string is TEXT — renderers must never let a
 * host read one as a formula, number or date (see `textNeedsGuard`). Formatting is described by
 * rectangles, so a renderer makes one call per rectangle, never one per cell.
 */

import { HEADER_FILL, HEADER_FONT, tierFill } from './colours.js';

export type SheetValue = string | number | boolean | null;

/** 0-based rectangle on the sheet. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Excel-style number format codes, understood by Excel, Sheets and LibreOffice alike. */
export const FORMATS = {
  money: '#,##0.00;[Red]-#,##0.00',
  money0: '#,##0;[Red]-#,##0',
  /** A cost, shown as the positive amount spent, in black; a negative one (a credit) with its sign. */
  cost: '#,##0.00;-#,##0.00',
  percent: '0.0%',
  /** A small positive percent keeps its digits (0.0004 → 0.04%), never shown as 0.0% (DOMAIN §10). */
  smallPercent: '[<0.0005]0.0###%;0.0%',
  integer: '#,##0',
  multiple: '0.0"×"',
  text: '@',
} as const;

export interface ChartSpec {
  /** column and line: categories are the x cells as they read (text such as a region or a period). */
  type: 'scatter-line' | 'column' | 'line';
  title: string;
  /** Category / x values: one column rectangle; each series: one column rectangle of y values. */
  x: Rect;
  series: { name: string; y: Rect; marker?: boolean; line?: boolean; color?: string }[];
  xTitle?: string;
  yTitle?: string;
  /** Top-left cell and size in pixels. */
  anchor: { row: number; col: number };
  width: number;
  height: number;
  /** Axis number formats. */
  xFormat?: string;
  yFormat?: string;
}

export interface ConditionalSpec {
  range: Rect;
  /**
   * negative: red text below 0; scale: 3-colour scale red → white → green around 0; text: the fill
   * of `texts` on each cell holding exactly that text (a tier name).
   */
  type: 'negative' | 'scale' | 'text';
  texts?: { text: string; color: string }[];
}

export interface SheetSpec {
  name: string;
  /** Row-major values; rows may be shorter than the widest row. */
  values: SheetValue[][];
  /** Number of columns (the widest row). */
  width: number;
  formats: { range: Rect; format: string }[];
  fills: { range: Rect; color: string }[];
  fontColors: { range: Rect; color: string }[];
  bold: Rect[];
  /** Title rows get a bigger font. */
  titles: Rect[];
  wrap: Rect[];
  /** Width per column in characters. */
  columnWidths: number[];
  freezeRows: number;
  /** Key columns kept in view while scrolling right (Why: customer, name, segment, tier). */
  freezeCols: number;
  /** Cells merged across their rectangle (a note or an action text); their text wraps. */
  merges: Rect[];
  /** Rows given a height in points: a merged text does not grow its row by itself in any host. */
  rowHeights: { row: number; points: number }[];
  /** How the sheet prints; null leaves the host's defaults. */
  print: PrintSpec | null;
  /** A filterable table (Excel table / Sheets filter) over this rectangle, header row first. */
  table: { range: Rect; name: string } | null;
  conditional: ConditionalSpec[];
  charts: ChartSpec[];
}

/**
 * Page setup: the print area (the used range, charts included), landscape or portrait, fitted to
 * `pagesWide` pages across (and one page tall with `onePage`), the frozen header rows and the
 * first `titleCols` columns repeated on every page, and the sheet name as header and "Page 1 of 3"
 * as footer (PAGE_HEADER, PAGE_FOOTER).
 */
export interface PrintSpec {
  area: Rect;
  landscape: boolean;
  onePage: boolean;
  /** Pages across the columns are fitted to: 1 for most sheets, up to 2–3 for wide lists. */
  pagesWide: number;
  /** Key columns (Customer, Name) printed on every page across; 0 for none. */
  titleCols: number;
}

/** Header and footer codes, as Excel and ExcelJS write them: the sheet's name; "Page 1 of 3". */
export const PAGE_HEADER = '&A';
export const PAGE_FOOTER = 'Page &P of &N';

export function emptySheet(name: string): SheetSpec {
  return {
    name,
    values: [],
    width: 0,
    formats: [],
    fills: [],
    fontColors: [],
    bold: [],
    titles: [],
    wrap: [],
    columnWidths: [],
    freezeRows: 0,
    freezeCols: 0,
    merges: [],
    rowHeights: [],
    print: null,
    table: null,
    conditional: [],
    charts: [],
  };
}

/** Appends rows; returns the 0-based index of the first one. */
export function addRows(sheet: SheetSpec, rows: SheetValue[][]): number {
  const at = sheet.values.length;
  for (const r of rows) {
    sheet.values.push(r);
    if (r.length > sheet.width) sheet.width = r.length;
  }
  return at;
}

export const rect = (row: number, col: number, rows = 1, cols = 1): Rect => ({
  row,
  col,
  rows,
  cols,
});

/** Styles one header row: bold, white on the report's dark teal. */
export function styleHeader(sheet: SheetSpec, row: number, cols: number): void {
  const r = rect(row, 0, 1, cols);
  sheet.bold.push(r);
  sheet.fills.push({ range: r, color: HEADER_FILL });
  sheet.fontColors.push({ range: r, color: HEADER_FONT });
}

/** Tier names as column heads (from `col` on): each in its tier's fill, black text. */
export function styleTierHeads(sheet: SheetSpec, row: number, col: number, tiers: string[]): void {
  tiers.forEach((t, i) => {
    sheet.fills.push({ range: rect(row, col + i), color: tierFill(t) });
    sheet.fontColors.push({ range: rect(row, col + i), color: '#000000' });
  });
}

/**
 * True when a host that parses typed input (Excel's `values`, Sheets' `setValues`) would turn this
 * text into something else: a formula (`=`, `+`, `-`, `@`), a number, a date, a boolean, or an
 * apostrophe-escaped text. Renderers write such text with a leading apostrophe, so it stays text.
 * Example: `textNeedsGuard('=HYPERLINK("x")')` → true; `textNeedsGuard('Acme Ltd')` → false.
 */
export function textNeedsGuard(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (c === '=' || c === '+' || c === '-' || c === '@' || c === "'") return true;
  const t = s.trim();
  if (/^[\d.,\s$€£¥%()/:-]+$/.test(t) && /\d/.test(t)) return true; // numbers, dates, times, money
  return /^(true|false)$/i.test(t);
}

/**
 * A cell as a host that parses typed input (Office.js `values`, SpreadsheetApp `setValues`) must
 * receive it: blank as "" (null would leave the old content), risky text behind an apostrophe.
 * Example: `typedInputCell('=1+1')` → "'=1+1"; `typedInputCell(null)` → ''.
 */
export function typedInputCell(v: SheetValue | undefined): string | number | boolean {
  return v === null || v === undefined
    ? ''
    : typeof v === 'string' && textNeedsGuard(v)
      ? `'${v}`
      : v;
}

/**
 * A sheet (or table) name that none of `taken` has, comparing case-insensitively as Excel and Sheets
 * do: `wanted` itself, else "Profit Matrix (2)", "(3)"… Renderers use it so a user's own sheet of a
 * report name is never touched.
 */
export function freeName(wanted: string, taken: Set<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let k = 2; ; k++) {
    const name = `${wanted} (${k})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** Pads every row to the sheet width with nulls (for hosts that need rectangular writes). */
export function rectangular(
  values: SheetValue[][],
  width: number,
  from = 0,
  to = values.length,
): SheetValue[][] {
  const out: SheetValue[][] = new Array(to - from);
  for (let r = from; r < to; r++) {
    const row = values[r];
    if (row.length === width) {
      out[r - from] = row;
      continue;
    }
    const padded = row.slice();
    while (padded.length < width) padded.push(null);
    out[r - from] = padded;
  }
  return out;
}
