/**
 * CSV file → 2-D cell values. Encoding detected: UTF-8 with or without BOM, else Windows-1252
 * (what Excel on Windows writes). Parsing by PapaParse; cells stay text for the core to read.
 * Windows-1252 goes through iconv-lite: Node 20's TextDecoder maps 0x80–0x9F to Latin-1 control
 * characters (nodejs/node#56542), which would turn ’ and € in customer names into garbage.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { CellValue } from '../core/types.js';

/** Decodes bytes: a UTF-8 BOM or valid UTF-8 is UTF-8; anything else is read as Windows-1252. */
export function decodeText(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
} {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
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

/** Parses CSV text; the file's final line break is not a row. Delimiter guessed (comma, semicolon, tab). */
export function parseCsv(text: string): CellValue[][] {
  return readCsv(text).values;
}

/** The same, with the delimiter PapaParse found (a semicolon usually means decimal commas). */
export function readCsv(text: string): { values: CellValue[][]; delimiter: string } {
  const body = text.replace(/\r?\n$/, '');
  if (body === '') return { values: [], delimiter: ',' };
  const parsed = Papa.parse<string[]>(body, {
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  return { values: parsed.data, delimiter: parsed.meta.delimiter };
}
