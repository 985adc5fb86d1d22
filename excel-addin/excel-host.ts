/// <reference types="office-js" />
/**
 * The PaneHost of the Excel task pane: finds the customer table (the selection, the Excel table
 * under the cursor, or the block of cells around it), reads it in blocks, hands the values to the
 * core, and draws the core's report with renderSheets. No business rule lives here.
 */
import { analyze } from '../core/analyze.js';
import { detectTable, HEAD_ROWS } from '../core/detect-table.js';
import { reportSheets } from '../core/report/report-sheets.js';
import type { SettingsInput } from '../core/settings.js';
import type { CellValue } from '../core/types.js';
import { detectedTable } from '../pane/detected-table.js';
import type {
  DetectedTable,
  PaneHost,
  Progress,
  RunOptions,
  RunSummary,
  TableLocation,
} from '../pane/host.js';
import { summarizeRun } from '../pane/run-summary.js';
import { OWNER_KEY, renderSheets } from './render-excel.js';

/** Cells per read: well under Office.js's 5 MB response limit even for long text cells. */
export const READ_CELLS = 50_000;

type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

interface Located {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rows: number;
  columns: number;
}

export class ExcelHost implements PaneHost {
  readonly name = 'excel' as const;
  private located: Located | null = null;
  /** `excelRun` is Excel.run; tests pass a fake (and smaller reads). */
  constructor(
    private excelRun: ExcelRun = (batch) => Excel.run(batch),
    private readCells = READ_CELLS,
  ) {}

  /**
   * The selection when it spans rows and columns (clipped to the cells in use, so selecting
   * columns A:L does not mean a million rows), else the Excel table under the cursor, else the
   * block of cells around it; then the core finds the header in its first rows. Three syncs.
   */
  detectTable(): Promise<DetectedTable> {
    return this.excelRun(async (context) => {
      const selected = context.workbook.getSelectedRange().load('address,rowCount,columnCount');
      const sheet = selected.worksheet.load('id,name');
      const tables = selected.getTables(false).load('items/id');
      const mark = sheet.customProperties.getItemOrNullObject(OWNER_KEY).load('value');
      await context.sync();
      if (!mark.isNullObject) throw new Error(ownSheet(sheet.name));
      const at = { sheetId: sheet.id, sheet: sheet.name, block: localAddress(selected.address) };
      const location: TableLocation =
        selected.rowCount > 1 && selected.columnCount > 1
          ? { source: 'selection', ...at }
          : tables.items.length
            ? { source: 'table', ...at, tableId: tables.items[0].id }
            : { source: 'region', ...at };
      const block = await blockOf(context, sheet, location, tables.items[0]);
      const head = block
        ? sheet
            .getRangeByIndexes(block.row, block.col, Math.min(HEAD_ROWS, block.rows), block.cols)
            .load('values')
        : null;
      if (head) await context.sync();
      const found = detectTable(
        head && block
          ? {
              values: head.values,
              firstRow: block.row + 1,
              firstColumn: block.col,
              rows: block.rows,
              columns: block.cols,
            }
          : { values: [] },
      );
      if (!found.ok) throw new Error(found.error.message);
      const t = found.value;
      this.located = {
        sheet: sheet.name,
        rowIndex: t.headerRow - 1,
        columnIndex: t.firstColumn,
        rows: t.rows,
        columns: t.columns,
      };
      return detectedTable(t, location);
    });
  }

  /** Data transfers of the last run: each is one context.sync(); every other sync is fixed. */
  lastRun: { readBlocks: number; writeBlocks: number } | null = null;

  async run(
    settings: SettingsInput,
    onProgress: (p: Progress) => void,
    options: RunOptions = {},
  ): Promise<RunSummary> {
    if (!this.located) await this.detectTable();
    const t = this.located!;
    return this.excelRun(async (context) => {
      const sheet = context.workbook.worksheets.getItem(t.sheet);
      const rowsPerRead = Math.max(1, Math.floor(this.readCells / t.columns));
      const values: CellValue[][] = [];
      let readBlocks = 0;
      for (let r = 0; r < t.rows; r += rowsPerRead, readBlocks++) {
        onProgress({
          stage: 'read',
          fraction: 0.3 * (r / t.rows),
          message: `Reading rows ${r + 1}–${Math.min(t.rows, r + rowsPerRead)} of ${t.rows}…`,
        });
        const block = sheet
          .getRangeByIndexes(
            t.rowIndex + r,
            t.columnIndex,
            Math.min(rowsPerRead, t.rows - r),
            t.columns,
          )
          .load('values');
        await context.sync();
        for (const row of block.values) values.push(row);
      }
      onProgress({
        stage: 'compute',
        fraction: 0.3,
        message: 'Pricing, segmenting and explaining customers…',
      });
      await nextFrame();
      const outcome = analyze(
        { values, firstRow: t.rowIndex + 1, firstColumn: t.columnIndex },
        settings,
        options,
      );
      if (!outcome.ok) throw new Error(outcome.error.message);
      const specs = reportSheets(outcome.value);
      onProgress({ stage: 'write', fraction: 0.5, message: 'Writing the report sheets…' });
      const written = await renderSheets(context, specs, (f) =>
        onProgress({
          stage: 'write',
          fraction: 0.5 + 0.5 * f,
          message: 'Writing the report sheets…',
        }),
      );
      this.lastRun = { readBlocks, writeBlocks: written.blocks };
      onProgress({ stage: 'done', fraction: 1, message: `Done: ${written.sheets.join(', ')}.` });
      return summarizeRun(outcome.value, written.sheets, t.sheet);
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

/** 0-based block of cells, as Office.js indexes them. */
interface Block {
  row: number;
  col: number;
  rows: number;
  cols: number;
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
): Promise<Block | null> {
  const range =
    location.source === 'table' && table
      ? table.getRange()
      : location.source === 'region'
        ? sheet.getRange(location.block).getSurroundingRegion()
        : sheet.getRange(location.block);
  range.load('rowIndex,columnIndex,rowCount,columnCount');
  const used =
    location.source === 'selection'
      ? sheet.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount')
      : null;
  await context.sync();
  const block = {
    row: range.rowIndex,
    col: range.columnIndex,
    rows: range.rowCount,
    cols: range.columnCount,
  };
  if (!used) return block;
  if (used.isNullObject) return null;
  return intersect(block, {
    row: used.rowIndex,
    col: used.columnIndex,
    rows: used.rowCount,
    cols: used.columnCount,
  });
}

function intersect(a: Block, b: Block): Block | null {
  const row = Math.max(a.row, b.row),
    col = Math.max(a.col, b.col);
  const rows = Math.min(a.row + a.rows, b.row + b.rows) - row,
    cols = Math.min(a.col + a.cols, b.col + b.cols) - col;
  return rows > 0 && cols > 0 ? { row, col, rows, cols } : null;
}

/** "'Sales data'!C4" → "C4". */
const localAddress = (address: string): string => address.slice(address.lastIndexOf('!') + 1);

const ownSheet = (name: string): string =>
  `"${name}" is a sheet of the Profit Tiers report: go to the sheet with your customer table, click a cell in it, and try again`;

/** Lets the pane paint the progress bar before the (synchronous) analysis runs. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
