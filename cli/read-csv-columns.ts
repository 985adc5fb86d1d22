/**
 * The columnar CSV reader: UTF-8 bytes → the core's RowTable, without a JavaScript string or array
 * per cell. It tokenises the bytes once, parses plain numbers (`123`, `-45.67`) from the bytes,
 * and makes a string only for each distinct customer key, name and order id. It reads the common
 * case — a header in row 1, every data row usable, numbers written plainly with a decimal point —
 * exactly as `readRows` reads PapaParse's cells; anything else (a rejected row, a quote that spans
 * lines or is stray, money text such as `$1,234.50`, a decimal comma, a discount or period column,
 * spaces around a number…) returns the reason, and the caller reads the whole file the existing way.
 */

import { KeyIndex } from '../core/key-index.js';
import { isErrorValue } from '../core/parse-number.js';
import { findHeader, type ReadOptions, type RowTable } from '../core/read-rows.js';
import type { Settings } from '../core/settings.js';
import { type CellValue, DRIVERS } from '../core/types.js';
import { ByteKeys } from './byte-keys.js';

/** What the reader needs besides the bytes: the first rows as PapaParse reads them, and its delimiter. */
export interface CsvHead {
  /** The first rows (up to 21: the header search looks at 20), as PapaParse parses them. */
  rows: CellValue[][];
  delimiter: string;
}

export const SUMMARY_KEY =
  /^(grand\s*)?(sub\s*-?\s*)?totals?\s*:?$|^total\s+(for|of)\b|^sum\s*:?$/i;
const TOO_LARGE = 1e15;
const QUOTE = 0x22,
  LF = 0x0a,
  CR = 0x0d;
/** Exact powers of ten: an integer below 2^53 divided by one is the correctly rounded decimal. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const utf8 = new TextDecoder('utf-8');

/**
 * Reads `bytes[start…end)` (the body: no BOM, no final line break) into a RowTable, or says why it
 * cannot read this file exactly (the caller then parses it with PapaParse). `settings` are the
 * effective ones (the table's decimal mark applied).
 * Example: `Customer,Revenue,COGS\nA,100,60\nB,50,45` → count 2, revenue [100, 50], gross profit [40, 5].
 */
export function readCsvColumns(
  bytes: Uint8Array,
  start: number,
  end: number,
  head: CsvHead,
  settings: Settings,
  options: ReadOptions = {},
): RowTable | string {
  if (options.periodGrain) return 'periods asked for';
  if (settings.groupBy.length > 0) return 'groupBy set';
  if (settings.locale.decimal !== '.') return 'decimal comma';
  if (head.delimiter.length !== 1) return 'multi-character delimiter';
  const D = head.delimiter.charCodeAt(0);
  const found = findHeader(head.rows, settings, 1);
  if (!found.ok) return 'no header found in the first rows';
  const { index: h, columns, warnings } = found.value;
  if (h !== 0) return 'rows above the header';
  if (columns.cogs === undefined && columns.grossProfit === undefined && !settings.costToServeOnly)
    return 'no gross profit column';
  if (columns.discount !== undefined) return 'discount column';
  const headers = head.rows[0].map((x) => String(x ?? '').trim());

  // Line breaks: all LF, or all CRLF; a lone CR anywhere sends the file the PapaParse way.
  const firstCr = bytes.indexOf(CR, start);
  const crlf = firstCr >= 0 && firstCr < end;

  // Rows: data rows are the lines after the header (no quoted line breaks here, so lines are rows).
  let lines = 1;
  for (let i = bytes.indexOf(LF, start); i >= 0 && i < end; i = bytes.indexOf(LF, i + 1)) lines++;
  const n = lines - 1;
  if (n === 0) return 'no data rows';

  const cKey = columns.customer!,
    cName = columns.name ?? -1,
    cRev = columns.revenue!,
    cCogs = columns.cogs ?? -1,
    cGp = columns.grossProfit ?? -1,
    cOrder = columns.orderId ?? -1,
    cDays = columns.paymentDays ?? -1;
  const volumeCols = DRIVERS.map((d) => columns[d] ?? -1);
  const width = Math.max(cKey, cName, cRev, cCogs, cGp, cOrder, cDays, ...volumeCols) + 1;
  // field c of the current row: bytes [fs[c], fe[c]); fq[c] = 1 when it holds doubled quotes
  const fs = new Int32Array(width),
    fe = new Int32Array(width),
    fq = new Uint8Array(width);

  const sheetRow = new Int32Array(n),
    customer = new Int32Array(n);
  const revenue = new Float64Array(n),
    grossProfit = new Float64Array(n);
  const volumes = volumeCols.map((c) => (c >= 0 ? new Float64Array(n) : null));
  const orderId = cOrder >= 0 ? new Int32Array(n) : null;
  const paymentDays = cDays >= 0 ? new Float64Array(n) : null;
  const keyIndex = new KeyIndex(n),
    orderIndex = new KeyIndex(cOrder >= 0 ? n : 0);
  const keyBytes = new ByteKeys(n),
    orderBytes = new ByteKeys(cOrder >= 0 ? n : 0);
  const names = new Array<string>(n);
  const nameStart = new Int32Array(n),
    nameEnd = new Int32Array(n);
  let repeated = false;

  let p = start;
  for (let r = 0; r <= n; r++) {
    // Tokenise one line (a small function of its own: it is optimised early, not after the loop ran).
    const next = tokenise(bytes, p, end, D, crlf, fs, fe, fq, width);
    if (next < 0) return TOKEN_ERRORS[-next - 1];
    p = next;
    const c = fieldCount;
    if (c < width) return 'a short row';
    // The first rows (the header among them) must read as PapaParse read them.
    if (r < head.rows.length) {
      const papa = head.rows[r];
      if (papa.length !== c) return 'the first rows split differently';
      for (let f = 0; f < width; f++)
        if (papa[f] !== rawText(bytes, fs[f], fe[f], fq[f]))
          return 'the first rows read differently';
    }
    if (r === 0) continue;
    const i = r - 1;

    // Customer key (interned by its bytes: a string only for each distinct spelling).
    let k = keyBytes.find(bytes, fs[cKey], fe[cKey]),
      again = true;
    if (k < 0) {
      const key = cellText(bytes, fs[cKey], fe[cKey], fq[cKey]);
      if (key === '') return 'a row without a customer key';
      const first = key.charCodeAt(0) | 0x20;
      if ((first === 0x74 || first === 0x67 || first === 0x73) && SUMMARY_KEY.test(key))
        return 'a summary row';
      if (first === 0x23 && isErrorValue(key)) return 'an error value as customer key';
      const seen = keyIndex.size;
      k = keyIndex.intern(key);
      keyBytes.add(bytes, fs[cKey], fe[cKey], k);
      if (keyIndex.size > seen) {
        again = false;
        names[k] = cName < 0 ? '' : cellText(bytes, fs[cName], fe[cName], fq[cName]);
        if (cName >= 0) {
          nameStart[k] = fs[cName];
          nameEnd[k] = fe[cName];
        }
      }
    }
    if (again) repeated = true;
    if (again && cName >= 0 && !sameBytes(bytes, nameStart[k], nameEnd[k], fs[cName], fe[cName])) {
      const name = cellText(bytes, fs[cName], fe[cName], fq[cName]);
      if (name !== '' && (names[k] === '' || name < names[k])) {
        names[k] = name;
        nameStart[k] = fs[cName];
        nameEnd[k] = fe[cName];
      }
    }

    const rev = plainNumber(bytes, fs[cRev], fe[cRev]);
    if (!(Math.abs(rev) < TOO_LARGE)) return 'revenue not a plain number';
    let gp = rev;
    const cCost = cCogs >= 0 ? cCogs : cGp;
    if (cCost >= 0) {
      const v = fs[cCost] === fe[cCost] ? 0 : plainNumber(bytes, fs[cCost], fe[cCost]);
      if (!(Math.abs(v) < TOO_LARGE)) return 'cost not a plain number';
      gp = cCogs >= 0 ? rev - v : v;
    }
    for (let d = 0; d < volumeCols.length; d++) {
      const vc = volumeCols[d];
      if (vc < 0) continue;
      const v = fs[vc] === fe[vc] ? 0 : plainNumber(bytes, fs[vc], fe[vc]);
      if (!(v >= 0 && v < TOO_LARGE)) return 'a count not a plain number ≥ 0';
      volumes[d]![i] = v;
    }
    if (paymentDays) {
      const v = fs[cDays] === fe[cDays] ? NaN : plainNumber(bytes, fs[cDays], fe[cDays]);
      if (fs[cDays] !== fe[cDays] && !(v >= 0 && v < TOO_LARGE))
        return 'payment days not a plain number ≥ 0';
      paymentDays[i] = v;
    }
    if (orderId) {
      let o = orderBytes.find(bytes, fs[cOrder], fe[cOrder]);
      if (o < 0) {
        o = orderIndex.intern(cellText(bytes, fs[cOrder], fe[cOrder], fq[cOrder]));
        orderBytes.add(bytes, fs[cOrder], fe[cOrder], o);
      }
      orderId[i] = o;
    }
    sheetRow[i] = r + 1;
    customer[i] = k;
    revenue[i] = rev;
    grossProfit[i] = gp;
  }
  if (p < end) return 'more rows than lines';
  names.length = keyIndex.size;
  return {
    headers,
    columns,
    headerRow: 1,
    dataRows: n,
    count: n,
    sheetRow,
    customer,
    keys: keyIndex.finish(),
    names,
    revenue,
    grossProfit,
    volumes,
    orderId,
    paymentDays,
    discount: null,
    discountKind: null,
    period: null,
    groups: [],
    rejected: [],
    transactions: repeated || orderId !== null,
    warnings: warnings.filter((w) => w.field !== 'period').map((w) => w.message),
  };
}

export const TOKEN_ERRORS = [
  'a quote that never closes',
  'a quoted field spanning lines',
  'a quote inside an unquoted field',
  'mixed line breaks',
  'a stray quote',
];
/** Fields on the line `tokenise` read last. */
let fieldCount = 0;
/** The number of fields on the line `tokenise` read last (the rest past `width` are not kept). */
export const lastFieldCount = (): number => fieldCount;

/**
 * Reads one line from `p`: the spans of its first `width` fields into fs/fe (fq: doubled quotes
 * inside), their number into `fieldCount`; returns where the next line starts, or -(1 + the
 * index of the reason in TOKEN_ERRORS) for what only PapaParse reads.
 */
export function tokenise(
  bytes: Uint8Array,
  p: number,
  end: number,
  D: number,
  crlf: boolean,
  fs: Int32Array,
  fe: Int32Array,
  fq: Uint8Array,
  width: number,
): number {
  let c = 0;
  for (;;) {
    let s = p,
      e: number,
      quoted = 0;
    if (bytes[p] === QUOTE) {
      s = ++p;
      for (;;) {
        if (p >= end) return -1;
        const b = bytes[p];
        if (b === QUOTE) {
          if (p + 1 < end && bytes[p + 1] === QUOTE) {
            quoted = 1;
            p += 2;
            continue;
          }
          e = p++;
          break;
        }
        if (b === LF || b === CR) return -2;
        p++;
      }
    } else {
      while (p < end) {
        const b = bytes[p];
        if (b === D || b === LF || b === CR) break;
        if (b === QUOTE) return -3;
        p++;
      }
      e = p;
    }
    if (c < width) {
      fs[c] = s;
      fe[c] = e;
      fq[c] = quoted;
    }
    c++;
    if (p >= end) break;
    const b = bytes[p];
    if (b === D) {
      p++;
      if (p === end) {
        if (c < width) {
          fs[c] = fe[c] = p;
          fq[c] = 0;
        }
        c++;
        break;
      }
      continue;
    }
    if (crlf) {
      if (b !== CR || bytes[p + 1] !== LF) return -4;
      p += 2;
    } else {
      if (b !== LF) return b === CR ? -4 : -5;
      p++;
    }
    break;
  }
  fieldCount = c;
  return p;
}

/**
 * A number written plainly — `123`, `-45.67`, `.5`, `5.` — read from ASCII bytes exactly as
 * `Number(text)` reads it; NaN for anything else (blank, `$`, `%`, spaces, grouping, exponents).
 * Up to 15 digits the integer of all digits is exact and one division by an exact power of ten is
 * correctly rounded; longer numbers go through `Number`.
 */
export function plainNumber(bytes: Uint8Array, s: number, e: number): number {
  let i = s,
    negative = false;
  if (bytes[i] === 0x2d) {
    negative = true;
    i++;
  }
  let m = 0,
    digits = 0,
    dot = -1;
  for (; i < e; i++) {
    const b = bytes[i];
    if (b >= 0x30 && b <= 0x39) {
      m = m * 10 + (b - 0x30);
      digits++;
    } else if (b === 0x2e && dot < 0) dot = i;
    else return NaN;
  }
  if (digits === 0) return NaN;
  let v: number;
  if (digits <= 15) v = dot < 0 ? m : m / POW10[e - dot - 1];
  else v = Number(String.fromCharCode(...bytes.subarray(negative ? s + 1 : s, e)));
  return negative ? -v : v;
}

/** ASCII bytes as a string: Buffer's native slice when there is one (no view allocated). */
function latin1(bytes: Uint8Array, s: number, e: number): string {
  const slice = (bytes as { latin1Slice?: (s: number, e: number) => string }).latin1Slice;
  return slice
    ? slice.call(bytes, s, e)
    : String.fromCharCode.apply(null, bytes.subarray(s, e) as unknown as number[]);
}

/** A cell's text as PapaParse gives it: decoded, doubled quotes undone. */
export function rawText(bytes: Uint8Array, s: number, e: number, doubledQuotes: number): string {
  const t = utf8.decode(bytes.subarray(s, e));
  return doubledQuotes ? t.replaceAll('""', '"') : t;
}

/** A key or label cell as `readRows` reads it: trimmed text, Unicode NFC, doubled quotes undone. */
export function cellText(bytes: Uint8Array, s: number, e: number, doubledQuotes: number): string {
  let ascii = true;
  for (let i = s; i < e; i++)
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  let t = ascii ? latin1(bytes, s, e) : utf8.decode(bytes.subarray(s, e));
  if (doubledQuotes) t = t.replaceAll('""', '"');
  t = t.trim();
  if (!ascii)
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) >= 0x300) return t.normalize('NFC');
  return t;
}

function sameBytes(bytes: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let i = 0; i < e1 - s1; i++) if (bytes[s1 + i] !== bytes[s2 + i]) return false;
  return true;
}
