/**
 * Loads a CSV or xlsx file as a table for the core, and a settings file; every failure a user
 * can cause becomes a one-line UserError.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { TableInput } from '../core/read-rows.js';
import { decodeText, readCsv } from './read-csv.js';
import { readXlsx, SheetNotFound } from './read-xlsx.js';
import { EXIT, UserError } from './user-error.js';

export async function loadTable(
  path: string,
  sheet?: string,
): Promise<TableInput & { source: string; delimiter?: string }> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new UserError(`${path}: no such file`);
  if (info.isDirectory()) throw new UserError(`${path}: is a folder, not a CSV or xlsx file`);
  if (info.size === 0) throw new UserError(`${path}: the file is empty`);
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') {
    try {
      const { values, sheet: name } = await readXlsx(path, sheet);
      return { values, firstRow: 1, source: `${path} [${name}]` };
    } catch (e) {
      if (e instanceof SheetNotFound) throw new UserError(`${path}: ${e.message}`);
      throw new UserError(
        `${path}: not a readable xlsx workbook (${(e as Error).message.split('\n')[0]})`,
      );
    }
  }
  if (ext === '.xls')
    throw new UserError(`${path}: old .xls workbooks are not read; save it as .xlsx or CSV`);
  if (sheet !== undefined) throw new UserError(`--sheet is for xlsx workbooks; ${path} is not one`);
  const bytes = await readFile(path);
  if (looksBinary(bytes))
    throw new UserError(`${path}: not a table (binary content); give a CSV or xlsx file`);
  const { values, delimiter } = readCsv(decodeText(bytes).text);
  return { values, firstRow: 1, source: path, delimiter };
}

export async function loadSettings(path: string | undefined): Promise<unknown> {
  if (path === undefined) return {};
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UserError(`${path}: no such settings file`, EXIT.usage);
  });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UserError(`${path}: not valid JSON (${(e as Error).message})`, EXIT.usage);
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
