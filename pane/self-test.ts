/**
 * The self-test a person runs inside real Excel or Google Sheets (Diagnostics › Self-test): it
 * writes a scratch sheet of made-up customers, runs the full report into scratch sheets through
 * the host's real run, reads everything back and compares it with the core computed here, in the
 * same runtime; calls every worksheet function once through the host's own adapter; measures the
 * time and the round trips; and deletes every sheet it created. The logic is written once, here;
 * each host supplies the thin `Diagnostics` part (a few reads and writes of whole sheets).
 */
import { analyze } from '../core/analyze.js';
import { columnLetter } from '../core/cell-address.js';
import { FUNCTIONS } from '../core/functions/definitions.js';
import { reportSheets, SCRATCH_PREFIX } from '../core/report/report-sheets.js';
import { freeName } from '../core/report/sheet-spec.js';
import type { CellValue } from '../core/types.js';
import type { PaneHost, RunSummary } from './host.js';
import {
  FORMULA_LIKE_NAME,
  LINK_LABEL,
  type ScratchCell,
  SELF_TEST_SETTINGS,
  selfTestTable,
} from './self-test-data.js';

/** What a host adds to its PaneHost for the self-test. */
export interface Diagnostics {
  /** Names of the sheets in the workbook now. */
  sheetNames(): Promise<string[]>;
  /** Adds a sheet holding `rows` from A1: text as text, `{ formula }` cells as formulas. */
  createSheet(name: string, rows: ScratchCell[][]): Promise<void>;
  /** The values of a sheet from A1 to its last used cell, as the host reads them. */
  readSheet(name: string): Promise<CellValue[][]>;
  /** Calls a worksheet function the way the host's formula engine does; an error is thrown. */
  callFunction(id: string, args: unknown[]): Promise<unknown[][]>;
  /** Deletes these sheets (only ever the ones the self-test created). */
  deleteSheets(names: string[]): Promise<void>;
  /** Round trips to the host so far (Excel: context.sync(); Sheets: server calls). */
  roundTrips(): number;
}

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

export interface SelfTestResult {
  checks: Check[];
  pass: boolean;
  ms: number;
  roundTrips: number;
}

/** The data sheet's name (the report's scratch sheets carry the same prefix). */
export const SCRATCH_DATA = `${SCRATCH_PREFIX}data`;
/** A run of this little table should take seconds; more means something is wrong. */
const TIME_BUDGET_MS = 60_000;

/** Equal as a sheet shows them: numbers to a relative 1e-9, blank as "", text exactly. */
function sameCell(a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
}

/** The first cell where two grids differ, as "C7: got 1, expected 2", or null. */
function firstDifference(got: unknown[][], want: unknown[][]): string | null {
  const rows = Math.max(got.length, want.length);
  for (let r = 0; r < rows; r++) {
    const g = got[r] ?? [],
      w = want[r] ?? [];
    for (let c = 0; c < Math.max(g.length, w.length); c++)
      if (!sameCell(g[c], w[c]))
        return `${columnLetter(c)}${r + 1}: got ${JSON.stringify(g[c] ?? '')}, expected ${JSON.stringify(w[c] ?? '')}`;
  }
  return null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Rows of the Assumptions sheet that each run fills with its own input and time (§17). */
const RUN_ROWS = new Set(['Input', 'Time of the run']);

/**
 * `grid` with the run's own input and time left out (the core here cannot know them), or the
 * problem when the run did not name them. Other sheets pass unchanged.
 */
function withoutRunInfo(grid: unknown[][], written: boolean): unknown[][] | string {
  for (const r of grid)
    if (RUN_ROWS.has(r[1] as string) && written && (r[2] === '' || r[2] == null))
      return `the run wrote no "${r[1]}"`;
  return grid.map((r) => (RUN_ROWS.has(r[1] as string) ? [r[0], r[1], '', r[3]] : r));
}

/**
 * Runs every check, calling `onCheck` as each finishes, and always deletes what it created.
 * Example: `await runSelfTest(host, diagnostics, (c) => console.log(c.name, c.pass))`.
 */
export async function runSelfTest(
  host: PaneHost,
  d: Diagnostics,
  onCheck: (c: Check) => void = () => {},
): Promise<SelfTestResult> {
  const checks: Check[] = [];
  const record = (name: string, pass: boolean, detail: string) => {
    const c = { name, pass, detail };
    checks.push(c);
    onCheck(c);
    return pass;
  };
  /** Runs one check; an exception fails it with its message. */
  const check = async (name: string, body: () => Promise<string | null>) => {
    try {
      const problem = await body();
      return record(name, problem === null, problem ?? 'pass');
    } catch (e) {
      return record(name, false, message(e));
    }
  };
  const t0 = Date.now(),
    trips0 = d.roundTrips();
  const created: string[] = [];
  try {
    await reportChecks(host, d, created, check);
  } finally {
    await check('Scratch sheets deleted', async () => {
      await d.deleteSheets(created);
      const left = (await d.sheetNames()).filter((n) => created.includes(n));
      return left.length ? `still there: ${left.join(', ')}` : null;
    });
  }
  const ms = Date.now() - t0,
    roundTrips = d.roundTrips() - trips0;
  record(
    'Time and round trips',
    ms < TIME_BUDGET_MS,
    `${(ms / 1000).toFixed(1)} s, ${roundTrips} round trips`,
  );
  return { checks, pass: checks.every((c) => c.pass), ms, roundTrips };
}

type CheckFn = (name: string, body: () => Promise<string | null>) => Promise<boolean>;

/** The checks between creating the scratch data and deleting it; `created` collects sheet names. */
async function reportChecks(
  host: PaneHost,
  d: Diagnostics,
  created: string[],
  check: CheckFn,
): Promise<void> {
  const table = selfTestTable();
  let data = SCRATCH_DATA;
  const ok = await check('Scratch sheet with test data', async () => {
    data = freeName(SCRATCH_DATA, new Set(await d.sheetNames()));
    await d.createSheet(data, table);
    created.push(data);
    return null;
  });
  if (!ok) return;

  const run: { summary?: RunSummary } = {};
  await check('Full report into scratch sheets', async () => {
    await host.goTo(data, `A1:${columnLetter(table[0].length - 1)}${table.length}`);
    const found = await host.detectTable();
    if (found.rows !== table.length - 1)
      return `found ${found.rows} rows in ${found.address}, expected ${table.length - 1}`;
    const summary = await host.run(SELF_TEST_SETTINGS, () => {}, { scratch: true });
    created.push(...summary.sheets);
    run.summary = summary;
    const outside = summary.sheets.filter((n) => !n.startsWith(SCRATCH_PREFIX));
    return outside.length ? `wrote outside the scratch sheets: ${outside.join(', ')}` : null;
  });
  const written = run.summary;
  if (!written) return;

  // The core, here, on exactly what the host reads back from the scratch sheet.
  const values = await d.readSheet(data);
  const core = analyze({ values }, SELF_TEST_SETTINGS);
  await check('Summary equals the core', async () => {
    if (!core.ok) return `the core refused the table: ${core.error.message}`;
    const t = core.value.totals;
    const want = [t.customers, t.revenue, t.netProfit, core.value.rows.rejected.length];
    const got = [written.customers, written.revenue, written.netProfit, written.rejectedCount];
    return firstDifference([got], [want]) === null
      ? null
      : `customers, revenue, net profit, rows not used: got ${got.join(', ')}, expected ${want.join(', ')}`;
  });
  if (!core.ok) return;
  for (const [i, spec] of reportSheets(core.value, { scratch: true }).entries()) {
    const name = written.sheets[i] ?? spec.name;
    const assumptions = spec.name === `${SCRATCH_PREFIX}Assumptions`;
    await check(`${spec.name.slice(SCRATCH_PREFIX.length)} sheet equals the core`, async () => {
      const got = await d.readSheet(name);
      if (!assumptions) {
        const diff = firstDifference(got, spec.values);
        return diff && `${name}!${diff}`;
      }
      const gotRun = withoutRunInfo(got, true);
      if (typeof gotRun === 'string') return `${name}: ${gotRun}`;
      const diff = firstDifference(gotRun, withoutRunInfo(spec.values, false) as unknown[][]);
      return diff && `${name}!${diff}`;
    });
  }
  await check('Names stay text (=HYPERLINK)', async () => {
    const names = (await d.readSheet(written.sheets[1])).map((r) => r[1]);
    if (!names.includes(FORMULA_LIKE_NAME)) return `"${FORMULA_LIKE_NAME}" is not in Customers`;
    if (!names.includes(LINK_LABEL))
      return `the HYPERLINK's label "${LINK_LABEL}" is not in Customers`;
    return null;
  });

  // Every worksheet function once, through the host, against the core's own implementation.
  const rows = values.slice(1).filter((r) => typeof r[2] === 'number') as number[][];
  const revenue = rows.map((r) => [r[2]]);
  const profit = rows.map((r) => [r[2] - r[3]]);
  const cost = rows.map((r) => [r[4] * 25 + r[5] * 40 + r[6] * 60]);
  const net = profit.map(([p], i) => [p - cost[i][0]]);
  const args: Record<string, unknown[]> = {
    PROFITTIER: [revenue, profit, cost],
    PROFITSEGMENT: [revenue, profit, cost],
    PROFITMATRIX: [revenue, net, 'profit'],
    COSTTOSERVE: [rows.map((r) => r.slice(4, 7)), [[25, 40, 60]]],
    WHALECURVE: [net, 5],
    WHALEPEAK: [net],
    PROFITBYGROUP: [rows.map((_, i) => [i % 3 ? 'North' : 'South']), revenue, net, 'margin'],
  };
  for (const f of FUNCTIONS)
    await check(`Function ${f.id}`, async () => {
      const a = args[f.id];
      if (!a) return 'the self-test has no arguments for it';
      const want = f.impl(...(a as Parameters<typeof f.impl>));
      return firstDifference(await d.callFunction(f.id, a), want);
    });
}
