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
import { decodeText, readCsv } from './read-csv.js';
import { readXlsx, SheetNotFound } from './read-xlsx.js';
import { EXIT, UserError } from './user-error.js';

export interface LoadedTable extends TableInput {
  source: string;
  delimiter?: string;
  /** Things the user should know about how the file was read (printed on stderr). */
  notes: string[];
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
      };
    } catch (e) {
      if (e instanceof SheetNotFound) throw new UserError(`${path}: ${e.message}`);
      throw new UserError(
        `${path}: not a readable xlsx workbook (${(e as Error).message.split('\n')[0]})`,
      );
    }
  }
  if (sheet !== undefined) throw new UserError(`--sheet is for xlsx workbooks; ${path} is not one`);
  const { text } = decodeText(bytes);
  if (text.slice(0, 4096).includes('\u0000'))
    throw new UserError(`${path}: not a table (binary content); give a CSV or xlsx file`);
  if (workbookName) notes.push(`${path} is CSV text, not a workbook (named ${ext}); read as CSV`);
  const { values, delimiter, unread } = readCsv(text);
  return {
    values,
    unread,
    firstRow: 1,
    source: path,
    delimiter,
    // Excel writes semicolon-separated CSV where the decimal mark is a comma.
    decimal: delimiter === ';' ? ',' : undefined,
    notes,
  };
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
