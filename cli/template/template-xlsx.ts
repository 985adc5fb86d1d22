/**
 * The template's sheets as xlsx bytes: the report's renderer draws each sheet, then what only the
 * live template needs is added before the sheet is written — data validation on its inputs,
 * conditional formats by formula (the matrix heat), sheet protection with no password — and,
 * in the written file, its yellow input cells unlocked and its array formulas marked as such.
 */
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { excelJs } from '../excel-js.js';
import { argb, renderSheet } from '../render-xlsx.js';
import { sheetPaths, text } from '../xlsx-parts.js';
import { INPUT_FILL, type TemplateSheet } from './layout.js';

/** What a template sheet adds to the report's sheet description. */
export interface TemplateExtras {
  /** Data validation per A1 range (a cell or a rectangle). */
  validations?: { range: string; rule: ExcelJS.DataValidation }[];
  /** Conditional formats (formula rules and their fills). */
  rules?: ExcelJS.ConditionalFormattingOptions[];
  /** Cells (A1) whose formula is an array formula: MEDIAN(IF(…)) needs it in Excel and LibreOffice. */
  arrays?: string[];
}

/**
 * Protection, no password: a consultant can lift it (Review › Unprotect Sheet) to change a
 * formula; it keeps a client from typing over one. Filters and sorting stay usable.
 */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  autoFilter: true,
  sort: true,
};

/** Renders the sheets (protected, validated) and the workbook names; returns the xlsx bytes. */
export async function templateXlsx(
  sheets: TemplateSheet[],
  names: { name: string; ref: string }[],
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const XL = await excelJs();
  const wb = new XL.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
  });
  wb.creator = 'Profit Tiers';
  for (const n of names) wb.definedNames.add(n.ref, n.name);
  for (const s of sheets) {
    const ws = renderSheet(wb as unknown as ExcelJS.Workbook, s.spec, s.extras);
    const dv = (
      ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations;
    for (const v of s.template?.validations ?? []) dv.add(v.range, v.rule);
    for (const r of s.template?.rules ?? []) ws.addConditionalFormatting(r);
    await ws.protect('', PROTECTION);
    (ws as unknown as { commit(): void }).commit();
  }
  await wb.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Unlocks every cell filled in the input yellow (the Instructions' "yellow cells are yours"), so
 * the colour and the protection cannot disagree; marks the array formulas of `arrays` per sheet.
 */
export function unlockAndMark(arrays: Map<string, string[]>): (zip: JSZip) => Promise<void> {
  return async (zip) => {
    const styles = await text(zip, 'xl/styles.xml');
    const fills = /<fills\b[^>]*>([\s\S]*?)<\/fills>/.exec(styles)?.[1] ?? '';
    const yellow = [...fills.matchAll(/<fill>[\s\S]*?<\/fill>/g)].findIndex((m) =>
      m[0].includes(`rgb="${argb(INPUT_FILL)}"`),
    );
    if (yellow < 0) throw new Error('template: no input fill in styles.xml');
    zip.file(
      'xl/styles.xml',
      styles.replace(/<cellXfs\b[^>]*>[\s\S]*?<\/cellXfs>/, (xfs) =>
        xfs.replace(/<xf\b([^>]*?)(\/>|>([\s\S]*?)<\/xf>)/g, (xf, attrs: string, _end, inner) =>
          new RegExp(`\\bfillId="${yellow}"`).test(attrs)
            ? `<xf${attrs} applyProtection="1">${inner ?? ''}<protection locked="0"/></xf>`
            : xf,
        ),
      ),
    );
    const paths = await sheetPaths(zip);
    for (const [sheet, cells] of arrays) {
      if (!cells.length) continue;
      const path = paths.get(sheet)!;
      const want = new Set(cells);
      const xml = await text(zip, path);
      zip.file(
        path,
        xml.replace(/<c r="([A-Z]+\d+)"([^>]*)><f>/g, (m, ref: string, rest: string) =>
          want.has(ref) ? `<c r="${ref}"${rest}><f t="array" ref="${ref}">` : m,
        ),
      );
    }
  };
}
