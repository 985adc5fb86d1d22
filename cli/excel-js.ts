/**
 * ExcelJS, loaded on first use: importing it takes about a third of the CLI's start-up, and most
 * runs read CSV and write JSON. Only reading or writing a workbook loads it.
 */
import type ExcelJS from 'exceljs';

export async function excelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
