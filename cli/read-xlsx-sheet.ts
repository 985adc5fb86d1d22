/**
 * One worksheet's XML → 2-D cell values, read as a stream of SAX events (ExcelJS's parser), so a
 * 1,048,575-row sheet costs its values and nothing more: no row or cell objects are kept.
 *
 * Cells are read by the rules of ExcelJS's whole-workbook load (its cell parser, ported): a
 * formula gives its cached result, typed by `t` (text, boolean, error, else a number); one without
 * a cached value is unread (an empty `<v/>` is a cached empty text: blank); `s` text is a shared
 * string, `inlineStr` its inline text, rich text its plain text, `e` the error's text (`#N/A`), a
 * number in a date format a Date (1900 or 1904 system). Where ExcelJS misread, this does not:
 * `t="d"` holds an ISO date (a Date, not its year), a phonetic run (`<rPh>`) is not text, `str`
 * text is not entity-decoded twice. A cell with neither value nor style is
 * no cell at all. A merged range is read once, in its top-left cell; `<mergeCells>` and
 * `<hyperlinks>` come after the cells, so they are applied when the sheet ends. Unlike ExcelJS, a
 * row or cell without its `r` attribute (optional in the format) is the one after the previous.
 * The width is the widest row that holds a value; rows missing from the XML are blank.
 */

import { columnLetter } from '../core/cell-address.js';
import type { UnreadCell } from '../core/read-rows.js';
import type { CellValue } from '../core/types.js';
import { type CellParts, excelJsParts } from './read-xlsx-parts.js';

export interface SheetValues {
  values: CellValue[][];
  /** Formula cells without a cached value, 0-based; the caller gives the reason. */
  noResult: Omit<UnreadCell, 'reason'>[];
}

type Tag = { name: string; attributes: Record<string, string> };

/** Column number (1-based) of a cell reference's letters, e.g. "AB12" → 28; 0 when none. */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) c = c * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) c = c * 26 + ch - 96;
    else if (ch !== 36) break; // $
  }
  return c;
}

/** "B2:C4" (or "B2") → 1-based bounds; undefined when not a reference. */
function rangeOf(
  ref: string,
): { top: number; left: number; bottom: number; right: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const c1 = columnOf(m[1]),
    r1 = Number(m[2]),
    c2 = m[3] ? columnOf(m[3]) : c1,
    r2 = m[4] ? Number(m[4]) : r1;
  return {
    top: Math.min(r1, r2),
    bottom: Math.max(r1, r2),
    left: Math.min(c1, c2),
    right: Math.max(c1, c2),
  };
}

export async function readSheetValues(
  xml: AsyncIterable<string>,
  cells: CellParts,
  date1904: boolean,
): Promise<SheetValues> {
  const X = excelJsParts();
  const { excelToDate } = X.utils;
  const rows: (CellValue | undefined)[][] = [];
  /** Per row (0-based): its cell count, negative when it holds no value (only styled blanks). */
  const span: number[] = [];
  const noResult: { row: number; column: number }[] = [];
  const merges: string[] = [];
  const links: string[] = [];
  let inData = false;
  // the row being read
  let row: (CellValue | undefined)[] | null = null;
  let rowNo = 0,
    rowCells = 0,
    rowHasValue = false,
    col = 0;
  // the cell being read
  let inCell = false,
    t: string | undefined,
    s = 0,
    formula = '',
    isFormula = false,
    value: string | undefined,
    rich: string[] | undefined,
    run: string | undefined,
    inRun = false,
    inPhonetic = false,
    vSeen = false,
    node: 'f' | 'v' | 't' | 'run' | undefined;

  const endCell = () => {
    let v: CellValue | undefined; // undefined: no cell at all
    let isValue = true;
    if (isFormula) {
      // ExcelJS: a cached result counts when its text is not empty
      const text = rich ? rich.join('') : value;
      if (text) {
        let result: unknown =
          t === 'str'
            ? text
            : t === 'd'
              ? isoDate(text)
              : t === 'b'
                ? Number.parseInt(text, 10) !== 0
                : t === 'e'
                  ? { error: text }
                  : Number.parseFloat(text);
        if (typeof result === 'number' && s && cells.isDate(s))
          result = excelToDate(result, date1904);
        v = plain(result);
      } else {
        v = null;
        if (!vSeen) noResult.push({ row: rowNo - 1, column: col - 1 });
      }
    } else if (value !== undefined || rich) {
      if (rich && t !== 's' && t !== 'str') v = rich.join('');
      else if (t === 's') {
        // an index to no string (no shared-strings part, or past its end) would read as a number
        const i = Number.parseInt(value ?? '', 10);
        const text = cells.hasSharedStrings ? cells.sharedString(i) : undefined;
        if (text === undefined)
          throw new Error(
            `cell ${columnLetter(col - 1)}${rowNo} refers to shared string ${value ?? ''}, which the workbook does not hold`,
          );
        v = plain(text);
      } else if (t === 'str') v = value ?? '';
      else if (t === 'd') v = isoDate(value ?? '');
      else if (t === 'inlineStr') v = value ?? null;
      else if (t === 'b') v = Number.parseInt(value ?? '', 10) !== 0;
      else if (t === 'e') v = value ?? null;
      else {
        const n = Number.parseFloat(value ?? '');
        v = s && cells.isDate(s) ? excelToDate(n, date1904) : n;
      }
    } else if (s) {
      v = null; // a styled blank: a cell, not a value
      isValue = false;
    }
    if (v !== undefined && row) {
      row[col - 1] = v;
      if (col > rowCells) rowCells = col;
      if (isValue) rowHasValue = true;
    }
  };

  const open = (tag: Tag) => {
    const a = tag.attributes;
    switch (tag.name) {
      case 'sheetData':
        inData = true;
        break;
      case 'row':
        if (!inData) break;
        rowNo = a.r ? Number.parseInt(a.r, 10) : rowNo + 1;
        row = [];
        rowCells = 0;
        rowHasValue = false;
        col = 0;
        break;
      case 'c':
        if (!row) break;
        inCell = true;
        col = a.r ? columnOf(a.r) || col + 1 : col + 1;
        t = a.t;
        s = a.s ? Number.parseInt(a.s, 10) || 0 : 0;
        formula = '';
        isFormula = false;
        value = undefined;
        rich = undefined;
        inPhonetic = false;
        vSeen = false;
        node = undefined;
        break;
      case 'f':
        if (!inCell) break;
        node = 'f';
        if (a.t) isFormula = true; // a shared formula's other cells have no text
        break;
      case 'v':
        if (!inCell) break;
        node = 'v';
        vSeen = true; // a bare <v>, as ExcelJS's load checks it
        for (const _ in a) vSeen = false;
        break;
      case 'r':
        if (!inCell) break;
        inRun = true;
        run = undefined;
        break;
      case 't':
        if (inCell && !inPhonetic) node = inRun ? 'run' : 't';
        break;
      case 'rPh':
        if (inCell) inPhonetic = true; // the reading of East Asian text, not its text
        break;
      case 'mergeCell':
        if (a.ref) merges.push(a.ref);
        break;
      case 'hyperlink':
        if (a.ref && a['r:id']) links.push(a.ref);
        break;
    }
  };

  const text = (s: string) => {
    switch (node) {
      case 'f':
        formula += s;
        if (formula) isFormula = true;
        break;
      case 'v':
      case 't':
        if (!rich) value = value === undefined ? s : value + s;
        break;
      case 'run':
        run = run === undefined ? s : run + s;
        break;
    }
  };

  const close = (name: string) => {
    switch (name) {
      case 'sheetData':
        inData = false;
        break;
      case 'row':
        if (!row) break;
        rows[rowNo - 1] = row;
        span[rowNo - 1] = rowHasValue ? rowCells : -rowCells;
        row = null;
        break;
      case 'c':
        if (!inCell) break;
        endCell();
        inCell = false;
        break;
      case 'r':
        if (!inCell || !inRun) break;
        rich ??= [];
        rich.push(run ?? '');
        inRun = false;
        node = undefined;
        break;
      case 'rPh':
        inPhonetic = false;
        break;
      case 'f':
      case 'v':
      case 'is':
      case 't':
        if (node === 'run') node = undefined;
        else if (inCell) node = undefined;
        break;
    }
  };

  for await (const events of X.parseSax(xml)) {
    for (const e of events) {
      if (e.eventType === 'opentag') open(e.value as Tag);
      else if (e.eventType === 'text') {
        if (node) text(e.value as string);
      } else close((e.value as Tag).name);
    }
  }

  // Hyperlinked cells: ExcelJS gives their value's text
  for (const ref of links) {
    const at = rangeOf(ref);
    if (!at || at.top !== at.bottom || at.left !== at.right) continue;
    const r = rows[at.top - 1];
    const v = r?.[at.left - 1];
    if (r && v !== undefined && v !== null) r[at.left - 1] = String(v);
  }
  // Merged ranges: the value once, in the top-left cell; the range's cells count as cells
  let rowCount = rows.length;
  const merged: { top: number; left: number; bottom: number; right: number }[] = [];
  for (const ref of merges) {
    const m = rangeOf(ref);
    if (!m) continue;
    merged.push(m);
    if (m.bottom > rowCount) rowCount = m.bottom;
    for (let r = m.top; r <= m.bottom; r++) {
      const cells = rows[r - 1];
      if (cells)
        for (let c = m.left; c <= Math.min(m.right, cells.length); c++) {
          if (r > m.top || c > m.left) cells[c - 1] = null;
        }
      // the master alone is a blank cell; any other cell of the range holds the master's value
      const holds = r > m.top || m.right > m.left;
      const n = Math.max(Math.abs(span[r - 1] ?? 0), m.right);
      span[r - 1] = holds || (span[r - 1] ?? 0) > 0 ? n : -n;
    }
  }
  let width = 0;
  for (const n of span) if (n > width) width = n;
  // in place: each row padded to the width, its gaps blank
  rows.length = rowCount;
  for (let r = 0; r < rowCount; r++) {
    const cells = rows[r] ?? [];
    if (cells.length > width) cells.length = width;
    for (let c = 0; c < width; c++) if (cells[c] === undefined) cells[c] = null;
    rows[r] = cells;
  }
  const values = rows as CellValue[][];
  const inMerge = (r: number, c: number) =>
    merged.some(
      (m) =>
        r + 1 >= m.top &&
        r + 1 <= m.bottom &&
        c + 1 >= m.left &&
        c + 1 <= m.right &&
        (r + 1 > m.top || c + 1 > m.left),
    );
  const linked = new Set(links);
  return {
    values,
    noResult: noResult
      .filter((f) => !inMerge(f.row, f.column) && !linked.has(address(f.row, f.column)))
      .sort((a, b) => a.row - b.row || a.column - b.column),
  };
}

/**
 * A `t="d"` cell's ISO 8601 text (`2024-03-15`, `2024-03-15T10:30:00`; a zone is ignored, the
 * wall clock kept) → a Date at that UTC time, as a date-styled serial reads; text that is no
 * such date stays text, so it is listed rather than read as a number (ExcelJS read `2024`).
 */
function isoDate(text: string): Date | string {
  const m =
    /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?\s*$/.exec(
      text,
    );
  if (!m) return text;
  const ms = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Math.round(Number(m[7] ?? 0) * 1000),
  );
  const d = new Date(ms);
  return Number.isNaN(ms) || d.getUTCDate() !== Number(m[3]) ? text : d;
}

function address(row: number, column: number): string {
  let letters = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/** An ExcelJS cell value → the core's: rich text as plain text, an error as its text. */
function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('error' in v) return String(v.error);
    if ('richText' in v) return (v.richText as { text?: string }[]).map((t) => t.text).join('');
  }
  return String(v);
}
