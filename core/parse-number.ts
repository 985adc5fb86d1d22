/**
 * Reads a number out of a spreadsheet cell the way a finance user typed or exported it
 * (DOMAIN.md §1): `1234.5`, `$1,234.50`, ` $261.96 `, accounting zero ` $-  `, `(1,200)`,
 * `1,200-`, any digit grouping (`22,97,200.86`), `-5%`, `1 234,50` with a decimal comma.
 * Returns NaN when the cell holds no number; `explainNotANumber` then says why (slow path only).
 */
import type { CellValue } from './types.js';

export type DecimalMark = '.' | ',';

const ERROR_VALUES =
  /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|ERROR!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;
const CURRENCY_PREFIX =
  /^(?:[$€£¥₹₩₽¢]|USD|EUR|GBP|CAD|AUD|NZD|INR|CHF|JPY|SEK|NOK|DKK|ZAR|R\$|US\$|A\$|C\$)/i;
const CURRENCY_SUFFIX = /(?:[$€£¥₹₩₽¢]|USD|EUR|GBP|CAD|AUD|NZD|INR|CHF|JPY|SEK|NOK|DKK|ZAR|kr)$/i;
const SPACE = /^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g;
const DASH = /^[-\u2212\u2013]/;

/** True for null, undefined, and text that is empty or only spaces. */
export function isBlank(v: CellValue): boolean {
  if (typeof v !== 'string') return v === null || v === undefined;
  return (
    v.length === 0 || (v.charCodeAt(0) <= 0x20 || v.charCodeAt(0) >= 0xa0 ? v.trim() === '' : false)
  );
}

/**
 * The fast path for the commonest text: plain `123`, `-45.67` (decimal point). NaN for anything
 * else, which then goes through the full reader. A CSV of a million rows is mostly such cells.
 */
function plainDecimal(s: string): number {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0,
    digits = 0,
    dot = false;
  if (i >= n) return NaN;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return NaN;
  }
  return digits > 0 ? Number(s) : NaN;
}

/** True for spreadsheet error values such as `#N/A` or `#DIV/0!`. */
export function isErrorValue(v: CellValue): boolean {
  return typeof v === 'string' && ERROR_VALUES.test(v.trim());
}

/**
 * The number in a cell, or NaN. Blank cells are NaN too: test `isBlank` first where blank means 0.
 * Example: `parseNumber(' $(1,234.50) ')` → -1234.5; `parseNumber('1 234,5', ',')` → 1234.5.
 */
export function parseNumber(v: CellValue, decimal: DecimalMark = '.'): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v !== 'string') return NaN;
  if (decimal === '.') {
    const n = plainDecimal(v);
    if (!Number.isNaN(n)) return n;
  }
  return parseNumberText(v, decimal);
}

/** True when the text ends in a percent sign (so `5%` is a share, not money). */
export function isPercentText(v: CellValue): boolean {
  return (
    typeof v === 'string' && v.includes('%') && /%[\s\u00a0\u202f]*\)?[\s\u00a0\u202f]*$/.test(v)
  );
}

function parseNumberText(text: string, decimal: DecimalMark): number {
  let s = text.replace(SPACE, '');
  if (s === '') return NaN;
  let negatives = 0,
    percent = false,
    dashOnly = false;
  // Peel parentheses, currency, signs and spaces from the left, then from the right, in any order.
  for (let again = true; again && s !== ''; ) {
    again = false;
    if (s[0] === '(' && s[s.length - 1] === ')') {
      negatives++;
      s = s.slice(1, -1).replace(SPACE, '');
      again = true;
      continue;
    }
    const c = CURRENCY_PREFIX.exec(s);
    if (c) {
      s = s.slice(c[0].length).replace(SPACE, '');
      again = true;
      continue;
    }
    if (DASH.test(s)) {
      s = s.slice(1).replace(SPACE, '');
      negatives++;
      dashOnly = s === '';
      again = true;
      continue;
    }
    if (s[0] === '+') {
      s = s.slice(1).replace(SPACE, '');
      again = true;
    }
  }
  for (let again = true; again && s !== ''; ) {
    again = false;
    if (s.endsWith('%')) {
      s = s.slice(0, -1).replace(SPACE, '');
      if (percent) return NaN;
      percent = again = true;
      continue;
    }
    const c = CURRENCY_SUFFIX.exec(s);
    if (c) {
      s = s.slice(0, -c[0].length).replace(SPACE, '');
      again = true;
      continue;
    }
    if (/[-\u2212\u2013]$/.test(s)) {
      s = s.slice(0, -1).replace(SPACE, '');
      negatives++;
      again = true;
    }
  }
  if (s === '') return dashOnly && negatives === 1 && !percent ? 0 : NaN; // accounting zero ` $-  ` or `-`
  if (negatives > 1) return NaN;
  const plain = normalizeDigits(s, decimal);
  if (plain === null) return NaN;
  let n = Number(plain);
  if (!Number.isFinite(n)) return NaN;
  if (percent) n /= 100;
  return negatives ? -n : n;
}

/**
 * `1,234.50` → `1234.50` (decimal '.'), `1.234,50` → `1234.50` (decimal ','), or null when the
 * grouping is not a real grouping (`1,5` with decimal '.', which is probably a decimal comma).
 */
function normalizeDigits(s: string, decimal: DecimalMark): string | null {
  if (/^\d+(\.\d+)?[eE][-+]?\d+$/.test(s) && decimal === '.') return s; // 1.5E+3 from CSV exports
  const at = s.lastIndexOf(decimal);
  let int = at < 0 ? s : s.slice(0, at);
  const frac = at < 0 ? '' : s.slice(at + 1);
  if (at >= 0 && !/^\d+$/.test(frac)) return null;
  if (int === '') return at >= 0 ? `0.${frac}` : null;
  if (!/^\d+$/.test(int)) {
    const sep = decimal === '.' ? /[,'\s\u00a0\u202f]/ : /[.'\s\u00a0\u202f]/;
    const m = sep.exec(int);
    if (!m) return null;
    const groups = int.split(m[0]);
    if (!/^\d{1,3}$/.test(groups[0]) || groups[groups.length - 1].length !== 3) return null;
    for (let i = 1; i < groups.length; i++) if (!/^\d{2,3}$/.test(groups[i])) return null;
    int = groups.join('');
  }
  return frac ? `${int}.${frac}` : int;
}

/**
 * Why a non-blank cell is not a number, in words for the Data Issues list.
 * Example: `explainNotANumber('#N/A')` → 'error value #N/A'.
 */
export function explainNotANumber(v: CellValue, decimal: DecimalMark = '.'): string {
  if (typeof v === 'number') return `${v} is not a finite number`;
  if (typeof v === 'boolean') return `${v ? 'TRUE' : 'FALSE'} is not a number`;
  if (v instanceof Date) return 'a date where a number is expected';
  const text = String(v).trim();
  if (ERROR_VALUES.test(text)) return `error value ${text.toUpperCase()}`;
  if (decimal === '.' && /^[-($]*\d{1,3}(\.\d{3})*,\d+\)?$/.test(text))
    return `"${text}" is not a number with a decimal point (set the decimal comma locale if it uses one)`;
  if (decimal === ',' && /^[-($]*\d{1,3}(,\d{3})*\.\d+\)?$/.test(text))
    return `"${text}" is not a number with a decimal comma (set the decimal point locale if it uses one)`;
  return `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}" is not a number`;
}
