/**
 * `npm run bench -- --xlsx`: xlsx input at the row limit (issue 16). Generated customers
 * (test/data/generate.ts, seed 1) are written as a workbook by ExcelJS's streaming writer, with
 * shared strings after the sheet as Excel orders its parts, into bench/tmp (deleted after). Then,
 * each a fresh process under GNU time: `profit-tiers analyze <file>` (the streamed reader), and
 * the same read + analysis through this bench with the streamed reader and with the
 * whole-workbook ExcelJS load it replaced (test/cli/read-xlsx-whole.ts). Its section of
 * bench/results.md is replaced; one `--cpu-prof` run of the CLI says what bounds it.
 */
import { createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readXlsx } from '../cli/read-xlsx.js';
import { analyze } from '../core/analyze.js';
import { findHeader } from '../core/read-rows.js';
import { resolveSettings } from '../core/settings.js';
import type { CellValue } from '../core/types.js';
import { readXlsxWhole } from '../test/cli/read-xlsx-whole.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../test/data/generate.js';

const START = '<!-- xlsx input: start -->';
const END = '<!-- xlsx input: end -->';

type Run = { median: number; peakMB: number } | { error: string };

/** What run.ts lends this section (its whole-process helpers). */
export interface XlsxBenchHelpers {
  root: string;
  processRuns(args: string[], env?: NodeJS.ProcessEnv, runs?: number, warm?: boolean): Run;
  profileTop(dir: string, top?: number): string;
  replaceSection(start: string, end: string, section: string): void;
  machine(): string;
  fmtMs(ms: number): string;
  fmtN(n: number): string;
}

/** Writes `n` generated customers as an xlsx workbook, row by row (bounded memory). */
async function writeCustomers(file: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Customers');
  for (const row of generateCustomers(n, 1)) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
}

/**
 * ExcelJS's own streaming reader, `WorkbookReader`, rows to values (no cell rules: for comparison
 * only). It reads the zip in file order, so sheets stored before the shared strings are first
 * spilled to temporary files.
 */
async function workbookReaderValues(file: string): Promise<CellValue[][]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const values: CellValue[][] = [];
  for await (const ws of reader) {
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      const out: CellValue[] = [];
      row.eachCell((c, i) => {
        out[i - 1] = c.value as CellValue;
      });
      values[row.number - 1] = out;
    }
    break; // the first sheet
  }
  return values;
}

/** Inside a bench process: read `file` with one reader, analyse it, print the customer count. */
async function readAndAnalyse(reader: string, file: string): Promise<void> {
  const { settings } = resolveSettings(SAMPLE_SETTINGS);
  const holdsTable = (values: CellValue[][]) => findHeader(values, settings).ok;
  const t =
    reader === 'workbook-reader'
      ? { values: await workbookReaderValues(file) }
      : await (reader === 'whole' ? readXlsxWhole : readXlsx)(new Uint8Array(readFileSync(file)), {
          holdsTable,
        });
  const o = analyze(t, SAMPLE_SETTINGS);
  if (!o.ok) throw new Error(o.error.message);
  process.stdout.write(`${o.value.customers.n} customers, revenue ${o.value.totals.revenue}\n`);
}

/** GNU time's last lines of a failed run, in words: V8 aborts (signal 6) when the heap is full. */
function failure(error: string): string {
  const m = /signal 6 (\d+)$/.exec(error);
  return m
    ? `aborted: out of heap (signal 6) at ${(Number(m[1]) / 2 ** 20).toFixed(1)} GB RSS`
    : `failed: ${error.slice(0, 200)}`;
}

export async function xlsxInputMain(h: XlsxBenchHelpers): Promise<void> {
  const reader = process.argv.indexOf('--reader');
  if (reader >= 0) return readAndAnalyse(process.argv[reader + 1], process.argv[reader + 2]);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const cli = join(h.root, 'bench/tmp/build/cli.mjs');
  const self = join(h.root, 'bench/tmp/build/run.mjs');
  const work = join(h.root, 'bench/tmp/xlsx-input');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const settingsFile = join(work, 'settings.json');
  writeFileSync(settingsFile, JSON.stringify(SAMPLE_SETTINGS));
  const load0 = readFileSync('/proc/loadavg', 'utf8').trim();
  const started = new Date();
  const rows: string[] = [];
  let profile = '';
  try {
    for (const n of [10_000, 1_048_575]) {
      const file = join(work, `customers-${n}.xlsx`);
      log(`writing ${h.fmtN(n)} customers as xlsx…`);
      await writeCustomers(file, n);
      const mb = (readFileSync(file).length / 2 ** 20).toFixed(1);
      const runs = n > 100_000 ? 1 : 3;
      const cases: [string, string[]][] = [
        ['`profit-tiers analyze` (streamed)', [cli, 'analyze', file, '--settings', settingsFile]],
        ['read + analyse, streamed reader', [self, '--xlsx', '--reader', 'streamed', file]],
        [
          'read + analyse, whole-workbook load (before)',
          [self, '--xlsx', '--reader', 'whole', file],
        ],
        [
          "read + analyse, ExcelJS's WorkbookReader (raw values, no cell rules)",
          [self, '--xlsx', '--reader', 'workbook-reader', file],
        ],
      ];
      for (const [label, args] of cases) {
        log(`  ${label}…`);
        const r = h.processRuns(args, {}, runs, n <= 100_000);
        rows.push(
          `| ${h.fmtN(n)} | ${mb} MB | ${label} | ${'error' in r ? failure(r.error) : h.fmtMs(r.median)} | ${'error' in r ? '' : `${Math.round(r.peakMB)} MB`} |`,
        );
      }
      if (n > 100_000) {
        const profDir = join(work, 'prof');
        h.processRuns(['--cpu-prof', `--cpu-prof-dir=${profDir}`, ...cases[0][1]], {}, 1, false);
        profile = h.profileTop(profDir, 8);
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const load1 = readFileSync('/proc/loadavg', 'utf8').trim();
  const section = [
    START,
    '## xlsx input at the row limit (issue 16)',
    '',
    `Run ${started.toISOString()} by \`npm run bench -- --xlsx\` on: ${h.machine()}. Load (\`/proc/loadavg\`, 1/5/15 min) before: ${load0.split(' ').slice(0, 3).join(' ')}; after: ${load1.split(' ').slice(0, 3).join(' ')} (2 cores, shared).`,
    '',
    'Generated customers (test/data/generate.ts, seed 1), written by ExcelJS\'s streaming writer with shared strings after the sheet (as Excel orders its parts), into bench/tmp and deleted after. Each case a fresh process under GNU time: wall time (median of 3 after a warm-up; at 1,048,575 one run after a warm-up) and peak RSS. "read + analyse" runs the reader and the core in this bench\'s process (no CLI start-up or output); "before" is the whole-workbook ExcelJS load (`wb.xlsx.load`) the streamed reader replaced; "WorkbookReader" is ExcelJS\'s own streaming reader giving each row\'s raw values (it spills a sheet stored before the shared strings to a temporary file, and loses what the cell rules need: cached formula errors read as NaN, merges), for comparison.',
    '',
    '| customers | file | process | wall time | peak RSS |',
    '|---:|---:|---|---:|---:|',
    ...rows,
    '',
    `What bounds \`profit-tiers analyze\` on 1,048,575 rows (self time by function, one \`--cpu-prof\` run): ${profile}.`,
    END,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  h.replaceSection(START, END, section);
}
