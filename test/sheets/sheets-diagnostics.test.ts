// The self-test from the Sheets sidebar (menu Profit Tiers › Self-test), its google.script.run
// calls going into the built Code.js in the SpreadsheetApp fake: every check passes, the user's
// sheets and an earlier report are untouched, and every scratch sheet is gone.
import { afterEach, describe, expect, it } from 'vitest';
import { runSelfTest } from '../../pane/self-test.js';
import { sheetsHost } from '../../sheets-addon/sidebar/sheets-host.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import { boot, installScriptRun, runSteps } from './harness.js';

// Sheets evaluates =HYPERLINK(url, label) to its label; the fake needs telling.
const hyperlink = (formula: string) => /^=HYPERLINK\("[^"]*","([^"]*)"\)$/.exec(formula)?.[1] ?? '';

let uninstall = () => {};
afterEach(() => uninstall());

describe('the Sheets self-test', () => {
  it('passes every check and leaves the spreadsheet as it found it', async () => {
    const s = await boot({ sheetNames: ['Data'], evaluateFormula: hyperlink });
    const ss = s.fake.spreadsheet;
    ss.seedSheet('Data', generateCustomers(150, 8));
    ss.select('Data', 'A1');
    await runSteps(s, SAMPLE_SETTINGS); // a real report the self-test must not touch
    const before = Object.fromEntries(ss.sheetNames().map((n) => [n, ss.rawValues(n)]));
    uninstall = installScriptRun(s);

    const result = await runSelfTest(sheetsHost, sheetsHost.diagnostics!);
    for (const c of result.checks) expect(c.pass, `${c.name}: ${c.detail}`).toBe(true);
    expect(result.checks.map((c) => c.name)).toContain('Function PROFITTIER');
    expect(result.checks).toHaveLength(19);
    console.log(
      `Sheets self-test in the fake: ${result.checks.length} checks, ${result.roundTrips} server calls`,
    );
    const after = Object.fromEntries(ss.sheetNames().map((n) => [n, ss.rawValues(n)]));
    expect(after).toEqual(before);
  });

  it('the scratch sheets are the only ones it will write or delete', async () => {
    const s = await boot({ sheetNames: ['Data'] });
    expect(() => s.run('deleteScratchSheets', ['Data'])).toThrow(
      'The self-test only touches its own sheets, not "Data".',
    );
    expect(() => s.run('createScratchSheet', 'Profit Matrix', [['x']])).toThrow(/only touches/);
    expect(s.fake.spreadsheet.sheetNames()).toEqual(['Data']);
  });
});
