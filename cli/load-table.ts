/**
 * Loads a CSV or xlsx file as a table for the core, and a settings file; every failure a user
 * can cause becomes a one-line UserError. One reading for every command (analyze, --previous,
 * template --data): the file is read once, as what its bytes are, whatever its name says; the
 * table carries its own decimal mark (a semicolon CSV: ',') for the core to apply.
 */

import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { findHeader, type TableInput } from '../core/read-rows.js';
import { resolveSettings } from '../core/settings.js';
import { fileKind } from './file-kind.js';
import { decodeText, finalBreak, readCsv, readCsvHead } from './read-csv.js';
import { readCsvThreads } from './read-csv-workers.js';
import { readXlsx, SheetNotFound } from './read-xlsx.js';
import { EXIT, UserError } from './user-error.js';

export interface LoadedTable extends TableInput {
  source: string;
  delimiter?: string;
  /** Things the user should know about how the file was read (printed on stderr). */
  notes: string[];
  /**
   * Rows in the file, header included (counted without parsing it when that is exact); -1 for a
   * file read as a stream (its rows are counted as it is read).
   */
  rowCount(): number;
}

/**
 * Reads `path`. `settingsInput` (the user's settings) only decides which sheet of a workbook
 * holds the customer table (its column overrides, its headerRow).
 */
export async function loadTable(
  path: string,
  sheet?: string,
  settingsInput: unknown = {},
): Promise<LoadedTable> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new UserError(`${path}: no such file`);
  if (info.isDirectory()) throw new UserError(`${path}: is a folder, not a CSV or xlsx file`);
  if (info.size === 0) throw new UserError(`${path}: the file is empty`);
  // A UTF-8 CSV file is read as a stream, aggregated as it is read; anything else is read whole.
  if (process.env.PROFIT_TIERS_CSV !== 'papaparse' && sheet === undefined) {
    const streamed = await streamedTable(path, info.size);
    if (streamed) return streamed;
  }
  const bytes = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    throw new UserError(`${path}: cannot be read (${e.code ?? e.message})`);
  });
  const ext = extname(path).toLowerCase();
  const workbookName = ext === '.xlsx' || ext === '.xlsm' || ext === '.xls';
  const kind = await fileKind(bytes);
  if (kind.kind === 'other') throw new UserError(`${path}: ${kind.what}`);
  const notes: string[] = [];
  if (kind.kind === 'xlsx') {
    if (!workbookName)
      notes.push(`${path} is an xlsx workbook (named ${ext || 'without .xlsx'}); read as one`);
    const { settings } = resolveSettings(settingsInput);
    try {
      const t = await readXlsx(bytes, {
        sheet,
        zip: kind.zip,
        holdsTable: (values) => findHeader(values, settings).ok,
      });
      if (t.note) notes.push(`${path}: ${t.note}`);
      return {
        values: t.values,
        unread: t.unread,
        firstRow: 1,
        source: `${path} [${t.sheet}]`,
        notes,
        rowCount: () => t.values.length,
      };
    } catch (e) {
      if (e instanceof SheetNotFound) throw new UserError(`${path}: ${e.message}`);
      throw new UserError(
        `${path}: not a readable xlsx workbook (${(e as Error).message.split('\n')[0]})`,
      );
    }
  }
  if (sheet !== undefined) throw new UserError(`--sheet is for xlsx workbooks; ${path} is not one`);
  if (bytes.length > WHOLE_MAX)
    throw new UserError(
      `${path}: ${gigabytes(bytes.length)} is too large to read whole, and only a UTF-8 CSV file is read as a stream: save it as CSV UTF-8`,
    );
  const { text, encoding } = decodeText(bytes);
  if (text.slice(0, 4096).includes('\u0000'))
    throw new UserError(`${path}: not a table (binary content); give a CSV or xlsx file`);
  if (workbookName) notes.push(`${path} is CSV text, not a workbook (named ${ext}); read as CSV`);
  const head = readCsvHead(text);
  debugCsvPath(
    path,
    `PapaParse (${encoding !== 'utf-8' ? encoding : process.env.PROFIT_TIERS_CSV === 'papaparse' ? 'PROFIT_TIERS_CSV' : 'not UTF-8 at its start'})`,
  );
  const parsed = readCsv(text);
  return {
    values: parsed.values,
    unread: parsed.unread,
    firstRow: 1,
    source: path,
    delimiter: head.delimiter,
    // Excel writes semicolon-separated CSV where the decimal mark is a comma.
    decimal: head.delimiter === ';' ? ',' : undefined,
    notes,
    rowCount: () => lineCount(bytes) ?? parsed.values.length,
  };
}

/** Bytes read to find the header and the delimiter (PapaParse guesses line ends from 1 MB). */
const HEAD_BYTES = (1 << 20) + (64 << 10);
/** The largest file read whole: its text must fit in one JavaScript string. */
const WHOLE_MAX = 512 * 1024 * 1024;

/**
 * A UTF-8 CSV file read as a stream (see read-csv-stream.ts), or null when the file is not one
 * (a workbook, UTF-16, Windows-1252 at its start…) and is read whole. When the streamed reader
 * cannot read the file exactly (its reason: `PROFIT_TIERS_DEBUG=csv`), PapaParse reads it whole
 * if it fits in memory, else the user is told why not.
 */
async function streamedTable(path: string, size: number): Promise<LoadedTable | null> {
  const f = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new UserError(`${path}: cannot be read (${e.code ?? e.message})`);
  });
  let headBytes: Uint8Array, last: Uint8Array;
  try {
    const buf = new Uint8Array(Math.min(size, HEAD_BYTES));
    await f.read(buf, 0, buf.length, 0);
    headBytes = buf;
    last = new Uint8Array(2);
    await f.read(last, 0, 2, size - 2);
  } finally {
    await f.close();
  }
  const zipOrOle =
    (headBytes[0] === 0x50 && headBytes[1] === 0x4b) ||
    (headBytes[0] === 0xd0 && headBytes[1] === 0xcf && headBytes[2] === 0x11);
  if (zipOrOle) return null; // a workbook: read whole
  const kind = await fileKind(headBytes);
  if (kind.kind === 'other') throw new UserError(`${path}: ${kind.what}`);
  const start = headBytes[0] === 0xef && headBytes[1] === 0xbb && headBytes[2] === 0xbf ? 3 : 0;
  const cut = headBytes.length < size ? headBytes.lastIndexOf(0x0a) + 1 : headBytes.length;
  if (cut <= start || !isUtf8(headBytes.subarray(start, cut))) return null;
  const text = new TextDecoder('utf-8').decode(headBytes.subarray(start, cut));
  if (utf16Like(headBytes)) return null;
  if (text.slice(0, 4096).includes('\u0000'))
    throw new UserError(`${path}: not a table (binary content); give a CSV or xlsx file`);
  const notes: string[] = [];
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls')
    notes.push(`${path} is CSV text, not a workbook (named ${ext}); read as CSV`);
  const head = readCsvHead(text);
  const span = { path, start, end: size - finalBreak(last) };
  let why = '';
  let parsed: ReturnType<typeof readCsv> | undefined;
  const full = () => {
    if (parsed) return parsed;
    if (size > WHOLE_MAX)
      throw new UserError(
        `${path}: ${gigabytes(size)} is too large to read whole, and reading it as a stream stopped: ${why}`,
      );
    parsed = readCsv(decodeText(readFileSync(path)).text);
    return parsed;
  };
  return {
    get values() {
      return full().values;
    },
    get unread() {
      return full().unread;
    },
    firstRow: 1,
    source: path,
    delimiter: head.delimiter,
    decimal: head.delimiter === ';' ? ',' : undefined,
    notes,
    rowCount: () => -1,
    columnar: (settings, options) => {
      const { table, how } = readCsvThreads(span, head, settings, options);
      if (typeof table === 'string') why = table;
      debugCsvPath(path, typeof table === 'string' ? `PapaParse (${table})` : `streaming, ${how}`);
      return table;
    },
  };
}

const gigabytes = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;

/** UTF-16 (with or without a BOM) at the start: the whole file is read and decoded. */
function utf16Like(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return true;
  return decodeText(bytes.subarray(0, 4096)).encoding.startsWith('utf-16');
}

/** Lines of a CSV without quotes or CRs: its rows, counted on the bytes; else null. */
function lineCount(bytes: Uint8Array): number | null {
  if (bytes.includes(0x22) || bytes.includes(0x0d)) return null;
  const end = bytes.length - finalBreak(bytes);
  if (end <= 0) return 0;
  let n = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** `PROFIT_TIERS_DEBUG=csv` says on stderr which reader read each CSV file, and why not the fast one. */
function debugCsvPath(path: string, how: string): void {
  if (process.env.PROFIT_TIERS_DEBUG?.split(',').includes('csv'))
    process.stderr.write(`profit-tiers: ${path}: read by ${how}\n`);
}

/**
 * The settings: a JSON file, or the JSON itself when the value starts with `{`
 * (`--settings '{"headerRow": 31}'`).
 */
export async function loadSettings(path: string | undefined): Promise<unknown> {
  if (path === undefined) return {};
  const inline = path.trimStart().startsWith('{');
  const text = inline
    ? path
    : await readFile(path, 'utf8').catch(() => {
        throw new UserError(`${path}: no such settings file`, EXIT.usage);
      });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UserError(
      `${inline ? '--settings' : path}: not valid JSON (${(e as Error).message})`,
      EXIT.usage,
    );
  }
}
