/**
 * How a report sheet fits its content, on screen and on paper, decided once for every host:
 * - Column widths from the content (in characters), so no header is cut off and no text runs into
 *   the next column: a column is as wide as its longest entry up to MAX_WIDTH, and a longer text
 *   wraps within it; a header wider than its column wraps at its spaces.
 * - A note (a row holding one text in its first cell: a title, a reading, a warning, a legend line)
 *   is merged across the sheet's columns and wraps there; merged cells get their row height here,
 *   because no host grows a row for a merged cell's text.
 * - Print setup: the print area is the used range (charts included), landscape when the columns
 *   are wider than a portrait page, one page wide (and, with `onePage`, one page tall).
 */
import { HEADER_FILL } from './colours.js';
import { type Rect, rect, type SheetSpec, type SheetValue } from './sheet-spec.js';

/** Widest column, in characters; longer texts wrap. */
export const MAX_WIDTH = 60;
/** A header up to this long stays on one line (the column widens for it); a longer one wraps. */
export const HEADER_WIDTH = 16;
const MIN_WIDTH = 6;
/**
 * Width units a text of n characters takes: a width unit is a digit's width (Calibri 11), and
 * letters and spaces average about 7/8 of it; a bold header takes its full length.
 */
const TEXT_UNITS = 0.875;
/** Points per line of text: Calibri 11 (a title's 14 points take 19). */
const LINE_POINTS = 15,
  TITLE_LINE_POINTS = 19;
/** Excel's tallest row. */
const MAX_ROW_POINTS = 409;
/** Characters across a portrait A4/Letter page at 100 % (the rest print landscape). */
const PORTRAIT_CHARS = 95;
/** Characters across a landscape A4/Letter page at 100 %. */
export const LANDSCAPE_CHARS = 135;
/** Pixels per character of width and per row, as hosts draw them (for a chart's extent). */
const PX_PER_CHAR = 7,
  PX_PADDING = 5,
  DEFAULT_COLUMN_PX = 64,
  ROW_PX = 20;

/**
 * Lays out sheet `s` in place (widths, wraps, merged notes, row heights, print setup) and returns
 * it. `onePage` fits the whole sheet on one printed page (the Profit Matrix and its legend). A
 * sheet wider than a landscape page may print up to `maxPagesWide` pages across (a list squeezed
 * to one page of 40 % is unreadable), with its first `titleCols` key columns on every page.
 * Example: a column holding "Customer" over keys up to 5 characters → width 9; a Cause column of
 * 120-character texts → width 50, wrapped.
 */
export function layOut(
  s: SheetSpec,
  {
    onePage = false,
    maxPagesWide = 1,
    titleCols = 0,
  }: { onePage?: boolean; maxPagesWide?: number; titleCols?: number } = {},
): SheetSpec {
  const rows = s.values.length,
    cols = Math.max(1, s.width);
  const headers = headerRows(s);
  const merged = new Set<number>(); // row * cols + col of every merged cell
  for (const m of s.merges)
    for (let r = m.row; r < m.row + m.rows; r++)
      for (let c = m.col; c < m.col + m.cols; c++) merged.add(r * cols + c);
  const notes: number[] = [];
  for (let r = 0; r < rows; r++) if (!headers.has(r) && isNote(s.values[r])) notes.push(r);
  const noted = new Set(notes);

  const data = new Array<number>(cols).fill(0),
    head = new Array<number>(cols).fill(0);
  for (let r = 0; r < rows; r++) {
    if (noted.has(r)) continue;
    const row = s.values[r],
      isHead = headers.has(r);
    for (let c = 0; c < row.length; c++) {
      if (row[c] === null || merged.has(r * cols + c)) continue;
      if (isHead) head[c] = Math.max(head[c], headerWidth(String(row[c])));
      else data[c] = Math.max(data[c], displayWidth(row[c]));
    }
  }
  const widths = data.map((d, c) => Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, d + 2), head[c]));
  s.columnWidths = widths;
  // notes across the sheet's columns
  for (const r of notes) {
    const text = String(s.values[r][0]);
    if (cols > 1 && displayWidth(text) + 1 > widths[0]) s.merges.push(rect(r, 0, 1, cols));
  }

  // Lines per row: a long text wraps in its column, a long header in its row, a note in its
  // merge. Hosts grow a row for wrapped text only sometimes (never for a merged cell, not at all
  // in LibreOffice's xlsx import), so every row of more than one line gets its height here.
  const lines = new Map<number, number>();
  const need = (r: number, n: number) => {
    if (n > (lines.get(r) ?? 1)) lines.set(r, n);
  };
  const wrapped = widths.map((w, c) => data[c] + 2 > w);
  wrapped.forEach((w, c) => {
    if (w) s.wrap.push(rect(0, c, rows, 1));
  });
  for (let r = 0; r < rows; r++) {
    if (noted.has(r)) continue;
    const row = s.values[r],
      isHead = headers.has(r);
    let wraps = false;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || merged.has(r * cols + c)) continue;
      if (isHead || wrapped[c]) {
        const n = wrappedLines(v, isHead ? widths[c] - 2 : (widths[c] - 1) / TEXT_UNITS);
        need(r, n);
        if (isHead && n > 1) wraps = true;
      }
    }
    if (wraps) s.wrap.push(rect(r, 0, 1, cols));
  }
  const titles = new Set(s.titles.map((t) => t.row));
  for (const m of s.merges) {
    const v = s.values[m.row]?.[m.col];
    if (v === null || v === undefined) continue;
    s.wrap.push(m);
    const across = widths.slice(m.col, m.col + m.cols).reduce((a, w) => a + w, 0);
    need(m.row, wrappedLines(String(v), (across - 1) / TEXT_UNITS));
  }
  for (const [row, n] of lines)
    s.rowHeights.push({
      row,
      points: Math.min(MAX_ROW_POINTS, n * (titles.has(row) ? TITLE_LINE_POINTS : LINE_POINTS)),
    });
  s.rowHeights.sort((x, y) => x.row - y.row);

  const area = usedArea(s);
  let across = 0; // a chart's columns count at the hosts' default width
  for (let c = 0; c < area.cols; c++) across += widths[c] ?? DEFAULT_COLUMN_PX / PX_PER_CHAR;
  const keys = widths.slice(0, titleCols).reduce((x, w) => x + w, 0);
  const pagesWide = onePage ? 1 : pagesAcross(across, keys, maxPagesWide);
  s.print = {
    area,
    landscape: across > PORTRAIT_CHARS,
    onePage,
    pagesWide,
    titleCols: pagesWide > 1 ? titleCols : 0,
  };
  return s;
}

/**
 * Landscape pages needed across `across` characters at 100 %, the first page holding them all
 * and each further page the rest after the repeated key columns (`keys` characters), at most
 * `max`. Example: 300 characters with 30 of keys, at most 3 → 1 + ⌈(300 − 135) / 105⌉ = 3.
 */
export function pagesAcross(across: number, keys: number, max: number): number {
  if (max <= 1 || across <= LANDSCAPE_CHARS) return 1;
  const more = Math.ceil((across - LANDSCAPE_CHARS) / Math.max(1, LANDSCAPE_CHARS - keys));
  return Math.min(max, 1 + more);
}

/** Rows styled as table headers (styleHeader's fill). */
function headerRows(s: SheetSpec): Set<number> {
  const out = new Set<number>();
  for (const f of s.fills)
    if (f.color === HEADER_FILL)
      for (let r = f.range.row; r < f.range.row + f.range.rows; r++) out.add(r);
  return out;
}

/** A row holding one text, in its first cell: a title, a reading, a legend line. */
function isNote(row: SheetValue[]): boolean {
  if (typeof row[0] !== 'string') return false;
  for (let c = 1; c < row.length; c++) if (row[c] !== null) return false;
  return true;
}

/**
 * The width a bold header needs: all of it up to HEADER_WIDTH, else its longest word (it wraps).
 * Example: "Net profit" → 12; "Break-even price change" → 16.
 */
export function headerWidth(text: string): number {
  if (text.length <= HEADER_WIDTH - 2) return text.length + 2;
  const longest = Math.max(...text.split(/\s+/).map((w) => w.length));
  return Math.min(MAX_WIDTH, Math.max(HEADER_WIDTH, longest + 2));
}

/**
 * Width a value takes as the report shows it, in digit widths: a text 7/8 of its length; a number
 * its digits with thousands separators, two decimals and a sign (a share, at most "-100.0%").
 * Example: -18725 → 10 ("-18,725.00"); 0.25 → 7; "Maintain" → 7.
 */
export function displayWidth(v: SheetValue): number {
  if (v === null) return 0;
  if (typeof v === 'string') return Math.ceil(v.length * TEXT_UNITS);
  if (typeof v === 'boolean') return 5;
  if (!Number.isFinite(v) || Math.abs(v) < 1) return 7;
  const digits = Math.floor(Math.log10(Math.abs(v))) + 1;
  return digits + Math.floor((digits - 1) / 3) + 3 + (v < 0 ? 1 : 0);
}

/**
 * Lines a text takes when wrapped at spaces to `width` characters (a word longer than the width
 * breaks). Example: ("one two three", 8) → 2. Words are runs of characters other than `\s`,
 * scanned in place: the Why sheet asks this for every customer's texts.
 */
export function wrappedLines(text: string, width: number): number {
  const w = Math.max(1, Math.floor(width));
  let lines = 1,
    used = 0;
  for (let i = 0; i < text.length; ) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    const word = i - start;
    if (word === 0) continue;
    const need = used === 0 ? word : used + 1 + word;
    if (need <= w) used = need;
    else {
      if (used > 0) lines++; // the word starts a new line
      lines += Math.ceil(word / w) - 1; // and a word wider than the line breaks
      used = word % w || w;
    }
  }
  return lines;
}

/** Exactly the characters of a regular expression's `\s`. */
function isSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff;
}

/** The used range, with the cells the charts are drawn over. */
export function usedArea(s: SheetSpec): Rect {
  let rows = Math.max(1, s.values.length),
    cols = Math.max(1, s.width);
  const px = (c: number) =>
    c < s.columnWidths.length ? s.columnWidths[c] * PX_PER_CHAR + PX_PADDING : DEFAULT_COLUMN_PX;
  for (const ch of s.charts) {
    rows = Math.max(rows, ch.anchor.row + Math.ceil(ch.height / ROW_PX));
    let c = ch.anchor.col,
      left = ch.width;
    while (left > 0) left -= px(c++);
    cols = Math.max(cols, c);
  }
  return rect(0, 0, rows, cols);
}
