/**
 * What both fakes share: A1 addresses, and how a host reads a string written as if typed into a
 * cell (Office.js `Range.values`, SpreadsheetApp `setValues`): "=…" is a formula, a leading
 * apostrophe keeps text, and text that looks like a number, percentage, money, boolean or date
 * becomes one. en-US conventions only.
 */

/** A 0-based rectangle of cells. */
export interface Rect {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

/** 1 → "A", 27 → "AA". */
export function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "AA" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** {r0: 0, c0: 1, rows: 2, cols: 2} → "B1:C2"; one cell → "B1". */
export function rectAddress(r: Rect): string {
  const start = `${columnLetters(r.c0 + 1)}${r.r0 + 1}`;
  if (r.rows === 1 && r.cols === 1) return start;
  return `${start}:${columnLetters(r.c0 + r.cols)}${r.r0 + r.rows}`;
}

/** A sheet name as a reference writes it: Data, 'Sales data', 'O''Brien'. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * "B3", "B3:M43", "'Sales data'!B3:M43" (and $ signs, whole columns "A:C", whole rows "2:5") →
 * the sheet (when named) and the 0-based rectangle; null when it is not an address.
 */
export function parseAddress(address: string): { sheet?: string; rect: Rect } | null {
  const m = /^(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?(.+)$/.exec(address.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const parts = m[3].replace(/\$/g, '').toUpperCase().split(':');
  if (parts.length > 2) return null;
  const ends = parts.map((p) => /^([A-Z]{0,3})(\d*)$/.exec(p));
  if (ends.some((e) => !e || (!e[1] && !e[2]))) return null;
  const [a, b = a] = ends as RegExpExecArray[];
  const col = (e: RegExpExecArray, dflt: number) => (e[1] ? columnNumber(e[1]) - 1 : dflt);
  const row = (e: RegExpExecArray, dflt: number) => (e[2] ? Number(e[2]) - 1 : dflt);
  const r0 = row(a, 0),
    c0 = col(a, 0),
    r1 = row(b, a[2] ? r0 : Number.MAX_SAFE_INTEGER),
    c1 = col(b, a[1] ? c0 : Number.MAX_SAFE_INTEGER);
  if (r0 < 0 || r1 < r0 || c1 < c0) return null;
  return {
    ...(sheet !== undefined ? { sheet } : {}),
    rect: { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 },
  };
}

/** The address of each cell of `rect` holding something, as `has(r, c)` says, in row order. */
export function cellsWhere(rect: Rect, has: (r: number, c: number) => boolean): string[] {
  const out: string[] = [];
  for (let r = rect.r0; r < rect.r0 + rect.rows; r++)
    for (let c = rect.c0; c < rect.c0 + rect.cols; c++)
      if (has(r, c)) out.push(rectAddress({ r0: r, c0: c, rows: 1, cols: 1 }));
  return out;
}

/** What a host makes of a string typed into a cell. */
export type Typed =
  | { kind: 'blank' }
  | { kind: 'text'; value: string }
  | { kind: 'formula'; formula: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; y: number; m: number; d: number };

const NUMBER =
  /^([+-])?(\$)?(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A string as typed into a cell. `formulaStarts` are the characters that begin a formula besides
 * "=": Excel also reads "+…" and "-…" that are not numbers as formulas (and, in the desktop UI,
 * "@SUM(A1)"); Sheets reads only "=". Example: typed("-5") → number −5; typed("'=1") → text "=1".
 */
export function typed(s: string, formulaStarts = ''): Typed {
  if (s === '') return { kind: 'blank' };
  const c = s[0];
  if (c === "'") return s.length > 1 ? { kind: 'text', value: s.slice(1) } : { kind: 'blank' };
  if (c === '=') return { kind: 'formula', formula: s };
  // Fast path: only text starting with a digit, sign, ".", "$", blank or t/f can convert.
  if (!/[\d+\-.$\s tTfF]/.test(c) && !formulaStarts.includes(c)) return { kind: 'text', value: s };
  const t = s.trim();
  const n = NUMBER.exec(t);
  if (n) {
    let v = Number(n[3].replace(/,/g, '') + (n[4] ? `e${n[4]}` : ''));
    if (n[5]) v /= 100;
    if (Number.isFinite(v)) return { kind: 'number', value: n[1] === '-' ? -v : v };
  }
  if (formulaStarts.includes(c) && s.length > 1)
    return { kind: 'formula', formula: c === '@' ? `=${s.slice(1)}` : `=${s}` };
  if (/^(true|false)$/i.test(t)) return { kind: 'boolean', value: /^true$/i.test(t) };
  const iso = ISO_DATE.exec(t),
    us = US_DATE.exec(t);
  const [y, m, d] = iso ? [+iso[1], +iso[2], +iso[3]] : us ? [+us[3], +us[1], +us[2]] : [0, 0, 0];
  if (y && m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d)
    return { kind: 'date', y, m, d };
  return { kind: 'text', value: s };
}

/**
 * Replaces every reference to sheet `name` in a formula with #REF!, as both hosts do when the
 * sheet is deleted: "='Profit Matrix'!C7" → "=#REF!". Returns the formula unchanged otherwise.
 */
export function breakReferences(formula: string, name: string): string {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const forms = [`'${esc(name.replace(/'/g, "''"))}'`];
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) forms.push(esc(name));
  const ref = new RegExp(
    `(?<![\\w.'])(?:${forms.join('|')})!\\$?[A-Za-z]{0,3}\\$?\\d*(?::\\$?[A-Za-z]{0,3}\\$?\\d*)?`,
    'gi',
  );
  return formula.replace(ref, '#REF!');
}
