/**
 * The sidebar half of the stepwise run (the server half: ../run-steps.ts). Every step is one
 * server call, so the progress bar moves when a step is done, and a failure says which step:
 *   read the table in row blocks → analyse here, with the same core → prepare the report (the
 *   server checks the 10 M-cell limit before writing anything) → each sheet in row blocks, then
 *   its finish → finish the report.
 * The report stays in this page's memory between steps; see run-steps.ts for why.
 */
import type { Outcome } from '../../core/errors.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import type { SheetSpec } from '../../core/report/sheet-spec.js';
import type { SettingsInput } from '../../core/settings.js';
import type { CellValue } from '../../core/types.js';
import { analyzeTable } from '../../pane/analyze-table.js';
import {
  type Progress,
  type RunOptions,
  type RunSummary,
  reportOptions,
  type TableLocation,
} from '../../pane/host.js';
import { PaneError } from '../../pane/pane-error.js';
import { summarizeRun } from '../../pane/run-summary.js';
import type { PlacedReport } from '../render-report.js';
import type { RowsRead } from '../run-steps.js';
import { blockRanges, rowBlock, sheetFinish, sheetSize } from '../sheet-blocks.js';

/** What readRows answers: the rows, or why the table is not there any more. */
type ReadOutcome = Outcome<RowsRead>;

/** One server call: google.script.run in the sidebar, the bundle itself in tests. */
export type ServerCall = <T>(name: string, ...args: unknown[]) => Promise<T>;

/** Cells per read: about 1.5 MB of JSON for a typical table (7.4 MB for 100,000 rows × 12). */
export const READ_CELLS = 250_000;

const count = (n: number) => n.toLocaleString('en-US');

/** Runs `call`, prefixing its failure with the step it was ("Writing Why, rows 1–3,750: …"). */
async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw new Error(`${label}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Reads the table where detection found it (`table`: the server re-finds it there on every read,
 * whatever sheet is active), analyses it and writes the report. A table that is gone since, or
 * cells that hold no customer table any more, fail in one line with the core's `table-gone`.
 * Progress: reading 0–20 %, analysing 20–30 %, writing 30–100 % by cells written.
 */
export async function runInSteps(
  call: ServerCall,
  table: TableLocation,
  columns: number,
  settings: SettingsInput,
  options: RunOptions,
  onProgress: (p: Progress) => void,
): Promise<RunSummary> {
  const perRead = Math.max(1, Math.floor(READ_CELLS / Math.max(1, columns)));
  const values: CellValue[][] = [];
  let first: RowsRead | null = null;
  for (let from = 0; first === null || from < first.rows; ) {
    const total = first?.rows;
    onProgress({
      stage: 'read',
      fraction: total ? (0.2 * from) / total : 0,
      ...(total ? { rows: { done: from, total } } : {}),
      message: total
        ? `Reading rows ${count(from + 1)}–${count(Math.min(total, from + perRead))} of ${count(total)}…`
        : 'Reading the table…',
    });
    const read = await step(`Reading rows ${count(from + 1)}–${count(from + perRead)}`, () =>
      call<ReadOutcome>('readRows', table, from, perRead),
    );
    if (!read.ok) throw new PaneError(read.error); // the answer, not a failure of the step
    const got = read.value;
    first ??= got;
    for (const row of got.values) values.push(row);
    from += perRead;
    if (got.values.length === 0) break;
  }
  const found = first!;

  onProgress({
    stage: 'compute',
    fraction: 0.2,
    message: `Pricing, segmenting and explaining ${count(Math.max(0, values.length - 1))} rows…`,
  });
  await new Promise((resolve) => setTimeout(resolve, 0)); // paint the bar before the analysis
  // The same check as every host's run: the cells read must still hold the customer table.
  const outcome = analyzeTable(
    {
      values,
      firstRow: found.firstRow,
      firstColumn: found.firstColumn,
      rows: found.rows,
      columns: found.columns,
    },
    found.location,
    settings,
    options,
  );
  if (!outcome.ok) throw new PaneError(outcome.error);
  // the Assumptions sheet names the sheet analysed and the time of the run (DOMAIN.md §17)
  const specs = reportSheets(outcome.value, {
    ...reportOptions(options),
    source: `sheet "${found.location.sheet}"`,
    time: new Date().toISOString(),
  });

  const names = await writeInSteps(call, specs, (f, message, writing) =>
    onProgress({
      stage: 'write',
      fraction: 0.3 + 0.7 * f,
      message,
      ...(writing ? { writing } : {}),
    }),
  );
  onProgress({ stage: 'done', fraction: 1, message: `Wrote ${names.join(', ')}.`, sheets: names });
  return summarizeRun(outcome.value, names, found.location.sheet);
}

/**
 * Writes report sheets the sidebar built: prepare (the cell-limit check, then the sheets placed
 * and sized), each sheet in row blocks and its finish, then finish. `keepOthers`: a What-if
 * writes only its Scenarios sheet, leaving the rest of the report as it is. Returns the names
 * written; `onProgress(fraction, message)` follows the cells written.
 */
export async function writeInSteps(
  call: ServerCall,
  specs: SheetSpec[],
  onProgress: (fraction: number, message: string, writing?: Progress['writing']) => void = () => {},
  keepOthers = false,
): Promise<string[]> {
  onProgress(0, 'Making room for the report…');
  const placed = await step('Preparing the report sheets', () =>
    call<PlacedReport>(
      'prepareReport',
      specs.map((s) => ({ name: s.name, ...sheetSize(s) })),
      keepOthers,
    ),
  );

  const cells = (from: number, to: number, width: number) => (to - from) * Math.max(1, width);
  const totalCells = specs.reduce((n, s) => n + cells(0, s.values.length, s.width), 0) || 1;
  let written = 0;
  for (const [i, spec] of specs.entries()) {
    const { id, name } = placed.sheets[i];
    const blocks = blockRanges(spec);
    for (const [from, to] of blocks) {
      const label = `Writing ${name}, rows ${count(from + 1)}–${count(to)}`;
      onProgress(
        written / totalCells,
        `${label}${blocks.length > 1 ? ` of ${count(spec.values.length)}` : ''}…`,
        { sheet: name, from: from + 1, to, of: blocks.length > 1 ? spec.values.length : null },
      );
      await step(label, () => call<void>('writeRows', id, rowBlock(spec, from, to)));
      written += cells(from, to, spec.width);
    }
    await step(`Formatting ${name}`, () => call<void>('finishSheet', id, sheetFinish(spec)));
  }
  await step('Finishing the report', () =>
    call<void>('finishReport', placed.stale, placed.sheets[0]?.id ?? null),
  );
  return placed.sheets.map((s) => s.name);
}
