/**
 * Loads a CSV or xlsx file as a table for the core, and a settings file; every failure a user
 * can cause becomes a one-line UserError. One reading for every command (analyze, --previous,
 * template --data): the file is read once, as what its bytes are, whatever its name says; the
 * table carries its own decimal mark (a semicolon CSV: ',') for the core to apply.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { findHeader, type TableInput } from '../core/read-rows.js';
import { resolveSettings } from '../core/settings.js';
import { fileKind } from './file-kind.js';
import { decodeText, finalBreak, readCsv, readCsvHead } from './read-csv.js';
import { readCsvColumns } from './read-csv-columns.js';
import { readXlsx, SheetNotFound } from './read-xlsx.js';
import { EXIT, UserError } from './user-error.js';

export interface LoadedTable extends TableInput {
  source: string;
  delimiter?: string;
  /** Things the user should know about how the file was read (printed on stderr). */
  notes: string[];
  /** Rows in the file, header included (counted without parsing it when that is exact). */
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
  const { text, encoding } = decodeText(bytes);
  if (text.slice(0, 4096).includes('\u0000'))
    throw new UserError(`${path}: not a table (binary content); give a CSV or xlsx file`);
  if (workbookName) notes.push(`${path} is CSV text, not a workbook (named ${ext}); read as CSV`);
  const head = readCsvHead(text);
  if (encoding !== 'utf-8') debugCsvPath(path, `PapaParse (${encoding})`);
  // PapaParse reads the whole file only when the columnar reader cannot (or values are asked for).
  let parsed: ReturnType<typeof readCsv> | undefined;
  const full = () => {
    parsed ??= readCsv(text);
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
    // Excel writes semicolon-separated CSV where the decimal mark is a comma.
    decimal: head.delimiter === ';' ? ',' : undefined,
    notes,
    rowCount: () => lineCount(bytes) ?? full().values.length,
    columnar:
      encoding === 'utf-8' && process.env.PROFIT_TIERS_CSV !== 'papaparse'
        ? (settings, options) => {
            const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
            const end = Math.max(start, bytes.length - finalBreak(bytes));
            const table = readCsvColumns(bytes, start, end, head, settings, options);
            debugCsvPath(path, typeof table === 'string' ? `PapaParse (${table})` : 'columnar');
            return table;
          }
        : undefined,
  };
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
