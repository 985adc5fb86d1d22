/// <reference types="office-js" />
/**
 * The PaneHost of the Excel task pane: finds the customer table (the selection, the Excel table
 * under the cursor, or the block of cells around it), re-finds it on each run, reads it in blocks
 * sized by bytes (read-blocks.ts), hands the values to the core, and draws the core's report with
 * renderSheets. No business rule lives here.
 */
import { columnLetter, sheetRange } from '../core/cell-address.js';
import { type CellBlock, detectTable } from '../core/detect-table.js';
import { reportSheets } from '../core/report/report-sheets.js';
import {
  freeName,
  rectangular,
  type SheetSpec,
  type SheetValue,
  typedInputCell,
} from '../core/report/sheet-spec.js';
import type { SettingsInput } from '../core/settings.js';
import type { CellValue } from '../core/types.js';
import { analyzeTable, tableGone } from '../pane/analyze-table.js';
import { detectedTable, detectRows, reportSheetPicked } from '../pane/detected-table.js';
import {
  type DetectedTable,
  type PaneHost,
  type Progress,
  type RunOptions,
  type RunSummary,
  reportOptions,
  type TableLocation,
} from '../pane/host.js';
import { PaneError } from '../pane/pane-error.js';
import { summarizeRun } from '../pane/run-summary.js';
import type { Diagnostics } from '../pane/self-test.js';
import { READ_BUDGET, readBlocks } from './read-blocks.js';
import { OWNER_KEY, renderSheets } from './render-excel.js';

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** A block of cells on a sheet, 0-based, as Office.js indexes them. */
export interface Cells {
  rowIndex: number;
  columnIndex: number;
  rows: number;
  columns: number;
}

export class ExcelHost implements PaneHost {
  readonly name = 'excel' as const;
  /** The self-test's part (diagnostics.ts); the task pane sets it. */
  diagnostics?: Diagnostics;
  /** Where the last detection found the table: every run re-finds it there. */
  private located: TableLocation | null = null;
  /** `excelRun` is Excel.run; tests pass a fake (and a smaller read budget, in bytes). */
  constructor(
    private excelRun: ExcelRun = (batch) => Excel.run(batch),
    private readBudget = READ_BUDGET,
  ) {}

  /**
   * The selection when it spans rows and columns (clipped to the cells in use, so selecting
   * columns A:L does not mean a million rows), else the Excel table under the cursor, else the
   * block of cells around it, taken down over blank rows while its columns hold values below;
   * then the core finds the header in its first rows. Three syncs.
   */
  detectTable(): Promise<DetectedTable> {
    return this.excelRun(async (context) => {
      const selected = context.workbook.getSelectedRange().load('address,rowCount,columnCount');
      const sheet = selected.worksheet.load('id,name');
      const tables = selected.getTables(false).load('items/id');
      const mark = sheet.customProperties.getItemOrNullObject(OWNER_KEY).load('value');
      await context.sync();
      if (!mark.isNullObject) throw new PaneError(reportSheetPicked(sheet.name));
      const at = { sheetId: sheet.id, sheet: sheet.name, block: localAddress(selected.address) };
      const location: TableLocation =
        selected.rowCount > 1 && selected.columnCount > 1
          ? { source: 'selection', ...at }
          : tables.items.length
            ? { source: 'table', ...at, tableId: tables.items[0].id }
            : { source: 'region', ...at };
      const block = await blockOf(context, sheet, location, tables.items[0]);
      let found = detectTable({ values: [] }); // a selection of empty cells: no table
      let head: Excel.Range | undefined;
      if (block) {
        const { rowIndex, columnIndex, rows, columns } = block;
        // The rows the header may be in, and a sample to offer group columns from: one read.
        head = sheet
          .getRangeByIndexes(rowIndex, columnIndex, Math.min(detectRows(columns), rows), columns)
          .load('values');
        await context.sync();
        found = detectTable(cellBlock(head.values, block));
      }
      if (!found.ok) throw new PaneError(found.error);
      this.located = location;
      return detectedTable(found.value, location, head?.values);
    });
  }

  /** Data transfers of the last run: each is one context.sync(); every other sync is fixed. */
  lastRun: { readBlocks: number; writeBlocks: number } | null = null;

  async run(
    settings: SettingsInput,
    onProgress: (p: Progress) => void,
    options: RunOptions = {},
  ): Promise<RunSummary> {
    const location = this.located ?? (await this.detectTable()).location;
    return this.excelRun(async (context) => {
      // Re-found as it is now: by the sheet's id (a rename is fine), the table's id, the region
      // around the cell (rows added since are read), the selection clipped to the cells in use.
      const sheet = context.workbook.worksheets.getItemOrNullObject(location.sheetId).load('name');
      const table = location.tableId
        ? context.workbook.tables.getItemOrNullObject(location.tableId).load('id')
        : undefined;
      await context.sync();
      if (sheet.isNullObject) throw new PaneError(tableGone(location, 'sheet-deleted'));
      if (table?.isNullObject) throw new PaneError(tableGone(location, 'table-deleted'));
      const here = { ...location, sheet: sheet.name };
      const t = await blockOf(context, sheet, here, table);
      if (!t) throw new PaneError(tableGone(here, 'no-table'));
      const { values, reads } = await readBlocks(
        context,
        { sheet: here.sheet, ...t },
        (done, total) =>
          onProgress({
            stage: 'read',
            fraction: 0.3 * (done / total),
            rows: { done, total },
            message: `Reading the table: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows…`,
          }),
        this.readBudget,
      );
      onProgress({
        stage: 'compute',
        fraction: 0.3,
        message: 'Pricing, segmenting and explaining customers…',
      });
      await nextFrame();
      const outcome = analyzeTable(cellBlock(values, t), here, settings, options);
      if (!outcome.ok) throw new PaneError(outcome.error);
      // the Assumptions sheet names the range analysed and the time of the run (DOMAIN.md §17)
      const specs = reportSheets(outcome.value, {
        ...reportOptions(options),
        source: sheetRange(here.sheet, blockAddress(t)),
        time: new Date().toISOString(),
      });
      onProgress({ stage: 'write', fraction: 0.5, message: 'Writing the report sheets…' });
      const written = await renderSheets(context, specs, (f) =>
        onProgress({
          stage: 'write',
          fraction: 0.5 + 0.5 * f,
          message: 'Writing the report sheets…',
        }),
      );
      this.lastRun = { readBlocks: reads, writeBlocks: written.blocks };
      onProgress({
        stage: 'done',
        fraction: 1,
        message: `Done: ${written.sheets.join(', ')}.`,
        sheets: written.sheets,
      });
      return summarizeRun(outcome.value, written.sheets, sheet.name);
    });
  }

  /** Writes the pane's What-if sheets; the rest of the report stays as it is. */
  writeSheets(specs: SheetSpec[]): Promise<string[]> {
    return this.excelRun(
      async (context) => (await renderSheets(context, specs, undefined, undefined, true)).sheets,
    );
  }

  /** A new sheet of `rows` under a free name, active with the rows selected (two syncs). */
  addSheet(name: string, rows: SheetValue[][]): Promise<string> {
    return this.excelRun(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      const free = freeName(name, new Set(sheets.items.map((s) => s.name)));
      const ws = context.workbook.worksheets.add(free);
      const width = Math.max(1, ...rows.map((r) => r.length));
      const range = ws.getRangeByIndexes(0, 0, rows.length, width);
      range.values = rectangular(rows, width).map((r) => r.map(typedInputCell));
      ws.activate();
      range.select();
      await context.sync();
      return free;
    });
  }

  goTo(sheet: string, cell: string): Promise<void> {
    return this.excelRun(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  }
}

/**
 * The cells a location points at now (one sync): the selection clipped to the used range, the
 * table's range, or the region around the cursor's cell. Null when a selection holds nothing.
 */
async function blockOf(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  location: TableLocation,
  table?: Excel.Table,
): Promise<Cells | null> {
  const range =
    location.source === 'table' && table
      ? table.getRange()
      : location.source === 'region'
        ? sheet.getRange(location.block).getSurroundingRegion()
        : sheet.getRange(location.block);
  const shape = 'rowIndex,columnIndex,rowCount,columnCount';
  range.load(shape);
  const used = location.source === 'selection' ? sheet.getUsedRangeOrNullObject(true) : null;
  used?.load(shape);
  // Excel's region stops at a blank row; the table goes on while its columns hold values below.
  const inColumns =
    location.source === 'region' ? range.getEntireColumn().getUsedRangeOrNullObject(true) : null;
  inColumns?.load(shape);
  await context.sync();
  if (inColumns)
    return overBlankRows(cellsOf(range), inColumns.isNullObject ? null : cellsOf(inColumns));
  if (!used) return cellsOf(range);
  return used.isNullObject ? null : intersect(cellsOf(range), cellsOf(used));
}

/**
 * The region taken down to the last row holding a value in its columns (`used`, the used range
 * of those columns), so one blank row inside a table does not cut it: a run lists the blank rows.
 */
export function overBlankRows(region: Cells, used: Cells | null): Cells {
  const bottom = used ? used.rowIndex + used.rows : 0;
  return { ...region, rows: Math.max(region.rows, bottom - region.rowIndex) };
}

const cellsOf = (r: Excel.Range): Cells => ({
  rowIndex: r.rowIndex,
  columnIndex: r.columnIndex,
  rows: r.rowCount,
  columns: r.columnCount,
});

function intersect(a: Cells, b: Cells): Cells | null {
  const rowIndex = Math.max(a.rowIndex, b.rowIndex),
    columnIndex = Math.max(a.columnIndex, b.columnIndex);
  const rows = Math.min(a.rowIndex + a.rows, b.rowIndex + b.rows) - rowIndex,
    columns = Math.min(a.columnIndex + a.columns, b.columnIndex + b.columns) - columnIndex;
  return rows > 0 && columns > 0 ? { rowIndex, columnIndex, rows, columns } : null;
}

/** Values read from (the top of) `cells`, as the core's detection takes them. */
const cellBlock = (values: CellValue[][], cells: Cells): CellBlock => ({
  values,
  firstRow: cells.rowIndex + 1,
  firstColumn: cells.columnIndex,
  rows: cells.rows,
  columns: cells.columns,
});

/** {rowIndex: 2, columnIndex: 1, rows: 41, columns: 12} → "B3:M43". */
const blockAddress = (c: Cells): string =>
  `${columnLetter(c.columnIndex)}${c.rowIndex + 1}:${columnLetter(c.columnIndex + c.columns - 1)}${c.rowIndex + c.rows}`;

/** "'Sales data'!C4" → "C4". */
const localAddress = (address: string): string => address.slice(address.lastIndexOf('!') + 1);

/** Lets the pane paint the progress bar before the (synchronous) analysis runs. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
