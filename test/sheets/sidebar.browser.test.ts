// The built sidebar.html in headless Chromium, as Sheets serves it: one self-contained page whose
// google.script.run is a shim calling the BUNDLE's server functions (Code.js in node:vm against the
// SpreadsheetApp fake) through page.exposeFunction, with JSON-only arguments and results. The same
// checks as the Excel task pane: the flow, progress, hostile text stays text, 300 px wide.
// Saves the README screenshot docs/images/sheets-sidebar.png.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without types
import buildSheets from '../../build/build-sheets.mjs';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import { boot, type Script } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE = '<img src=x onerror=alert(1)>';
const PAGE = 'https://sheets.invalid/sidebar.html';
/** A server call takes this long, so the progress of a running call can be seen. */
const SERVER_DELAY_MS = 400;
const RUN_HELD_MS = 1_600;

const missing = !existsSync(CHROMIUM);
if (missing)
  console.log(
    `[sidebar.browser.test] skipped: ${CHROMIUM} is missing (apt-get install chromium to run it)`,
  );

// The google.script.run API surface: chained handlers, then any server function name.
const SHIM = `window.google = { script: { get run() {
  const call = (ok, fail) => new Proxy({}, { get: (_, name) => {
    if (name === 'withSuccessHandler') return (f) => call(f, fail);
    if (name === 'withFailureHandler') return (f) => call(ok, f);
    return (...args) => { window.__serverCall(String(name), JSON.stringify(args)).then((r) => {
      const out = JSON.parse(r);
      if (out.ok) ok && ok(out.value); else fail && fail(new Error(out.message));
    }); };
  } });
  return call(null, null);
} } };`;

function table(): (string | number)[][] {
  const rows = generateCustomers(500, 11) as (string | number)[][];
  rows.push(['C999998', HOSTILE, 1000, 300000, 3, 4, 3, 0, 1, 0, 0, 30]);
  rows.push(['C999999', 'Bad Revenue Ltd', HOSTILE, 10, 1, 1, 1, 0, 0, 0, 0, 30]);
  return rows;
}

let browser: Browser, page: Page, script: Script, out: string;
const dialogs: string[] = [],
  serverCalls: string[] = [];

beforeAll(async () => {
  if (missing) return;
  out = mkdtempSync(join(tmpdir(), 'profit-tiers-sidebar-'));
  await buildSheets(out);
  const html = readFileSync(join(out, 'sidebar.html'), 'utf8');
  script = await boot({ sheetNames: ['Data'] });
  script.fake.spreadsheet.seedSheet('Data', table());
  script.fake.spreadsheet.select('Data', 'A1');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  // Sheets' sidebar is 300 px wide.
  page = await browser.newPage({ viewport: { width: 300, height: 1200 } });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.exposeFunction('__serverCall', async (name: string, args: string) => {
    serverCalls.push(name);
    await new Promise((r) => setTimeout(r, SERVER_DELAY_MS));
    try {
      const value = script.run(name, ...JSON.parse(args));
      // Apps Script runs the polling calls alongside a run; here the run finishes at once, so its
      // answer is held back a while for the sidebar's polls to see the stages it left in the cache.
      if (name === 'runReport') await new Promise((r) => setTimeout(r, RUN_HELD_MS));
      return JSON.stringify({ ok: true, value });
    } catch (e) {
      // Errors come from the vm's realm: not `instanceof Error` here, so read the message directly.
      return JSON.stringify({ ok: false, message: `Error: ${(e as Error)?.message ?? String(e)}` });
    }
  });
  await page.addInitScript(SHIM);
  // The page is self-contained: anything it tries to fetch besides itself is a failure.
  const fetched: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === PAGE) return route.fulfill({ contentType: 'text/html', body: html });
    fetched.push(url);
    return route.abort();
  });
  await page.goto(PAGE);
  expect(fetched).toEqual([]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe.skipIf(missing)('Sheets sidebar in Chromium', () => {
  it('is one self-contained file: no external scripts or styles', () => {
    const html = readFileSync(join(out, 'sidebar.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/i);
  });

  it('detects the table through the server and shows the guessed mapping', async () => {
    await page.waitForSelector('select[data-field="revenue"]');
    expect(await page.textContent('.status')).toBe(
      '502 rows in Data!A1:L503, found from the sheet.',
    );
    expect(await page.inputValue('select[data-field="revenue"]')).toBe('Revenue');
    expect(await page.inputValue('select[data-field="customer"]')).toBe('Customer ID');
    expect(serverCalls).toEqual(['detectTable']);
  });

  it('runs: progress while the server works, then the summary, and the report sheets in the spreadsheet', async () => {
    // activity columns and no rates yet: the Cost-to-serve section is open, saying so (§17)
    expect(await page.getAttribute('details.costs', 'open')).not.toBeNull();
    expect(await page.isVisible('details.costs .note')).toBe(true);
    for (const [driver, rate] of Object.entries(SAMPLE_SETTINGS.rates))
      await page.fill(`input[data-driver="${driver}"]`, String(rate));
    await page.fill(
      'input[data-setting="costOfCapital"]',
      String(SAMPLE_SETTINGS.costOfCapital * 100),
    );
    await page.click('summary:has-text("Cost-to-serve")');
    await page.click('button:has-text("Run analysis")');
    await page.waitForSelector('.progress:not([hidden])');
    expect(await page.textContent('.progress-text')).toMatch(/^0 % · Starting/);
    expect(await page.isDisabled('button:has-text("Run analysis")')).toBe(true);
    await page.waitForSelector('.progress-text:has-text("100 %")');
    await page.waitForSelector('.results:not([hidden])');
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
    expect(serverCalls.filter((c) => c !== 'runProgress')).toEqual(['detectTable', 'runReport']);
    expect(serverCalls.filter((c) => c === 'runProgress').length).toBeGreaterThan(0); // the sidebar polled the run's stages
  });

  it('shows hostile customer text as text: no <img>, no dialog', async () => {
    expect(await page.locator('.losers li .who').allTextContents()).toContain(HOSTILE);
    expect(await page.locator('.rejected li').first().textContent()).toContain(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
  });

  it('links a rejected row to its cell in the spreadsheet', async () => {
    await page.locator('.rejected button.link').first().click();
    await expect
      .poll(() => script.fake.globals.SpreadsheetApp.getActiveRange()!.getA1Notation())
      .toBe('C503');
    expect(script.fake.globals.SpreadsheetApp.getActiveSheet().getName()).toBe('Data');
  });

  it('shows a server error as one line', async () => {
    script.fake.spreadsheet.seedSheet('Notes', [['just', 'words']]);
    script.fake.spreadsheet.select('Notes', 'A1');
    await page.click('button:has-text("Use the current selection")');
    await page.waitForSelector('.error:not(:empty)');
    expect(await page.textContent('.error')).not.toMatch(/^(Error|Exception):/);
    script.fake.spreadsheet.select('Data', 'A1');
    await page.click('button:has-text("Use the current selection")');
    await page.waitForSelector('.status:has-text("502 rows in Data!A1:L503")');
    expect(await page.textContent('.error')).toBe('');
  });

  it('fits 300 px without sideways scrolling, and saves the README screenshot', async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      300,
    );
    // The README shows the outcome: fold the long column list away.
    await page.click('summary:has-text("Columns")');
    mkdirSync('docs/images', { recursive: true });
    await page.screenshot({ path: 'docs/images/sheets-sidebar.png', fullPage: true });
  });
});
