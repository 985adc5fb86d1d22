/**
 * CSV bytes as the fast reader reads them: one line's fields as byte spans, plain numbers parsed
 * from the bytes, cell text decoded only when it is needed — each exactly as PapaParse and
 * `readRows` read the same cell, or a sign that the line (or file) is for them to read.
 */
import type { CellValue } from '../core/types.js';

/** What the reader needs besides the bytes: the first rows as PapaParse reads them, and its delimiter. */
export interface CsvHead {
  /** The first rows (up to 21: the header search looks at 20), as PapaParse parses them. */
  rows: CellValue[][];
  delimiter: string;
}

/** A customer key that names a summary row, as readRows tells it. */
export const SUMMARY_KEY =
  /^(grand\s*)?(sub\s*-?\s*)?totals?\s*:?$|^total\s+(for|of)\b|^sum\s*:?$/i;
const QUOTE = 0x22,
  LF = 0x0a,
  CR = 0x0d;
/** Exact powers of ten: an integer below 2^53 divided by one is the correctly rounded decimal. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const utf8 = new TextDecoder('utf-8');

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
