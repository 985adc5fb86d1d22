/// <reference types="office-js" />
/**
 * The PaneHost of the Excel task pane: finds the customer table (the selection, the Excel table
 * under the cursor, or the block of cells around it), reads it in blocks (read-blocks.ts), hands the values to the
 * core, and draws the core's report with renderSheets. No business rule lives here.
 */
import { analyze } from '../core/analyze.js';
import { reportSheets } from '../core/report/report-sheets.js';
import type { SettingsInput } from '../core/settings.js';
import { guessMapping } from '../pane/guess-mapping.js';
import {
  type DetectedTable,
  type PaneHost,
  type Progress,
  type RunOptions,
  type RunSummary,
  reportOptions,
} from '../pane/host.js';
import { summarizeRun } from '../pane/run-summary.js';
import type { Diagnostics } from '../pane/self-test.js';
import { READ_BUDGET, readBlocks } from './read-blocks.js';
import { renderSheets } from './render-excel.js';

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

interface Located {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rows: number;
  columns: number;
}

export class ExcelHost implements PaneHost {
  readonly name = 'excel' as const;
  /** The self-test's part (diagnostics.ts); the task pane sets it. */
  diagnostics?: Diagnostics;
  private located: Located | null = null;
  /** `excelRun` is Excel.run; tests pass a fake (and a smaller read budget, in bytes). */
  constructor(
    private excelRun: ExcelRun = (batch) => Excel.run(batch),
    private readBudget = READ_BUDGET,
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
      return {
        address: range.address,
        source,
        headers,
        rows: range.rowCount - 1,
        mapping: guessMapping(headers),
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
      const { values, reads } = await readBlocks(
        context,
        t,
        (done, total) =>
          onProgress({
            stage: 'read',
            fraction: 0.3 * (done / total),
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
      const outcome = analyze(
        { values, firstRow: t.rowIndex + 1, firstColumn: t.columnIndex },
        settings,
        options,
      );
      if (!outcome.ok) throw new Error(outcome.error.message);
      const specs = reportSheets(outcome.value, reportOptions(options));
      onProgress({ stage: 'write', fraction: 0.5, message: 'Writing the report sheets…' });
      const written = await renderSheets(context, specs, (f) =>
        onProgress({
          stage: 'write',
          fraction: 0.5 + 0.5 * f,
          message: 'Writing the report sheets…',
        }),
      );
      this.lastRun = { readBlocks: reads, writeBlocks: written.blocks };
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
