/**
 * `--out report.xlsx`: the report sheets (core/report) rendered to an xlsx file with its charts.
 * The file is written next to the target under a temporary name and renamed into place, so an
 * interrupted run never leaves half a workbook; an input file is never the target.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Analysis } from '../core/analyze.js';
import type { RunInfo } from '../core/assumptions.js';
import { reportSheets } from '../core/report/report-sheets.js';
import { xlsxBytes } from './render-xlsx.js';
import { EXIT, UserError } from './user-error.js';
import { addCharts, chartPart } from './xlsx-chart.js';
import { editXlsx } from './xlsx-parts.js';
import { addTables, tablePart } from './xlsx-table.js';

/**
 * Writes the report of `a` to `path`. `inputs` are the files the analysis read: the command
 * refuses (one line, nothing written) when `path` is one of them. `run` names the input and the
 * time on the Assumptions sheet.
 */
export async function writeReport(
  a: Analysis,
  path: string,
  inputs: string[] = [],
  onSheet?: (done: number, total: number, next: string) => void,
  run: RunInfo = {},
): Promise<void> {
  const target = await outputTarget(path, inputs);
  const sheets = reportSheets(a, run);
  const charts = sheets.flatMap((s) => s.charts.map((c) => chartPart(s.name, c, s.values)));
  const tables = sheets.flatMap((s) =>
    s.table && s.table.range.rows > 1
      ? [tablePart(s.name, s.table.name, s.table.range, s.values)]
      : [],
  );
  const bytes = await xlsxBytes(sheets, undefined, undefined, onSheet);
  await writeAtomically(
    target,
    path,
    await editXlsx(
      bytes,
      (zip) => addCharts(zip, charts),
      (zip) => addTables(zip, tables),
    ),
  );
}

/**
 * The real path to write `path` to. Refuses a name not ending in .xlsx and a path that is one of
 * `inputs` (after resolving links), so a CSV or the analysed workbook is never overwritten.
 * Creates the folder: `npm start` writes under out/, which a fresh clone does not have.
 */
export async function outputTarget(path: string, inputs: string[] = []): Promise<string> {
  if (extname(path).toLowerCase() !== '.xlsx')
    throw new UserError(`--out ${path}: the file name must end in .xlsx`, EXIT.usage);
  const target = await canonical(path);
  for (const input of inputs) {
    if ((await canonical(input)) === target)
      throw new UserError(
        `--out ${path} is the input file; choose another name (the input is never overwritten)`,
        EXIT.usage,
      );
  }
  await mkdir(dirname(target), { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new UserError(`--out ${path}: cannot create the folder ${dirname(target)} (${e.code})`);
  });
  return target;
}

/** Writes through a temporary file in the target's folder, then renames it into place. */
export async function writeAtomically(
  target: string,
  shown: string,
  bytes: Uint8Array,
): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY' || code === 'EROFS')
      throw new UserError(
        `--out ${shown}: cannot write there (${code}; is the file open in Excel?)`,
      );
    throw e;
  }
}

/** The real path of a file, or of its folder plus its name when the file does not exist yet. */
async function canonical(p: string): Promise<string> {
  const abs = resolve(p);
  const real = await realpath(abs).catch(() => null);
  if (real) return real;
  const dir = await realpath(dirname(abs)).catch(() => dirname(abs));
  return join(dir, basename(abs));
}
