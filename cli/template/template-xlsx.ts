/**
 * The template's sheets as xlsx bytes: the report's renderer draws each sheet, then what only the
 * live template needs is added before the sheet is written — data validation on its inputs,
 * conditional formats by formula (the matrix heat), sheet protection with no password — and,
 * in the written file, its yellow input cells unlocked and its array formulas marked as such.
 */
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import type { SheetSpec } from '../../core/report/sheet-spec.js';
import { argb, renderSheet, streamWorkbook } from '../render-xlsx.js';
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
  /**
   * Columns (0-based) unlocked below the sheet's last written row, down to the sheet's end: a
   * client's rows pasted below the formula rows are accepted (and counted as outside them).
   */
  openColumns?: number[];
  /**
   * Printing a wide sheet: pages across at `scale` % (not every column squeezed onto one page
   * width), with `titleColumns` (e.g. "A:B") repeated on each page beside the header rows.
   */
  print?: { scale: number; titleColumns: string };
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
  return streamWorkbook(names, async (wb) => {
    for (const s of sheets) {
      const ws = renderSheet(wb as unknown as ExcelJS.Workbook, s.spec, s.extras);
      const dv = (
        ws as unknown as {
          dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
        }
      ).dataValidations;
      for (const v of s.template?.validations ?? []) dv.add(v.range, v.rule);
      for (const r of s.template?.rules ?? []) ws.addConditionalFormatting(r);
      await ws.protect('', PROTECTION);
      (ws as unknown as { commit(): void }).commit();
    }
  });
}

/**
 * Unlocks every cell filled in the input yellow (the Instructions' "yellow cells are yours"), so
 * the colour and the protection cannot disagree; marks the array formulas of `arrays` per sheet.
 */
export function unlockAndMark(
  arrays: Map<string, string[]>,
  openColumns: Map<string, number[]> = new Map(),
  heights: Map<string, Map<number, number>> = new Map(),
  print: Map<string, NonNullable<TemplateExtras['print']>> = new Map(),
): (zip: JSZip) => Promise<void> {
  return async (zip) => {
    await printAcross(zip, print);
    const styles = await text(zip, 'xl/styles.xml');
    const fills = /<fills\b[^>]*>([\s\S]*?)<\/fills>/.exec(styles)?.[1] ?? '';
    const yellow = [...fills.matchAll(/<fill>[\s\S]*?<\/fill>/g)].findIndex((m) =>
      m[0].includes(`rgb="${argb(INPUT_FILL)}"`),
    );
    if (yellow < 0) throw new Error('template: no input fill in styles.xml');
    let openStyle = -1;
    zip.file(
      'xl/styles.xml',
      styles.replace(/<cellXfs\b[^>]*>[\s\S]*?<\/cellXfs>/, (xfs) => {
        const marked = xfs.replace(
          /<xf\b([^>]*?)(\/>|>([\s\S]*?)<\/xf>)/g,
          (xf, attrs: string, _end, inner) =>
            new RegExp(`\\bfillId="${yellow}"`).test(attrs)
              ? `<xf${attrs} applyProtection="1">${inner ?? ''}<protection locked="0"/></xf>`
              : xf,
        );
        // one more style: the default look, unlocked, for the open columns below the data
        openStyle = (marked.match(/<xf\b/g) ?? []).length;
        return marked
          .replace(/(<cellXfs\b[^>]*\bcount=")\d+"/, `$1${openStyle + 1}"`)
          .replace(
            '</cellXfs>',
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyProtection="1"><protection locked="0"/></xf></cellXfs>',
          );
      }),
    );
    const paths = await sheetPaths(zip);
    for (const [sheet, columns] of openColumns) {
      if (!columns.length) continue;
      const path = paths.get(sheet)!;
      const open = new Set(columns.map((c) => c + 1));
      const xml = await text(zip, path);
      // one <col> per column (ExcelJS merges equal neighbours), the open ones with the unlocked style
      zip.file(
        path,
        xml.replace(/<col\b([^>]*?)\/>/g, (m, attrs: string) => {
          const min = Number(/\bmin="(\d+)"/.exec(attrs)?.[1]),
            max = Number(/\bmax="(\d+)"/.exec(attrs)?.[1]);
          if (!(min > 0 && max >= min)) return m;
          let out = '';
          for (let c = min; c <= max; c++) {
            const a = attrs
              .replace(/\bmin="\d+"/, `min="${c}"`)
              .replace(/\bmax="\d+"/, `max="${c}"`);
            out += open.has(c)
              ? `<col${a.replace(/\s*\bstyle="\d+"/, '')} style="${openStyle}"/>`
              : `<col${a}/>`;
          }
          return out;
        }),
      );
    }
    // Wrapped rows get their height: LibreOffice does not grow a row for wrapped text on open.
    for (const [sheet, rows] of heights) {
      if (!rows.size) continue;
      const path = paths.get(sheet)!;
      const xml = await text(zip, path);
      zip.file(
        path,
        xml.replace(/<row r="(\d+)"([^>]*?)(\/?)>/g, (m, r: string, attrs: string, end: string) => {
          const h = rows.get(Number(r));
          return h === undefined
            ? m
            : `<row r="${r}"${attrs.replace(/\s*\b(ht|customHeight)="[^"]*"/g, '')} ht="${h}" customHeight="1"${end}>`;
        }),
      );
    }
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

/** Points per line of 11-pt Calibri. */
const LINE_HEIGHT = 15;

/**
 * The height (points) of each row of `spec` with wrapped text cells (1-based row → points), for
 * rows needing more than one line: each text's lines by greedy word wrap at its column width
 * (about one character per width unit). Example: "Break-even price change" in a 12-wide column →
 * 2 lines → 30.
 */
export function wrappedRowHeights(spec: SheetSpec): Map<number, number> {
  const out = new Map<number, number>();
  for (const w of spec.wrap)
    for (let r = w.row; r < w.row + w.rows; r++) {
      let lines = 1;
      for (let c = w.col; c < w.col + w.cols; c++) {
        const v = spec.values[r]?.[c];
        if (typeof v !== 'string' || !v) continue;
        lines = Math.max(lines, linesOf(v, Math.max(1, Math.floor(spec.columnWidths[c] ?? 9) - 1)));
      }
      if (lines > 1) out.set(r + 1, Math.max(out.get(r + 1) ?? 0, lines * LINE_HEIGHT));
    }
  return out;
}

/** Lines of `text` wrapped at `width` characters, breaking at spaces (a longer word breaks anyway). */
function linesOf(text: string, width: number): number {
  let lines = 1,
    used = 0;
  for (const word of text.split(/\s+/)) {
    const len = word.length;
    if (used === 0) used = len;
    else if (used + 1 + len <= width) used += 1 + len;
    else {
      lines++;
      used = len;
    }
    while (used > width) {
      lines++;
      used -= width;
    }
  }
  return lines;
}

/** Sets each sheet of `print` to print across pages at its scale, its title columns repeated. */
async function printAcross(
  zip: JSZip,
  print: Map<string, NonNullable<TemplateExtras['print']>>,
): Promise<void> {
  if (!print.size) return;
  const paths = await sheetPaths(zip);
  let wbXml = await text(zip, 'xl/workbook.xml');
  const sheetNames = [...wbXml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
  for (const [sheet, p] of print) {
    const path = paths.get(sheet)!;
    const xml = await text(zip, path);
    zip.file(
      path,
      xml
        .replace(/<pageSetUpPr fitToPage="1"\/>/, '<pageSetUpPr fitToPage="0"/>')
        .replace(/<pageSetup\b([^>]*?)\/>/, (_m, attrs: string) => {
          const a = attrs
            .replace(/\s*\bfitTo(Width|Height)="\d+"/g, '')
            .replace(/\bscale="\d+"/, `scale="${p.scale}"`);
          return `<pageSetup${a}/>`;
        }),
    );
    const id = sheetNames.indexOf(sheet);
    const [from, to] = p.titleColumns.split(':');
    wbXml = wbXml.replace(
      new RegExp(
        `(<definedName name="_xlnm.Print_Titles" localSheetId="${id}">)([^<]*)(</definedName>)`,
      ),
      (_m, open: string, rows: string, close: string) =>
        `${open}&apos;${sheet}&apos;!$${from}:$${to},${rows}${close}`,
    );
  }
  zip.file('xl/workbook.xml', wbXml);
}
