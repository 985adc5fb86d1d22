/**
 * `npm run bench -- --report`: the report writer at 100,000 customers (issue 16), whole processes.
 * `profit-tiers analyze <100,000 customers> --settings samples/settings.json --out r.xlsx` under
 * GNU time, and the same run without `--out` (read, analyse, print the summary), so the writer's
 * share is the difference; peak RSS, the workbook's size, and what bounds the run (one
 * `--cpu-prof` run, self time by function). Writes its section of bench/results.md.
 *
 * The helpers come from bench/run.ts (processes under GNU time, profiles, the machine, the
 * generated data), handed in so this file runs none of that module's code itself.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessRun {
  ms: number[];
  median: number;
  peakMB: number;
}

export interface BenchHelpers {
  root: string;
  csvFile(kind: 'customers', n: number): string;
  processRuns(
    args: string[],
    env?: NodeJS.ProcessEnv,
    runs?: number,
    warm?: boolean,
  ): ProcessRun | { error: string };
  /** Runs `args` once under `--cpu-prof` into `dir` and returns its top functions by self time. */
  profile(args: string[], dir: string): string;
  machine(): string;
  replaceSection(start: string, end: string, section: string): void;
  fmtMs(ms: number): string;
}

const START = '<!-- report writer: start -->';
const END = '<!-- report writer: end -->';
const CUSTOMERS = 100_000;
/** The writer's goal: the whole `--out` run under version one's 10 s. */
const GOAL_MS = 10_000;

export async function reportWriterMain(h: BenchHelpers): Promise<void> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const cli = join(h.root, 'bench/tmp/build/cli.mjs');
  const work = join(h.root, 'bench/tmp/report');
  mkdirSync(work, { recursive: true });
  const out = join(work, 'report.xlsx');
  log(`preparing ${CUSTOMERS.toLocaleString('en-US')} customers…`);
  const file = h.csvFile('customers', CUSTOMERS);
  const analyse = [cli, 'analyze', file, '--settings', join(h.root, 'samples/settings.json')];
  const write = [...analyse, '--out', out, '--force'];
  const load0 = readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
  const started = new Date();
  log('  analyze --out (one warm-up, 3 runs)…');
  const withOut = h.processRuns(write);
  const bytes = statSync(out, { throwIfNoEntry: false })?.size ?? 0;
  log('  analyze without --out…');
  const without = h.processRuns(analyse);
  log('  CPU time, one run each…');
  const cpuWith = cpuTime(write, h.root),
    cpuWithout = cpuTime(analyse, h.root);
  log('  a --cpu-prof run with --out…');
  const profDir = join(work, 'prof');
  rmSync(profDir, { recursive: true, force: true });
  const top = h.profile(write, profDir);
  const load1 = readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
  rmSync(out, { force: true });

  const t = (x: ProcessRun | { error: string }) =>
    'error' in x ? `failed: ${x.error}` : h.fmtMs(x.median);
  const p = (x: ProcessRun | { error: string }) =>
    'error' in x ? '' : `${Math.round(x.peakMB)} MB`;
  const writer =
    'error' in withOut || 'error' in without ? '' : h.fmtMs(withOut.median - without.median);
  const met = 'error' in withOut ? 'no' : withOut.median < GOAL_MS ? 'yes' : 'no';
  const section = [
    START,
    '## The report writer at 100,000 customers (issue 16)',
    '',
    `Run ${started.toISOString()} by \`npm run bench -- --report\` on: ${h.machine()}; load (\`/proc/loadavg\`, 1/5/15 min, 2 cores) ${load0} before → ${load1} after. A load above 1 slows every figure: the machine is shared.`,
    '',
    `\`node bench/tmp/build/cli.mjs analyze <${CUSTOMERS.toLocaleString('en-US')} customers, test/data/generate.ts seed 1> --settings samples/settings.json [--out report.xlsx]\`, each a fresh process under GNU time, median of 3 after one warm-up; peak = maximum RSS. The writer's share is the difference of the two. CPU time counts the thread that compresses the zip beside the main one, and moves less with the load than wall time does.`,
    '',
    '| run | wall time | CPU time (user + sys, one run) | peak RSS | workbook | goal (wall) | met |',
    '|---|---:|---:|---:|---:|---:|:-:|',
    `| with \`--out\` | ${t(withOut)} | ${cpuWith} | ${p(withOut)} | ${(bytes / 2 ** 20).toFixed(1)} MB | < ${h.fmtMs(GOAL_MS)} | ${met} |`,
    `| without \`--out\` | ${t(without)} | ${cpuWithout} | ${p(without)} | | | |`,
    `| the writer (difference) | ${writer} | | | | | |`,
    '',
    `What bounds it (one \`--cpu-prof\` run with \`--out\`, self time by function): ${top}.`,
    '',
    "History: v1 was 10 s; before this work 18.6 s at load 1.25 (850 MB, 28.7 MB), when ExcelJS zipped the workbook and JSZip unzipped and zipped it again to add the Customers table and the charts. Now the table and chart parts go into ExcelJS's zip as it streams, rows and shared strings are written as XML strings (byte for byte what ExcelJS writes: test/report/xlsx-rows.test.ts), and each kind of row's cell styles is worked out once.",
    END,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  h.replaceSection(START, END, section);
}

/** User + system CPU time of one run of `args` under GNU time, as text ("9.8 s"). */
function cpuTime(args: string[], cwd: string): string {
  const p = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const [u, s] = (p.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return p.status === 0 && Number.isFinite(u + s) ? `${(u + s).toFixed(1)} s` : 'failed';
}
