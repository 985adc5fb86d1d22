/**
 * Mixed decimal styles in a column (DOMAIN.md §1, cells): an export that writes `1.234,56` in one
 * cell and `12.000` in another uses the decimal comma, and `12.000` is twelve thousand. Read with
 * the decimal point, the first is refused and the second would become 12, silently. So a column
 * whose text cells show the other locale's style is named in a warning, and its cells that read
 * differently in the two styles (`12.000`, `1,234`) are refused instead of guessed.
 */
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
  const dot = text.lastIndexOf('.'),
    comma = text.lastIndexOf(',');
  if (dot < 0 && comma < 0) return 'none';
  if (dot >= 0 && comma >= 0) return comma > dot ? 'comma' : 'point';
  const at = dot >= 0 ? dot : comma;
  if (text.indexOf(text[at]) !== at) return dot >= 0 ? 'comma' : 'point'; // a grouping mark
  let digits = 0;
  while (isDigit(text.charCodeAt(at + 1 + digits))) digits++;
  if (digits === 3 && isDigit(text.charCodeAt(at - 1))) return 'either';
  return dot >= 0 ? 'point' : 'comma';
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
  const out: DecimalMixing = { refuse: [], sample: [], warnings: [] };
  for (const c of new Set(columns)) {
    let others = 0,
      owns = 0,
      either = 0,
      otherSample = '',
      ownSample = '';
    for (let r = from; r < values.length; r++) {
      if (skip?.has(r)) continue;
      const v = values[r]?.[c];
      if (typeof v !== 'string') continue;
      const style = decimalStyle(v);
      if (style === other) {
        if (others++ === 0) otherSample = v.trim();
      } else if (style === own || style === 'either') {
        if (style === own) owns++;
        else either++;
        if (ownSample === '') ownSample = v.trim();
      }
    }
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

/** Why an `either` cell is refused: it means two numbers, and the column points both ways. */
export function ambiguousReason(cell: string, sample: string, decimal: DecimalMark): string {
  const other = decimal === '.' ? 'decimal comma' : 'decimal point';
  return `"${cell.trim()}" reads as two different numbers (a thousands mark or a decimal ${decimal === '.' ? 'point' : 'comma'}?) and this column also holds "${sample}" with a ${other}: set the locale setting's decimal mark`;
}

const count = (n: number) => `${n.toLocaleString('en-US')} cell${n === 1 ? '' : 's'}`;
const isDigit = (c: number) => c >= 48 && c <= 57;
