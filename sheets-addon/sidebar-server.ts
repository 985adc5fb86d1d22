/**
 * The google.script.run targets of the sidebar: one thin seam per action — read 2-D values → one
 * core call → render. Core input errors are thrown as PaneErrors (the pane's presentation of the
 * error codes), which google.script.run hands to the sidebar's failure handler as one line.
 */
import { detectTable as findTable, HEAD_ROWS } from '../core/detect-table.js';
import { reportSheets } from '../core/report/report-sheets.js';
import type { SettingsInput } from '../core/settings.js';
import { analyzeTable, tableGone } from '../pane/analyze-table.js';
import { detectedTable } from '../pane/detected-table.js';
import type {
  DetectedTable,
  Progress,
  RunOptions,
  RunSummary,
  TableLocation,
} from '../pane/host.js';
import { PaneError } from '../pane/pane-error.js';
import { summarizeRun } from '../pane/run-summary.js';
import { locateTable, readBlock, relocateTable } from './read-table.js';
import { renderReport } from './render-report.js';

/** Finds the table with the core's one detection, from the first rows of the located block. */
export function detectTable(): DetectedTable {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const block = locateTable(ss);
  const found = findTable(readBlock(block, ss.getSpreadsheetTimeZone(), HEAD_ROWS));
  if (!found.ok) throw new PaneError(found.error);
  return detectedTable(found.value, block.location);
}

/**
 * Reads, analyses and writes. `table` is where the sidebar's detection found the table: the run
 * reads it there (the active sheet may be the report's by now), re-checked to still hold the
 * table; without it, the table is located from the active sheet as detection does. With a
 * `runId`, each stage leaves its progress in the user's cache, where the sidebar polls it
 * (runProgress) while this call runs: a few cache writes per run, whatever the row count.
 */
export function runReport(
  settings: SettingsInput,
  options?: RunOptions,
  runId?: string,
  table?: TableLocation,
): RunSummary {
  const progress = (p: Progress) => {
    if (runId) CacheService.getUserCache().put(PROGRESS_KEY + runId, JSON.stringify(p), 600);
  };
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const block = table ? relocateTable(ss, table) : locateTable(ss);
  if (!block) throw new PaneError(tableGone(table!, 'sheet-deleted'));
  progress({ stage: 'read', fraction: 0.05, message: 'Reading the table…' });
  const cells = readBlock(block, ss.getSpreadsheetTimeZone());
  progress({
    stage: 'compute',
    fraction: 0.25,
    message: `Pricing, segmenting and explaining ${Math.max(0, cells.values.length - 1).toLocaleString('en-US')} rows…`,
  });
  const result = analyzeTable(cells, block.location, settings ?? {}, options ?? {});
  if (!result.ok) throw new PaneError(result.error);
  const specs = reportSheets(result.value);
  const sheets = renderReport(ss, specs, (done, total, next) =>
    progress({
      stage: 'write',
      fraction: 0.4 + (0.6 * done) / total,
      message: `Writing ${next} (${done + 1} of ${total})…`,
    }),
  );
  progress({ stage: 'done', fraction: 1, message: `Wrote ${sheets.join(', ')}.` });
  return summarizeRun(result.value, sheets, block.location.sheet);
}

const PROGRESS_KEY = 'profit-tiers-progress:';

/** The latest progress of the run `runId`, or null before its first stage. */
export function runProgress(runId: string): Progress | null {
  const text = CacheService.getUserCache().get(PROGRESS_KEY + runId);
  return text ? (JSON.parse(text) as Progress) : null;
}

/** Selects a cell of the source table, e.g. a rejected row the user clicked. */
export function goTo(sheet: string, cell: string): void {
  const target = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet);
  if (!target) throw new Error(`There is no sheet named "${sheet}" any more.`);
  target.getRange(cell).activate();
}
