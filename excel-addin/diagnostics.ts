/// <reference types="office-js" />
/**
 * The Excel part of the self-test (pane/self-test.ts): whole-sheet reads and writes with
 * Office.js, the custom functions called through the same adapter Excel calls, and a count of
 * context.sync() round trips. It only ever deletes sheets named with the scratch prefix.
 */
/// <reference types="custom-functions-runtime" />
import { FUNCTIONS } from '../core/functions/definitions.js';
import { isScratch } from '../core/report/report-sheets.js';
import { type SheetValue, typedInputCell } from '../core/report/sheet-spec.js';
import type { CellValue } from '../core/types.js';
import type { Diagnostics } from '../pane/self-test.js';
import type { ScratchCell } from '../pane/self-test-data.js';
import { excelFunction } from './excel-functions.js';
import type { ExcelRun } from './excel-host.js';

/** Excel.run, counting every context.sync() made through it. */
export function countSyncs(run: ExcelRun): { run: ExcelRun; syncs: () => number } {
  let syncs = 0;
  const counted: ExcelRun = (batch) =>
    run((context) => {
      const sync = context.sync.bind(context);
      context.sync = (<T>(value?: T) => {
        syncs++;
        return sync(value);
      }) as typeof context.sync;
      return batch(context);
    });
  return { run: counted, syncs: () => syncs };
}

export function excelDiagnostics(counted: { run: ExcelRun; syncs: () => number }): Diagnostics {
  const { run } = counted;
  return {
    sheetNames: () =>
      run(async (context) => {
        const sheets = context.workbook.worksheets.load('items/name');
        await context.sync();
        return sheets.items.map((s) => s.name);
      }),

    createSheet: (name: string, rows: ScratchCell[][]) =>
      run(async (context) => {
        const sheet = context.workbook.worksheets.add(name);
        // `formulas` takes constants too; text that looks like a formula gets its apostrophe.
        sheet.getRangeByIndexes(0, 0, rows.length, rows[0].length).formulas = rows.map((r) =>
          r.map((c) =>
            c !== null && typeof c === 'object' ? c.formula : typedInputCell(c as SheetValue),
          ),
        );
        await context.sync();
      }),

    readSheet: (name: string) =>
      run(async (context) => {
        const used = context.workbook.worksheets
          .getItem(name)
          .getUsedRangeOrNullObject(true)
          .load('values,rowIndex,columnIndex');
        await context.sync();
        if (used.isNullObject) return [];
        // From A1: the used range may start lower or further right.
        const pad = new Array<CellValue>(used.columnIndex).fill('');
        return [
          ...Array.from({ length: used.rowIndex }, () => []),
          ...(used.values as CellValue[][]).map((r) => [...pad, ...r]),
        ];
      }),

    callFunction: async (id: string, args: unknown[]) => {
      const def = FUNCTIONS.find((f) => f.id === id);
      if (!def) throw new Error(`no function ${id}`);
      const out = excelFunction(def.impl)(...args);
      if (!Array.isArray(out)) throw new Error(`#VALUE! ${out.message ?? ''}`.trim());
      return out;
    },

    deleteSheets: (names: string[]) =>
      run(async (context) => {
        const sheets = names
          .filter(isScratch)
          .map((n) => context.workbook.worksheets.getItemOrNullObject(n));
        await context.sync();
        for (const s of sheets) if (!s.isNullObject) s.delete();
        await context.sync();
      }),

    roundTrips: counted.syncs,
  };
}
