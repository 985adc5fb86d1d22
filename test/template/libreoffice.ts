/**
 * LibreOffice headless for tests (test/tools.ts says whether it is there): converts files with a fresh user profile per call, set to
 * recalculate every formula on load (OOXMLRecalcMode = 0, "always"), so cached values — or their
 * absence — can never stand in for the engine's own results.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { SOFFICE } from '../tools.js';

const run = promisify(execFile);

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Converts files (one LibreOffice start for all) into `outDir`, e.g. to 'xlsx' or 'pdf'. */
export async function convert(files: string[], to: string, outDir: string): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'pt-lo-profile-'));
  try {
    await mkdir(join(profile, 'user'), { recursive: true });
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
    await run(
      SOFFICE.path!,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        to,
        '--outdir',
        outDir,
        ...files,
      ],
      { timeout: 120_000 },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  for (const f of files) {
    const out = join(outDir, f.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, `.${to.split(':')[0]}`));
    if (!existsSync(out)) throw new Error(`LibreOffice did not convert ${f} to ${to}`);
  }
}

export type Cell = string | number | boolean | null;

/** A sheet's values as LibreOffice computed them (formula results; ExcelJS drops a 0 result from `value`). */
export async function sheetValues(file: string, sheet: string): Promise<Cell[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`${file}: no sheet ${sheet}`);
  const out: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.type === ExcelJS.ValueType.Formula ? (cell.result as unknown) : cell.value;
      cells[c - 1] =
        v === undefined || v === null
          ? null
          : typeof v === 'object'
            ? 'error' in (v as object)
              ? String((v as { error: string }).error)
              : String(v)
            : (v as Cell);
    });
    out[r - 1] = cells;
  });
  return Array.from(out, (r) => r ?? []);
}
