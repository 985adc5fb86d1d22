/**
 * xlsx sheet → 2-D cell values, read with ExcelJS. Formula cells give their cached result, rich
 * text its plain text, error cells their error text (`#N/A`), dates a Date at UTC midnight.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../core/types.js';

export class SheetNotFound extends Error {}

export async function readXlsx(
  path: string,
  sheetName?: string,
): Promise<{ values: CellValue[][]; sheet: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = sheetName === undefined ? wb.worksheets[0] : wb.getWorksheet(sheetName);
  if (!ws) {
    const names = wb.worksheets.map((w) => `"${w.name}"`).join(', ');
    throw new SheetNotFound(
      sheetName === undefined
        ? 'the workbook has no sheets'
        : `no sheet "${sheetName}" (sheets: ${names})`,
    );
  }
  const values: CellValue[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out: CellValue[] = new Array(width).fill(null);
    // Formula cells give their cached result (cell.result: ExcelJS leaves a result of 0 out of cell.value).
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      out[c - 1] =
        cell.type === ExcelJS.ValueType.Formula
          ? plain(cell.result as ExcelJS.CellValue)
          : plain(cell.value);
    });
    values.push(out);
  }
  return { values, sheet: ws.name };
}

function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('error' in v) return String(v.error);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plain(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('sharedFormula' in v || 'formula' in v) return null;
  }
  return String(v);
}
