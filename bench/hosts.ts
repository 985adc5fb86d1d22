/**
 * Host round trips for a full run, from the test fakes (bench/bench.mjs builds this separately,
 * so the bench still runs while the hosts are being written): Excel `context.sync()` calls and
 * SpreadsheetApp calls at 1,000 and 100,000 customer rows. Prints one JSON line.
 */
import { ExcelHost } from '../excel-addin/excel-host.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../test/data/generate.js';
import { createExcelFake, rectAddress } from '../test/fakes/excel.js';
import { boot, runSteps } from '../test/sheets/harness.js';

const SIZES = [1_000, 100_000] as const;

async function excelSyncs(n: number): Promise<{ syncs: number; fixed: number; ms: number }> {
  const fake = createExcelFake({ sheets: ['Sales data'] });
  fake.workbook.seedSheet('Sales data', generateCustomers(n, 1), { startRow: 0, startCol: 0 });
  fake.workbook.select('Sales data', rectAddress({ r0: 3, c0: 2, rows: 1, cols: 1 }));
  const t = performance.now();
  const host = new ExcelHost(fake.Excel.run as any);
  await host.detectTable();
  await host.run(SAMPLE_SETTINGS, () => {});
  const blocks = host.lastRun!.readBlocks + host.lastRun!.writeBlocks;
  return { syncs: fake.stats.syncs, fixed: fake.stats.syncs - blocks, ms: performance.now() - t };
}

async function sheetsCalls(n: number): Promise<{ steps: number; most: number; ms: number }> {
  const s = await boot({ sheetNames: ['Data'] });
  s.fake.spreadsheet.seedSheet('Data', generateCustomers(n, 1));
  s.fake.spreadsheet.select('Data', 'A1');
  s.fake.resetCalls();
  const t = performance.now();
  const { steps } = await runSteps(s, SAMPLE_SETTINGS);
  return {
    steps: steps.length,
    most: Math.max(...steps.map((c) => c.calls)),
    ms: performance.now() - t,
  };
}

const rows: {
  host: string;
  metric: string;
  small: number | null;
  big: number | null;
  note?: string;
}[] = [];
const notes: string[] = [];
try {
  const [a, b] = [await excelSyncs(SIZES[0]), await excelSyncs(SIZES[1])];
  rows.push({
    host: 'Excel (test/fakes/excel.ts, ExcelHost: detect + run + report)',
    metric: 'context.sync() calls',
    small: a.syncs,
    big: b.syncs,
  });
  rows.push({
    host: "Excel, less one sync per data block (≤ 3 MB read, ≤ 4 MB written: Office's 5 MB limits)",
    metric: 'fixed context.sync() calls',
    small: a.fixed,
    big: b.fixed,
  });
  notes.push(`Excel fake: ${(b.ms / 1000).toFixed(1)} s for 100,000 rows`);
} catch (e) {
  rows.push({
    host: 'Excel',
    metric: 'context.sync() calls',
    small: null,
    big: null,
    note: 'not available yet',
  });
  notes.push(`Excel: ${(e as Error).message.split('\n')[0]}`);
}
try {
  const [a, b] = [await sheetsCalls(SIZES[0]), await sheetsCalls(SIZES[1])];
  rows.push({
    host: 'Sheets (built Code.js in the SpreadsheetApp fake: the stepwise run)',
    metric: 'server calls (google.script.run)',
    small: a.steps,
    big: b.steps,
  });
  rows.push({
    host: 'Sheets, the busiest server call (a block of ≤ 60,000 cells, or the preparation)',
    metric: 'SpreadsheetApp calls in one server call',
    small: a.most,
    big: b.most,
  });
  notes.push(`Sheets fake: ${(b.ms / 1000).toFixed(1)} s for 100,000 rows`);
} catch (e) {
  rows.push({
    host: 'Sheets',
    metric: 'SpreadsheetApp calls',
    small: null,
    big: null,
    note: 'not available yet',
  });
  notes.push(`Sheets: ${(e as Error).message.split('\n')[0]}`);
}
process.stdout.write(
  `${JSON.stringify({
    rows,
    note:
      notes.join('; ') +
      '. The Excel count includes the block reads (ExcelHost reads blocks of ≤ 3 MB, sized from the rows read so far).',
  })}\n`,
);
