// The built sidebar.html in headless Chromium, as Sheets serves it: one self-contained page whose
// google.script.run is a shim calling the BUNDLE's server functions (Code.js in node:vm against the
// SpreadsheetApp fake) through page.exposeFunction, with JSON-only arguments and results. The same
// checks as the Excel task pane: the flow, progress, hostile text stays text, 300 px wide. Each test
// opens its own page on its own spreadsheet. `npm run docs` saves the README picture
// docs/images/sheets-sidebar.png.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without types
import buildSheets from '../../build/build-sheets.mjs';
import { launchChromium, SCRIPT_RUN_SHIM } from '../browser.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import { CHROMIUM, describeWith, picturePath } from '../tools.js';
import { boot, type Script } from './harness.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const PAGE = 'https://sheets.invalid/sidebar.html';
/** A server call takes this long, so the progress between the run's steps can be seen. */
const SERVER_DELAY_MS = 150;

function table(): (string | number)[][] {
  const rows = generateCustomers(500, 11) as (string | number)[][];
  rows.push(['C999998', HOSTILE, 1000, 300000, 3, 4, 3, 0, 1, 0, 0, 30]);
  rows.push(['C999999', 'Bad Revenue Ltd', HOSTILE, 10, 1, 1, 1, 0, 0, 0, 0, 30]);
  return rows;
}

interface Sidebar {
  page: Page;
  script: Script;
  dialogs: string[];
  serverCalls: string[];
}

describeWith([CHROMIUM])('Sheets sidebar in Chromium', () => {
  let browser: Browser, out: string, html: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'profit-tiers-sidebar-'));
    await buildSheets(out);
    html = readFileSync(join(out, 'sidebar.html'), 'utf8');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  /**
   * A fresh spreadsheet holding the table, and a fresh 300 px page on the sidebar whose
   * google.script.run reaches that spreadsheet's Code.js; ready once the table is detected.
   */
  /** A fresh spreadsheet holding the table, its Data sheet active. */
  async function spreadsheet(): Promise<Script> {
    // Sheets shows =HYPERLINK(url, label) as its label; the fake needs telling (for the self-test).
    const script = await boot({
      sheetNames: ['Data'],
      evaluateFormula: (f) => /^=HYPERLINK\("[^"]*","([^"]*)"\)$/.exec(f)?.[1] ?? '',
    });
    script.fake.spreadsheet.seedSheet('Data', table());
    script.fake.spreadsheet.select('Data', 'A1');
    return script;
  }

  async function openSidebar(
    script?: Script,
    body = html,
    ready = 'select[data-field="revenue"]',
  ): Promise<Sidebar> {
    script ??= await spreadsheet();
    const page = await (
      await browser.newContext({ viewport: { width: 300, height: 1200 } })
    ).newPage();
    const dialogs: string[] = [],
      serverCalls: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.exposeFunction('__serverCall', async (name: string, args: string) => {
      serverCalls.push(name);
      await new Promise((r) => setTimeout(r, SERVER_DELAY_MS));
      try {
        const value = script.run(name, ...JSON.parse(args));
        return JSON.stringify({ ok: true, value });
      } catch (e) {
        // Errors come from the vm's realm: not `instanceof Error` here, so read the message directly.
        return JSON.stringify({
          ok: false,
          message: `Error: ${(e as Error)?.message ?? String(e)}`,
        });
      }
    });
    await page.addInitScript(SCRIPT_RUN_SHIM);
    // The page is self-contained: anything it tries to fetch besides itself is a failure.
    const fetched: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === PAGE) return route.fulfill({ contentType: 'text/html', body });
      fetched.push(url);
      return route.abort();
    });
    await page.goto(PAGE);
    await page.waitForSelector(ready, { state: 'attached' });
    expect(fetched).toEqual([]);
    return { page, script, dialogs, serverCalls };
  }

  /** Types the sample rates (opening the cost section unless open) and runs. */
  async function runWithSampleRates(page: Page): Promise<void> {
    if ((await page.getAttribute('details.costs', 'open')) === null)
      await page.click('summary:has-text("Cost-to-serve")');
    for (const [driver, rate] of Object.entries(SAMPLE_SETTINGS.rates))
      await page.fill(`input[data-driver="${driver}"]`, String(rate));
    await page.fill(
      'input[data-setting="costOfCapital"]',
      String(SAMPLE_SETTINGS.costOfCapital * 100),
    );
    await page.click('summary:has-text("Cost-to-serve")');
    await page.evaluate(() => {
      const w = window as unknown as { progressSeen: string[] };
      w.progressSeen = [];
      const text = document.querySelector('.progress-text')!;
      new MutationObserver(() => w.progressSeen.push(text.textContent ?? '')).observe(text, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.click('button:has-text("Run analysis")');
  }

  async function analysed(): Promise<Sidebar> {
    const sidebar = await openSidebar();
    await runWithSampleRates(sidebar.page);
    await sidebar.page.waitForSelector('.results:not([hidden])');
    return sidebar;
  }

  /** A spreadsheet with nothing in it but an empty Sheet1. */
  const empty = () => boot({ sheetNames: ['Sheet1'] });

  it('welcomes on an empty spreadsheet, then tries the sample data on a new sheet and runs', async () => {
    const script = await empty();
    const { page, serverCalls, dialogs } = await openSidebar(script, html, '.ways');
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === '');
    expect(await page.textContent('.error')).toBe('');
    await page.click('button:has-text("Try it with sample data")');
    await page.waitForSelector('.results:not([hidden])', { timeout: 60_000 });
    expect(script.fake.spreadsheet.sheetNames().slice(0, 2)).toEqual([
      'Sheet1',
      'Sample customers',
    ]);
    const sample = script.fake.spreadsheet.rawValues('Sample customers');
    expect(sample).toHaveLength(501);
    expect(sample[1]).toEqual([
      'C000001',
      'Dubois Retail',
      29949.94,
      23308.61,
      33,
      54,
      33,
      1,
      7,
      1,
      1,
      51,
    ]);
    expect(script.fake.spreadsheet.sheetNames()).toContain('Profit Matrix');
    expect(serverCalls.slice(0, 3)).toEqual(['detectTable', 'addSheet', 'detectTable']);
    expect(await page.textContent('.status')).toMatch(
      /^Sample sheet "Sample customers" written: 500 customers in 'Sample customers'!A1:L501/,
    );
    expect(dialogs).toEqual([]);
  }, 90_000);

  it('links Privacy, Terms and Support as absolute https pages (no relative links in Apps Script)', async () => {
    const { page } = await openSidebar();
    const links = await page.$$eval('footer nav.links a', (as) =>
      as.map((a) => a.getAttribute('href')),
    );
    expect(links).toHaveLength(3);
    for (const [i, page] of ['privacy.html', 'terms.html', 'support.html'].entries())
      expect(links[i]).toMatch(new RegExp(`^https://[^ ]+/${page.replace('.', '\\.')}$`));
  });

  it('speaks German when the user’s Sheets language is German', async () => {
    const script = await boot({ sheetNames: ['Data'], userLocale: 'de' });
    script.fake.spreadsheet.seedSheet('Data', table());
    script.fake.spreadsheet.select('Data', 'A1');
    script.fake.files.sidebar = html;
    script.global('showSidebar');
    const { page } = await openSidebar(script, script.fake.recorded.sidebars.at(-1)!.content);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.textContent('.status')).toBe(
      '502 Zeilen in Data!A1:L503, gefunden über das Blatt.',
    );
    expect(await page.textContent('footer button.primary')).toBe('Analyse starten');
  });

  it('is one self-contained file: no external scripts or styles', () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/i);
  });

  it('detects the table through the server and shows the guessed mapping', async () => {
    const { page, serverCalls } = await openSidebar();
    expect(await page.textContent('.status')).toBe(
      '502 rows in Data!A1:L503, found from the sheet.',
    );
    expect(await page.inputValue('select[data-field="revenue"]')).toBe('Revenue');
    expect(await page.inputValue('select[data-field="customer"]')).toBe('Customer ID');
    expect(serverCalls).toEqual(['detectTable']);
  });

  it('runs: progress while the server works, then the summary, and the report sheets in the spreadsheet', async () => {
    const { page, script, serverCalls } = await openSidebar();
    // activity columns and no rates yet: the Cost-to-serve section is open, saying so (§17)
    expect(await page.getAttribute('details.costs', 'open')).not.toBeNull();
    expect(await page.isVisible('details.costs .note')).toBe(true);
    await runWithSampleRates(page);
    await page.waitForSelector('.progress:not([hidden])');
    // a loaded machine may read it a step later than 0 %: the steps seen are checked below
    expect(await page.textContent('.progress-text')).toMatch(/^\d+ % · /);
    expect(await page.isDisabled('button:has-text("Run analysis")')).toBe(true);
    await page.waitForSelector('.results:not([hidden])');
    expect(await page.textContent('.progress-text')).toMatch(/^100 % · Done: Profit Matrix, /);
    const progressSeen = await page.evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    expect(await page.locator('.matrix td').count()).toBe(9);
    expect(await page.textContent('.whale')).toMatch(
      /^Whale curve: the top \d+ % of customers earn \d+ % of profit/,
    );
    expect(script.fake.spreadsheet.sheetNames()).toEqual([
      'Data',
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Why',
      'Assumptions',
      'Data Issues',
    ]);
    // The run is one short server call per step; the sidebar's progress follows them, no polling.
    expect(serverCalls).toEqual([
      'detectTable',
      'readRows',
      'prepareReport',
      ...['Profit Matrix', 'Customers', 'Whale Curve', 'Why', 'Assumptions', 'Data Issues'].flatMap(
        () => ['writeRows', 'finishSheet'],
      ),
      'finishReport',
    ]);
    expect(progressSeen.some((t) => /^\d+ % · Writing Customers, rows 1–\d+…$/.test(t))).toBe(true);
  });

  it('runs again without re-selecting: the table found, not the report sheet now active', async () => {
    const { page, script, serverCalls } = await analysed();
    expect(script.fake.globals.SpreadsheetApp.getActiveSheet().getName()).toBe('Profit Matrix');
    const before = serverCalls.length;
    await page.click('button:has-text("Run analysis")');
    const finished = () => serverCalls.filter((c) => c === 'finishReport').length;
    expect(finished()).toBe(1);
    await expect.poll(finished, { timeout: 60_000 }).toBe(2); // one server call a step
    await page.waitForSelector('button:has-text("Run analysis"):not([disabled])');
    // Read where the table was found (no detection again), re-checked there by the server.
    expect(serverCalls.slice(before, before + 2)).toEqual(['readRows', 'prepareReport']);
    expect(await page.textContent('.error')).toBe('');
    expect(await page.isHidden('.results')).toBe(false);
    expect(script.fake.spreadsheet.sheetNames()).toEqual([
      'Data',
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Why',
      'Assumptions',
      'Data Issues',
    ]);
  });

  it('shows hostile customer text as text: no <img>, no dialog', async () => {
    const { page, dialogs } = await analysed();
    expect(await page.locator('.losers li .who').allTextContents()).toContain(HOSTILE);
    expect(await page.locator('.rejected li').first().textContent()).toContain(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    await page.waitForTimeout(200); // a script smuggled in would have run by now
    expect(dialogs).toEqual([]);
  });

  it('links a rejected row to its cell in the spreadsheet', async () => {
    const { page, script } = await analysed();
    await page.locator('.rejected button.link').first().click();
    await expect
      .poll(() => script.fake.globals.SpreadsheetApp.getActiveRange()!.getA1Notation())
      .toBe('C503');
    expect(script.fake.globals.SpreadsheetApp.getActiveSheet().getName()).toBe('Data');
  });

  it('shows a server error as one line, and clears it once the table is found again', async () => {
    const { page, script } = await openSidebar();
    script.fake.spreadsheet.seedSheet('Notes', [['just', 'words']]);
    script.fake.spreadsheet.select('Notes', 'A1');
    await page.click('button:has-text("Use another table")');
    // said next to the button, not in the footer
    await page.waitForSelector('.start .error:not(:empty)');
    expect(await page.textContent('.start .error')).not.toMatch(/^(Error|Exception):/);
    expect(await page.textContent('footer .error')).toBe('');
    script.fake.spreadsheet.select('Data', 'A1');
    await page.click('button:has-text("Use another table")');
    await page.waitForSelector('.status:has-text("502 rows in Data!A1:L503")');
    expect(await page.textContent('.start .error')).toBe('');
  });

  it('runs the self-test from Diagnostics: every check passes, the scratch sheets are gone', async () => {
    const { page, script } = await openSidebar();
    const sheets = script.fake.spreadsheet.sheetNames();
    await page.click('summary:has-text("Diagnostics")');
    await page.click('button:has-text("Self-test")');
    await page.waitForSelector('.verdict.pass, .verdict.fail', { timeout: 60_000 });
    const fails = await page.locator('.checks li.fail').allTextContents();
    expect(fails).toEqual([]);
    expect(await page.textContent('.verdict')).toMatch(
      /^Self-test passed: all 19 checks in \d+\.\d s, \d+ round trips\.$/,
    );
    expect(script.fake.spreadsheet.sheetNames()).toEqual(sheets);
    // The user's table is found again afterwards.
    await page.waitForSelector('.status:has-text("502 rows in Data!A1:L503")');
  }, 90_000);

  it('menu Profit Tiers › Self-test opens the sidebar that runs it at once', async () => {
    const script = await spreadsheet();
    // The page as showSelfTest serves it (the built sidebar, marked by the server).
    script.fake.files.sidebar = html;
    script.global('showSelfTest');
    const marked = script.fake.recorded.sidebars.at(-1)!.content;
    const page = await (
      await browser.newContext({ viewport: { width: 300, height: 1200 } })
    ).newPage();
    await page.exposeFunction('__serverCall', async (name: string, args: string) => {
      try {
        return JSON.stringify({ ok: true, value: script.run(name, ...JSON.parse(args)) });
      } catch (e) {
        return JSON.stringify({
          ok: false,
          message: `Error: ${(e as Error)?.message ?? String(e)}`,
        });
      }
    });
    await page.addInitScript(SCRIPT_RUN_SHIM);
    await page.route('**/*', (route) =>
      route.request().url() === PAGE
        ? route.fulfill({ contentType: 'text/html', body: marked })
        : route.abort(),
    );
    await page.goto(PAGE);
    await page.waitForSelector('.verdict.pass, .verdict.fail', { timeout: 60_000 });
    expect(await page.locator('.checks li.fail').allTextContents()).toEqual([]);
    expect(await page.textContent('.verdict')).toMatch(/^Self-test passed: all 19 checks/);
  }, 90_000);

  it('fits 300 px without sideways scrolling, and pictures the results', async () => {
    const { page } = await analysed();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      300,
    );
    const picture = picturePath('sheets-sidebar.png');
    await page.screenshot({ path: picture, fullPage: true });
    expect(existsSync(picture)).toBe(true);
  });
});
