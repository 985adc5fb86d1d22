/**
 * CSV file → 2-D cell values. Encoding detected: UTF-16 LE or BE (what Excel's "Unicode Text"
 * writes: a BOM, tabs, CRLF; without a BOM too), UTF-8 with or without BOM, else Windows-1252
 * (what Excel on Windows writes). Parsing by PapaParse; cells stay text for the core to read.
 * Windows-1252 goes through iconv-lite: Node 20's TextDecoder maps 0x80–0x9F to Latin-1 control
 * characters (nodejs/node#56542), which would turn ’ and € in customer names into garbage.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { UnreadCell } from '../core/read-rows.js';
import type { CellValue } from '../core/types.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Decodes bytes: a BOM names the encoding; text whose every other byte is zero is UTF-16 without
 * a BOM; valid UTF-8 is UTF-8; anything else is read as Windows-1252.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : null;
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes.subarray(2)), encoding: utf16 };
  const guessed = utf16WithoutBom(bytes);
  if (guessed) return { text: new TextDecoder(guessed).decode(bytes), encoding: guessed };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: iconv.decode(
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        'windows-1252',
      ),
      encoding: 'windows-1252',
    };
  }
}

/**
 * UTF-16 without a BOM: in text of Latin letters, digits and separators one byte of each pair is
 * zero — the second in little-endian, the first in big-endian — and the other almost never is.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0,
    oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs / 2 && evenZeros <= pairs / 20) return 'utf-16le';
  if (evenZeros >= pairs / 2 && oddZeros <= pairs / 20) return 'utf-16be';
  return null;
}

/** Parses CSV text; the file's final line break is not a row. Delimiter guessed (comma, semicolon, tab). */
export function parseCsv(text: string): CellValue[][] {
  return readCsv(text).values;
}

/**
 * The same, with the delimiter PapaParse found (a semicolon usually means decimal commas) and the
 * lines it could not read: a quote that never closes, or a stray quote, makes PapaParse swallow
 * every following line into one field, so such files are read again by `readQuotesLineByLine`.
 */
export function readCsv(text: string): {
  values: CellValue[][];
  delimiter: string;
  unread: UnreadCell[];
} {
  const body = text.replace(/(?:\r\n|\n|\r)$/, ''); // CRLF, LF, or a classic Mac CR
  if (body === '') return { values: [], delimiter: ',', unread: [] };
  const parsed = Papa.parse<string[]>(body, {
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  const delimiter = parsed.meta.delimiter;
  if (!parsed.errors.some((e) => e.type === 'Quotes'))
    return { values: parsed.data, delimiter, unread: [] };
  return { ...readQuotesLineByLine(body, delimiter, parsed.meta.linebreak || '\n'), delimiter };
}

/**
 * The first rows (up to `rows`) and the delimiter, exactly as `readCsv` reads them, without parsing
 * the rest: PapaParse guesses the delimiter from the first 10 rows whatever follows.
 */
export function readCsvHead(text: string, rows = 21): { rows: CellValue[][]; delimiter: string } {
  const body = text.slice(0, text.length - finalBreak(text));
  if (body === '') return { rows: [], delimiter: ',' };
  const parsed = Papa.parse<string[]>(body, {
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t', '|'],
    preview: rows,
  });
  return { rows: parsed.data, delimiter: parsed.meta.delimiter };
}

/** The length of the final line break (CRLF, LF, or a classic Mac CR) that `readCsv` drops. */
export function finalBreak(text: string | Uint8Array): number {
  const at = (i: number) =>
    typeof text === 'string' ? text.charCodeAt(i) : (text[i] ?? Number.NaN);
  const n = text.length;
  if (at(n - 1) === 0x0a) return at(n - 2) === 0x0d ? 2 : 1;
  return at(n - 1) === 0x0d ? 1 : 0;
}

const UNCLOSED =
  'malformed CSV: the quote (") that opens this field is never closed; this line was not read (the lines after it were)';
const STRAY =
  'malformed CSV: a quote (") inside this quoted field is not doubled ("") nor followed by the delimiter; this line was not read (the lines after it were)';

/**
 * CSV with quote errors, parsed as PapaParse parses well-formed CSV, except that a quoted field
 * that never closes, or that holds a stray quote and spans a line end, costs only its own line:
 * that line becomes a row the core lists as not read, and reading resumes on the next line.
 * Linear: once a field's search for its closing quote reached the end of the file, later quotes
 * are known to have none.
 */
function readQuotesLineByLine(
  text: string,
  d: string,
  nl: string,
): { values: CellValue[][]; unread: UnreadCell[] } {
  const values: CellValue[][] = [],
    unread: UnreadCell[] = [];
  const n = text.length;
  let noCloseAfter = n; // from here on no quote closes a field
  let k = 0;
  const lineEnd = (from: number) => {
    const i = text.indexOf(nl, from);
    return i < 0 ? n : i;
  };
  while (k <= n) {
    const row: string[] = [];
    for (;;) {
      if (text[k] === '"') {
        const field = quoted(k);
        if (typeof field === 'string') {
          // a malformed field: its line is one unread row, the next line starts afresh
          const end = lineEnd(k);
          unread.push({ row: values.length, column: row.length, reason: field, wholeRow: true });
          row.push(text.slice(k, end));
          k = end + nl.length;
          break;
        }
        row.push(field.value);
        k = field.end;
      } else {
        let stop = text.indexOf(d, k);
        const eol = lineEnd(k);
        if (stop < 0 || stop > eol) stop = eol;
        row.push(text.slice(k, stop));
        k = stop;
      }
      if (k >= n) {
        k = n + 1;
        break;
      }
      if (text.startsWith(d, k)) {
        k += d.length;
        if (k === n) {
          row.push('');
          k = n + 1;
          break;
        }
        continue;
      }
      k += nl.length; // at a line end
      break;
    }
    values.push(row);
  }
  return { values, unread };

  /** The quoted field opening at `q`: its value and end, or why it is malformed. */
  function quoted(q: number): { value: string; end: number } | string {
    if (q >= noCloseAfter) return UNCLOSED;
    const parts: string[] = [];
    let from = q + 1,
      stray = false;
    for (;;) {
      const i = text.indexOf('"', from);
      if (stray) {
        const eol = text.indexOf(nl, from);
        if (eol >= 0 && (i < 0 || eol < i)) return STRAY; // a stray quote does not carry a field over a line end
      }
      if (i < 0) {
        if (!stray) noCloseAfter = q;
        return stray ? STRAY : UNCLOSED;
      }
      parts.push(text.slice(from, i));
      const next = i + 1;
      if (text[next] === '"') {
        parts.push('"');
        from = next + 1;
      } else if (next === n || text.startsWith(d, next) || text.startsWith(nl, next)) {
        return { value: parts.join(''), end: next };
      } else {
        // A stray quote: kept, and the search goes on, as PapaParse reads it — but a field with one
        // never spans lines: that is how a broken quote swallows the rows after it.
        const eol = text.indexOf(nl, q);
        if (eol >= 0 && eol < i) return UNCLOSED; // the field's own line never closed it
        parts.push('"');
        stray = true;
        from = next;
      }
    }
  }
}
