/**
 * Mixed decimal styles in a column (DOMAIN.md §1, cells): an export that writes `1.234,56` in one
 * cell and `12.000` in another uses the decimal comma, and `12.000` is twelve thousand. Read with
 * the decimal point, the first is refused and the second would become 12, silently. So a column
 * whose text cells show the other locale's style is named in a warning, and its cells that read
 * differently in the two styles (`12.000`, `1,234`) are refused instead of guessed.
 */
import { plural } from './format.js';
import type { DecimalMark } from './parse-number.js';
import type { CellValue } from './types.js';

/** `point`: only a decimal point reads it (`12.5`, `1,234.56`); `comma`: only a decimal comma; `either`: both, differently (`12.000`); `none`: no mark. */
export type DecimalStyle = 'point' | 'comma' | 'either' | 'none';

/**
 * The decimal style a number text shows. The later of a dot and a comma is the decimal mark; a
 * mark used twice is a grouping (`1.234.567` → comma); one mark before exactly three digits could
 * be either (`12.000`, `1,234`). Example: `decimalStyle('1.234,56')` → 'comma';
 * `decimalStyle('12.000')` → 'either'; `decimalStyle('12.5')` → 'point'.
 */
export function decimalStyle(text: string): DecimalStyle {
  return STYLES[styleCode(text)];
}

const STYLES: readonly DecimalStyle[] = ['none', 'point', 'comma', 'either'];
const POINT = 1,
  COMMA = 2,
  EITHER = 3;

/** decimalStyle as a small number, in one pass over the characters (a million cells a column). */
function styleCode(text: string): number {
  let dots = 0,
    commas = 0,
    lastDot = -1,
    lastComma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      dots++;
      lastDot = i;
    } else if (c === 44) {
      commas++;
      lastComma = i;
    }
  }
  if (dots === 0 && commas === 0) return 0;
  if (dots > 0 && commas > 0) return lastComma > lastDot ? COMMA : POINT;
  if (dots > 1) return COMMA; // 1.234.567: a grouping dot
  if (commas > 1) return POINT;
  const at = dots ? lastDot : lastComma;
  let digits = 0;
  while (isDigit(text.charCodeAt(at + 1 + digits))) digits++;
  if (digits === 3 && isDigit(text.charCodeAt(at - 1))) return EITHER;
  return dots ? POINT : COMMA;
}

export interface DecimalMixing {
  /** Per column index: refuse its `either` cells (the column elsewhere uses the other style). */
  refuse: boolean[];
  /** A cell of the other style per refused column, to quote in the reason. */
  sample: string[];
  /** One per column that shows the other style: names the column and the locale setting. */
  warnings: string[];
}

/**
 * Scans the text cells of `columns` (rows `from`… of `values`, but not the rows in `skip`) for
 * the style that the `decimal` locale does not read. Numbers (what Excel and Sheets hand over)
 * show no style.
 * Example: a Revenue column of `1.234,56` and `12.000` under '.' → refuse[c] true, one warning.
 */
export function decimalMixing(
  values: CellValue[][],
  from: number,
  columns: readonly number[],
  headers: readonly string[],
  decimal: DecimalMark,
  skip?: ReadonlyMap<number, unknown>,
): DecimalMixing {
  const own: DecimalStyle = decimal === '.' ? 'point' : 'comma',
    other: DecimalStyle = decimal === '.' ? 'comma' : 'point';
  const ownCode = decimal === '.' ? POINT : COMMA,
    otherCode = decimal === '.' ? COMMA : POINT;
  const out: DecimalMixing = { refuse: [], sample: [], warnings: [] };
  const cols = [...new Set(columns)];
  // counts per column: [other, own, either]; row by row, the way the rows sit in memory
  const counts = new Int32Array(3 * cols.length);
  const otherSamples = new Array<string>(cols.length).fill(''),
    ownSamples = new Array<string>(cols.length).fill('');
  for (let r = from; r < values.length; r++) {
    const row = values[r];
    if (!row || skip?.has(r)) continue;
    for (let k = 0; k < cols.length; k++) {
      const v = row[cols[k]];
      if (typeof v !== 'string') continue;
      const code = styleCode(v);
      if (code === otherCode) {
        if (counts[3 * k]++ === 0) otherSamples[k] = v.trim();
      } else if (code === ownCode || code === EITHER) {
        counts[3 * k + (code === EITHER ? 2 : 1)]++;
        if (ownSamples[k] === '') ownSamples[k] = v.trim();
      }
    }
  }
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k],
      others = counts[3 * k],
      owns = counts[3 * k + 1],
      either = counts[3 * k + 2],
      otherSample = otherSamples[k],
      ownSample = ownSamples[k];
    if (others === 0) continue;
    out.refuse[c] = either > 0;
    out.sample[c] = otherSample;
    const name = headers[c] || `column ${c + 1}`;
    const marks = (s: DecimalStyle) => (s === 'comma' ? 'a decimal comma' : 'a decimal point');
    const fix = `set the locale setting to the file's mark ({"locale": {"decimal": "${decimal === '.' ? ',' : '.'}"}} if it writes ${marks(other)})`;
    out.warnings.push(
      owns + either > 0
        ? `column "${name}" mixes decimal styles: ${count(others)} like "${otherSample}" with ${marks(other)}, ${count(owns + either)} like "${ownSample}" read with ${marks(own)} (locale.decimal "${decimal}"); the cells of the other style${either ? ` and those that read differently in the two (${count(either)})` : ''} are not used: ${fix}`
        : `column "${name}" is written with ${marks(other)} ("${otherSample}") but read with ${marks(own)} (locale.decimal "${decimal}"), so ${count(others)} ${others === 1 ? 'is' : 'are'} not used: ${fix}`,
    );
  }
  return out;
}

/**
 * What a user is told when the file's format sets the decimal mark (DOMAIN.md §1): a
 * semicolon-separated CSV is read with a decimal comma, and then dates day-month-year, unless the
 * settings fix `locale.decimal` (`tableLocale`). Null when the file implies no comma or the settings
 * decide. Example: `fileDecimalNote(',', {})` → "semicolon-separated: numbers read with a decimal
 * comma (1.234,56) and dates day-month-year; …".
 */
export function fileDecimalNote(
  decimal: DecimalMark | undefined,
  settingsInput: unknown,
): string | null {
  const locale = (settingsInput as { locale?: { decimal?: unknown; dateOrder?: unknown } } | null)
    ?.locale;
  if (decimal !== ',' || locale?.decimal !== undefined) return null;
  const dates = locale?.dateOrder === undefined ? ' and dates day-month-year' : '';
  return `semicolon-separated: numbers read with a decimal comma (1.234,56)${dates}, as Excel writes such files; if it writes a decimal point, set {"locale": {"decimal": "."}}`;
}

/** Why an `either` cell is refused: it means two numbers, and the column points both ways. */
export function ambiguousReason(cell: string, sample: string, decimal: DecimalMark): string {
  const other = decimal === '.' ? 'decimal comma' : 'decimal point';
  return `"${cell.trim()}" reads as two different numbers (a thousands mark or a decimal ${decimal === '.' ? 'point' : 'comma'}?) and this column also holds "${sample}" with a ${other}: set the locale setting's decimal mark`;
}

const count = (n: number) => plural(n, 'cell');
const isDigit = (c: number) => c >= 48 && c <= 57;
