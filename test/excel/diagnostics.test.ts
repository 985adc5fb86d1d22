// The self-test in the Excel task pane (Diagnostics › Self-test), run in the Office.js fake: every
// check passes, the user's sheets and an earlier real report are left exactly as they were, and
// every sheet the self-test created is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSyncs, excelDiagnostics } from '../../excel-addin/diagnostics.js';
import { ExcelHost, type ExcelRun } from '../../excel-addin/excel-host.js';
import { runSelfTest } from '../../pane/self-test.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import { createExcelFake, rectAddress } from '../fakes/excel.js';

// Excel evaluates =HYPERLINK(url, label) to its label; the fake needs telling.
const hyperlink = (formula: string) => /^=HYPERLINK\("[^"]*","([^"]*)"\)$/.exec(formula)?.[1];

class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const g = globalThis as { CustomFunctions?: unknown };
beforeAll(() => {
  g.CustomFunctions = { Error: StubError, ErrorCode: { invalidValue: '#VALUE!' } };
});
afterAll(() => {
  delete g.CustomFunctions;
});

function setUp() {
  const fake = createExcelFake({
    sheets: ['Sales data'],
    evaluateFormula: (f) => hyperlink(f),
  });
  fake.workbook.seedSheet('Sales data', generateCustomers(200, 4));
  fake.workbook.select('Sales data', rectAddress({ r0: 2, c0: 1, rows: 1, cols: 1 }));
  const counted = countSyncs(fake.Excel.run as unknown as ExcelRun);
  const host = new ExcelHost(counted.run);
  host.diagnostics = excelDiagnostics(counted);
  return { fake, host, counted };
}

describe('the Excel self-test', () => {
  it('passes every check and leaves the workbook as it found it', async () => {
    const { fake, host } = setUp();
    await host.detectTable();
    await host.run(SAMPLE_SETTINGS, () => {}); // a real report the self-test must not touch
    const before = Object.fromEntries(
      fake.workbook.sheetNames().map((n) => [n, fake.workbook.sheet(n).values()]),
    );
    const seen: string[] = [];
    const result = await runSelfTest(host, host.diagnostics!, (c) => seen.push(c.name));
    for (const c of result.checks) expect(c.pass, `${c.name}: ${c.detail}`).toBe(true);
    expect(seen).toEqual([
      'Scratch sheet with test data',
      'Full report into scratch sheets',
      'Summary equals the core',
      'Profit Matrix sheet equals the core',
      'Customers sheet equals the core',
      'Whale Curve sheet equals the core',
      'Why sheet equals the core',
      'Assumptions sheet equals the core',
      'Data Issues sheet equals the core',
      'Names stay text (=HYPERLINK)',
      'Function PROFITTIER',
      'Function PROFITSEGMENT',
      'Function PROFITMATRIX',
      'Function COSTTOSERVE',
      'Function WHALECURVE',
      'Function WHALEPEAK',
      'Function PROFITBYGROUP',
      'Scratch sheets deleted',
      'Time and round trips',
    ]);
    console.log(
      `Excel self-test in the fake: ${result.checks.length} checks, ${result.roundTrips} context.sync() round trips`,
    );
    expect(result.roundTrips).toBeGreaterThan(5);
    expect(result.checks.at(-1)!.detail).toMatch(/^\d+\.\d s, \d+ round trips$/);
    const after = Object.fromEntries(
      fake.workbook.sheetNames().map((n) => [n, fake.workbook.sheet(n).values()]),
    );
    expect(after).toEqual(before);
  });

  it('fails a check that is wrong, and still deletes what it created', async () => {
    const { fake, host } = setUp();
    const d = host.diagnostics!;
    // A host whose function adapter is broken: WHALEPEAK answers nonsense.
    const broken = {
      ...d,
      callFunction: async (id: string, args: unknown[]) =>
        id === 'WHALEPEAK' ? [[0, 0]] : d.callFunction(id, args),
    };
    const result = await runSelfTest(host, broken);
    expect(result.pass).toBe(false);
    expect(result.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual(['Function WHALEPEAK']);
    expect(result.checks.find((c) => !c.pass)!.detail).toMatch(/^A1: got 0, expected 0\.\d+/);
    expect(fake.workbook.sheetNames()).toEqual(['Sales data']);
  });
});
