/// <reference types="office-js" />
/**
 * The PaneHost of the Excel task pane: finds the customer table (the selection, the Excel table
 * under the cursor, or the block of cells around it), reads it in blocks, hands the values to the
 * core, and draws the core's report with renderSheets. No business rule lives here.
 */
import { analyze } from '../core/analyze.js';
import { columnLetter } from '../core/cell-address.js';
import { reportSheets } from '../core/report/report-sheets.js';
import type { SettingsInput } from '../core/settings.js';
import type { CellValue } from '../core/types.js';
import { GROUP_SAMPLE_ROWS, groupCandidates } from '../pane/group-candidates.js';
import { guessMapping } from '../pane/guess-mapping.js';
import type { DetectedTable, PaneHost, Progress, RunOptions, RunSummary } from '../pane/host.js';
import { summarizeRun } from '../pane/run-summary.js';
import { renderSheets } from './render-excel.js';

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

  detectTable(): Promise<DetectedTable> {
    return this.excelRun(async (context) => {
      const selected = context.workbook.getSelectedRange().load('rowCount,columnCount');
      const tables = selected.getTables(false).load('items/name');
      await context.sync();
      const [source, range]: [DetectedTable['source'], Excel.Range] =
        selected.rowCount > 1 && selected.columnCount > 1
          ? ['selection', selected]
          : tables.items.length
            ? ['table', tables.items[0].getRange()]
            : ['region', selected.getSurroundingRegion()];
      range.load('address,rowIndex,columnIndex,rowCount,columnCount');
      range.worksheet.load('name');
      const header = range.getRow(0).load('values');
      // The first rows, to offer columns with few distinct values as groups (same sync).
      const sample = range
        .getIntersection(range.getRow(0).getResizedRange(GROUP_SAMPLE_ROWS, 0))
        .load('values');
      await context.sync();
      if (range.rowCount < 2 || range.columnCount < 2) {
        throw new Error(
          'No table here: click a cell inside your customer table (a header row, then one row per customer or invoice line), or select the whole table, and try again.',
        );
      }
      this.located = {
        sheet: range.worksheet.name,
        rowIndex: range.rowIndex,
        columnIndex: range.columnIndex,
        rows: range.rowCount,
        columns: range.columnCount,
      };
      const headers = header.values[0].map((h) => String(h ?? '').trim());
      const mapping = guessMapping(headers);
      return {
        address: range.address,
        source,
        headers,
        rows: range.rowCount - 1,
        mapping,
        groupCandidates: groupCandidates(sample.values, Object.values(mapping)),
      };
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
      // the Assumptions sheet names the range analysed and the time of the run (DOMAIN.md §17)
      const specs = reportSheets(outcome.value, {
        source: `${t.sheet}!${columnLetter(t.columnIndex)}${t.rowIndex + 1}:${columnLetter(t.columnIndex + t.columns - 1)}${t.rowIndex + t.rows}`,
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

/** Lets the pane paint the progress bar before the (synchronous) analysis runs. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
