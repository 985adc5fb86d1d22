/**
 * The google.script.run targets of the sidebar: one thin seam per action — read 2-D values → one
 * core call → render. Core input errors become thrown Errors, which google.script.run hands to the
 * sidebar's failure handler as a one-line message.
 */
import { analyze } from '../core/analyze.js';
import { reportSheets } from '../core/report/report-sheets.js';
import type { SettingsInput } from '../core/settings.js';
import { GROUP_SAMPLE_ROWS, groupCandidates } from '../pane/group-candidates.js';
import type { DetectedTable, Progress, RunOptions, RunSummary } from '../pane/host.js';
import { summarizeRun } from '../pane/run-summary.js';
import { locateTable, readBlock } from './read-table.js';
import { renderReport } from './render-report.js';

/** Enough rows for the core to find the header (it scans 20) and see a data row. */
const DETECT_ROWS = 25;

export function detectTable(): DetectedTable {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const block = locateTable(ss);
  // Enough rows to judge which columns hold few distinct values (offered as groups).
  const head = readBlock(block, ss.getSpreadsheetTimeZone(), DETECT_ROWS + GROUP_SAMPLE_ROWS);
  // Detection only maps columns: gross profit may still be missing (the run will ask).
  const found = analyze(head, { costToServeOnly: true });
  if (!found.ok) throw new Error(found.error.message);
  const { headers, headerRow, mapping } = found.value.input;
  return {
    address: `${quoteSheet(block.sheet)}!${block.range.getA1Notation()}`,
    source: block.source,
    headers,
    rows: block.range.getNumRows() - (headerRow - block.range.getRow()) - 1,
    mapping,
    groupCandidates: groupCandidates(
      head.values.slice(headerRow - (head.firstRow ?? 1)),
      Object.values(mapping),
    ),
  };
}

/**
 * Reads, analyses and writes. With a `runId`, each stage leaves its progress in the user's cache,
 * where the sidebar polls it (runProgress) while this call runs: a few cache writes per run,
 * whatever the row count.
 */
export function runReport(
  settings: SettingsInput,
  options?: RunOptions,
  runId?: string,
): RunSummary {
  const progress = (p: Progress) => {
    if (runId) CacheService.getUserCache().put(PROGRESS_KEY + runId, JSON.stringify(p), 600);
  };
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const block = locateTable(ss);
  progress({ stage: 'read', fraction: 0.05, message: 'Reading the table…' });
  const table = readBlock(block, ss.getSpreadsheetTimeZone());
  progress({
    stage: 'compute',
    fraction: 0.25,
    message: `Pricing, segmenting and explaining ${Math.max(0, table.values.length - 1).toLocaleString('en-US')} rows…`,
  });
  const result = analyze(table, settings ?? {}, options ?? {});
  if (!result.ok) throw new Error(result.error.message);
  // the Assumptions sheet names the sheet analysed and the time of the run (DOMAIN.md §17)
  const specs = reportSheets(result.value, {
    source: `sheet "${block.sheet}"`,
    time: new Date().toISOString(),
  });
  const sheets = renderReport(ss, specs, (done, total, next) =>
    progress({
      stage: 'write',
      fraction: 0.4 + (0.6 * done) / total,
      message: `Writing ${next} (${done + 1} of ${total})…`,
    }),
  );
  progress({ stage: 'done', fraction: 1, message: `Wrote ${sheets.join(', ')}.` });
  return summarizeRun(result.value, sheets, block.sheet);
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

const quoteSheet = (name: string): string =>
  /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
