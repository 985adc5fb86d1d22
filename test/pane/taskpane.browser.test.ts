// The built task pane in headless Chromium, on an in-memory PaneHost, with a local stub instead of
// Microsoft's CDN office.js: the mapping shows, Run works from the keyboard, progress reaches
// 100 %, the summary appears, hostile text stays text, What if… re-prices the run's customers
// without reading the sheet again, and it fits 350 px; the welcome and its sample data, Run in
// view at 320 px, field errors, and German. Each test opens its own page.
// `npm run docs` saves the README picture docs/images/excel-taskpane.png.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseCsv } from '../../cli/read-csv.js';
import { analyze } from '../../core/analyze.js';
import { DEFAULT_TIERS } from '../../core/defaults.js';
import { formatMoney } from '../../core/format.js';
import { baselineTotals, runScenario } from '../../core/scenario.js';
import { scenarioLine } from '../../core/scenario-words.js';
import { launchChromium, OFFICE_STUB, TYPES } from '../browser.js';
import { SAMPLE_SETTINGS } from '../data/generate.js';
import { ensureExcelBuild } from '../excel/built-dist.js';
import { CHROMIUM, describeWith, picturePath } from '../tools.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const TMP = 'test/.tmp/pane';

/** The sample customers, plus a money-losing customer with a hostile name and a row with hostile revenue. */
function table() {
  const rows = parseCsv(readFileSync('samples/customers.csv', 'utf8'));
  rows.push(['C999998', HOSTILE, '1000', '300000', '3', '4', '3', '0', '1', '0', '0', '30']);
  rows.push(['C999999', 'Bad Revenue Ltd', HOSTILE, '10', '1', '1', '1', '0', '0', '0', '0', '30']);
  return rows;
}

/** A business that loses money overall, through one customer. */
const LOSS = [
  ['Customer', 'Revenue', 'COGS'],
  ['A', 100, 50],
  ['B', 100, 50],
  ['C', 100, 500],
];

/** Four quarters of order lines with Region (few values) and Sales Rep (one per customer) columns. */
function regions() {
  const rows: (string | number)[][] = [
    ['Customer', 'Region', 'Sales Rep', 'Order Date', 'Revenue', 'COGS'],
  ];
  for (let c = 0; c < 40; c++)
    for (let q = 0; q < 4; q++)
      if ((c + q) % 7 !== 0)
        rows.push([
          `K${c}`,
          ['North', 'South', 'East', 'West'][c % 4],
          `Rep ${c}`,
          `2024-${String(q * 3 + 1).padStart(2, '0')}-15`,
          100 + c * 10 + q,
          60 + (c % 5) * 15,
        ]);
  return rows;
}

describeWith([CHROMIUM])('task pane in Chromium', () => {
  let server: Server, browser: Browser, base: string;

  beforeAll(async () => {
    ensureExcelBuild();
    mkdirSync(TMP, { recursive: true });
    await build({
      entryPoints: ['test/pane/memory-taskpane.ts'],
      outfile: join(TMP, 'taskpane.js'),
      bundle: true,
      format: 'iife',
      target: 'es2020',
      logLevel: 'warning',
    });
    const data = JSON.stringify(table());
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/test-table.json') {
        const which = new URL(req.url ?? '/', 'http://x').searchParams.get('table');
        res
          .writeHead(200, { 'content-type': TYPES['.json'] })
          .end(
            which === 'regions'
              ? JSON.stringify(regions())
              : which === 'empty'
                ? JSON.stringify([])
                : which === 'loss'
                  ? JSON.stringify(LOSS)
                  : data,
          );
        return;
      }
      const file =
        path === '/taskpane.js'
          ? join(TMP, 'taskpane.js')
          : join('dist/excel', path.replace(/^\/+/, ''));
      if (
        (!file.startsWith('dist/excel/') && file !== join(TMP, 'taskpane.js')) ||
        !existsSync(file)
      ) {
        res.writeHead(404).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  });

  /** A fresh page on the pane, 350 px wide, once it shows the detected table. */
  async function openPane(
    query = '',
    viewport = { width: 350, height: 1100 },
  ): Promise<{ page: Page; dialogs: string[] }> {
    const page = await (await browser.newContext({ viewport })).newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // Nothing leaves the machine: office.js is the stub, everything else comes from the local server.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_CDN)
        return route.fulfill({ contentType: 'text/javascript', body: OFFICE_STUB });
      return url.startsWith(base) ? route.continue() : route.abort();
    });
    await page.goto(`${base}/taskpane.html${query}`);
    if (query.includes('table=empty'))
      // the detection on opening has found nothing: the welcome, its status line empty
      await page.waitForFunction(
        () =>
          document.querySelector('.ways') && document.querySelector('.status')?.textContent === '',
      );
    else await page.waitForSelector('select[data-field="revenue"]', { state: 'attached' });
    return { page, dialogs };
  }

  /** Tab presses from the top of the page until `selector` has the focus (at most 60). */
  async function tabsTo(page: Page, selector: string): Promise<number> {
    await page.click('h1'); // Tab starts from the top of the pane
    for (let i = 1; i <= 60; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
        return i;
    }
    return Number.POSITIVE_INFINITY;
  }

  const host = (page: Page) =>
    page.evaluate(() => {
      const h = (
        window as unknown as {
          paneHost: {
            runs: number;
            added: { name: string; rows: unknown[][] }[];
            settings: unknown[];
          };
        }
      ).paneHost;
      return {
        runs: h.runs,
        added: h.added.map((a) => ({ name: a.name, rows: a.rows.length })),
        settings: h.settings,
      };
    });

  it('opens on a welcome, not an error, when no table is found; an error only once asked', async () => {
    const { page } = await openPane('?table=empty', { width: 320, height: 640 });
    expect(await page.textContent('.welcome')).toMatch(/^Profit Tiers prices what each customer/);
    expect(await page.textContent('.error')).toBe('');
    expect(await page.isVisible('.error')).toBe(false);
    expect(await page.locator('.ways button:visible').allTextContents()).toEqual([
      'Use my table',
      'Try it with sample data',
    ]);
    expect(await page.isHidden('button:has-text("Run analysis")')).toBe(true);
    expect(await page.isHidden('details.diagnostics')).toBe(true); // not on the welcome
    await page.click('button:has-text("Use my table")');
    // said next to the button that asked, not in the footer far below
    await page.waitForSelector('.start .error:not(:empty)');
    expect(await page.textContent('footer .error')).toBe('');
    expect(await page.textContent('.status')).toBe('No customer table found yet.');
  });

  it('tries the sample data: a new sheet of the sample customers, their rates, then the results', async () => {
    const { page } = await openPane('?table=empty', { width: 320, height: 640 });
    await page.click('button:has-text("Try it with sample data")');
    await page.waitForSelector('.results:not([hidden])');
    const sample = parseCsv(readFileSync('samples/customers.csv', 'utf8'));
    expect(await host(page)).toMatchObject({
      runs: 1,
      added: [{ name: 'Sample customers', rows: sample.length }],
    });
    expect(await page.textContent('.status')).toMatch(
      /^Sample sheet "Sample customers" written: 500 customers in 'Sample customers'!A1:L501, with typical/,
    );
    expect(await page.textContent('.ways button:visible')).toBe('Use another table');
    // the rates the run used are in the form, where the user can see and change them
    expect(await page.inputValue('input[data-driver="orders"]')).toBe(
      String(SAMPLE_SETTINGS.rates.orders),
    );
    expect(await page.inputValue('input[data-setting="costOfCapital"]')).toBe('10');
    // the same figures as the core on the sample with its settings
    const a = analyze({ values: sample }, SAMPLE_SETTINGS);
    if (!a.ok) throw new Error(a.error.message);
    expect(await page.textContent('.results > p')).toBe(
      `${a.value.totals.customers} customers · revenue ${formatMoney(a.value.totals.revenue)} · net profit ${formatMoney(a.value.totals.netProfit)} · ${a.value.rows.used} rows used.`,
    );
  });

  it('at 320 px: Run is in view without scrolling, a few Tabs from the top, the mapping folded to one line', async () => {
    const { page } = await openPane('', { width: 320, height: 640 });
    expect(await page.textContent('details.mapping summary')).toBe(
      'All needed columns matched — Edit',
    );
    expect(await page.getAttribute('details.mapping', 'open')).toBeNull();
    const run = await page.locator('button:has-text("Run analysis")').boundingBox();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(run!.y).toBeGreaterThanOrEqual(0);
    expect(run!.y + run!.height).toBeLessThanOrEqual(640);
    expect(await tabsTo(page, 'button.primary:not([hidden])')).toBeLessThanOrEqual(8);
    // scrolled to the end, Run is still in view
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const after = await page.locator('button:has-text("Run analysis")').boundingBox();
    expect(after!.y + after!.height).toBeLessThanOrEqual(640);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
  });

  it('opens the mapping when a required column is not matched, and marks required fields', async () => {
    const { page } = await openPane();
    expect(await page.getAttribute('select[data-field="customer"]', 'aria-required')).toBe('true');
    expect(await page.getAttribute('select[data-field="revenue"]', 'aria-required')).toBe('true');
    expect(await page.getAttribute('select[data-field="name"]', 'aria-required')).toBeNull();
    expect(
      await page.locator('.field:has(select[data-field="revenue"]) abbr.required').count(),
    ).toBe(1);
    await page.click('details.mapping summary');
    await page.selectOption('select[data-field="revenue"]', '');
    await page.click('button:has-text("Run analysis")');
    expect(await page.getAttribute('select[data-field="revenue"]', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.field)).toBe(
      'revenue',
    );
    expect(await page.textContent('.field:has(select[data-field="revenue"]) .field-error')).toBe(
      'Pick the column that holds the Revenue.',
    );
  });

  it('shows a bad share next to its field, in percent, marked and focused; no run', async () => {
    const { page } = await openPane();
    await page.fill('input[data-setting="size.large"]', '120');
    await page.fill('input[data-driver="repeatContacts"]', '-5');
    await page.click('button:has-text("Run analysis")');
    const large = 'input[data-setting="size.large"]';
    expect(await page.getAttribute(large, 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.setting)).toBe(
      'size.large',
    );
    const problemId = (await page.getAttribute(large, 'aria-describedby'))!.split(' ').at(-1);
    // the real range at once: above Medium's share would fail next
    expect(await page.textContent(`#${problemId}`)).toBe(
      'Type a share between 0 and Medium’s 95 % (you typed 120 %): large customers are the first share of revenue.',
    );
    const repeat = 'input[data-driver="repeatContacts"]';
    expect(await page.getAttribute(repeat, 'aria-invalid')).toBe('true');
    expect(await page.getAttribute(repeat, 'aria-label')).toBe('Repeat contacts: rate');
    expect(
      await page.textContent('.driver:has(input[data-driver="repeatContacts"]) .field-error'),
    ).toBe('Type 0 or more (you typed -5).');
    expect(await page.textContent('footer .error')).toBe(
      'Check the 2 marked fields, starting with Large up to (share of revenue, %).',
    );
    expect((await host(page)).runs).toBe(0);
    // fixed: the marks go, the run goes ahead
    await page.fill(large, '80');
    await page.fill(repeat, '25');
    await page.click('button:has-text("Run analysis")');
    await page.waitForSelector('.results:not([hidden])');
    expect(await page.locator('[aria-invalid="true"], .field-error').count()).toBe(0);
    expect(await page.getAttribute(large, 'aria-describedby')).toBeNull();
  });

  it('shows each matrix cell’s action as text, checkboxes on their labels’ first line, and the footer links', async () => {
    const { page } = await analysed();
    const actions = await page.locator('.matrix td .action').allTextContents();
    expect(actions).toHaveLength(9);
    expect(actions.every((a) => a.length > 0)).toBe(true);
    expect(await page.isVisible('.matrix td .action >> nth=0')).toBe(true);
    // a checkbox's middle is within the first line of its label
    const offsets = await page.$$eval('.field.check', (rows) =>
      rows
        .filter((r) => (r as HTMLElement).offsetParent !== null)
        .map((r) => {
          const box = r.querySelector('input')!.getBoundingClientRect();
          const text = document.createRange();
          text.selectNodeContents(r.querySelector('label')!);
          const line = text.getClientRects()[0];
          return (box.top + box.bottom) / 2 - (line.top + line.bottom) / 2;
        }),
    );
    expect(offsets.length).toBeGreaterThan(0);
    for (const o of offsets) expect(Math.abs(o)).toBeLessThanOrEqual(3);
    expect(
      await page.$$eval('footer nav.links a', (as) =>
        as.map((a) => [a.textContent, a.getAttribute('href')]),
      ),
    ).toEqual([
      ['Privacy', 'privacy.html'],
      ['Terms', 'terms.html'],
      ['Support', 'support.html'],
    ]);
  });

  it('speaks German when Office’s display language is de-DE', async () => {
    const { page } = await openPane('?lang=de-DE');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.textContent('footer button.primary')).toBe('Analyse starten');
    expect(await page.textContent('details.mapping summary')).toBe(
      'Alle nötigen Spalten zugeordnet — Bearbeiten',
    );
    expect(await page.textContent('.status')).toMatch(/^502 Zeilen in 'Sales data'!A1:L503/);
    expect(await page.textContent('details.costs summary')).toBe('Betreuungskosten');
    expect(await page.getAttribute('input[data-driver="repeatContacts"]', 'aria-label')).toBe(
      'Wiederholte Kontakte: Kostensatz',
    );
    expect(await page.$$eval('footer nav.links a', (as) => as.map((a) => a.textContent))).toEqual([
      'Datenschutz',
      'Nutzungsbedingungen',
      'Hilfe',
    ]);
    const welcome = await openPane('?table=empty&lang=de-DE');
    expect(await welcome.page.locator('.ways button:visible').allTextContents()).toEqual([
      'Meine Tabelle verwenden',
      'Mit Beispieldaten ausprobieren',
    ]);
  });

  /** Types the sample rates into the cost-to-serve form (opening it unless open), and folds it. */
  async function enterSampleRates(page: Page): Promise<void> {
    if ((await page.getAttribute('details.costs', 'open')) === null)
      await page.click('summary:has-text("Cost-to-serve")');
    for (const [driver, rate] of Object.entries(SAMPLE_SETTINGS.rates))
      await page.fill(`input[data-driver="${driver}"]`, String(rate));
    await page.fill(
      'input[data-setting="costOfCapital"]',
      String(SAMPLE_SETTINGS.costOfCapital * 100),
    );
    await page.click('summary:has-text("Cost-to-serve")');
  }

  /** A page whose analysis with the sample rates has finished. */
  async function analysed(): Promise<{ page: Page; dialogs: string[] }> {
    const pane = await openPane();
    await enterSampleRates(pane.page);
    await pane.page.click('button:has-text("Run analysis")');
    await pane.page.waitForSelector('.results:not([hidden])');
    return pane;
  }

  it('opens the cost section when the table has activity columns and nothing prices them', async () => {
    // §17: otherwise cost-to-serve would be 0 and no customer would seem to lose money
    const { page } = await openPane();
    expect(await page.getAttribute('details.costs', 'open')).not.toBeNull();
    expect(await page.textContent('details.costs .note')).toMatch(
      /^Your table has Orders, Order lines, Deliveries, .*: give them a rate or a cost pool/,
    );
  });

  it('shows the table and the guessed column mapping', async () => {
    const { page } = await openPane();
    expect(await page.textContent('.status')).toMatch(/^502 rows in 'Sales data'!A1:L503/);
    expect(await page.inputValue('select[data-field="revenue"]')).toBe('Revenue');
    expect(await page.inputValue('select[data-field="customer"]')).toBe('Customer ID');
    expect(await page.inputValue('select[data-field="cogs"]')).toBe('COGS');
  });

  it('runs from the keyboard with the sample rates: Tab to Run, Enter, progress to 100 %, focus on the results', async () => {
    const { page } = await openPane();
    await enterSampleRates(page);
    // issue 15: it was 36–51 Tabs away; the Run footer comes right after the table and its columns
    expect(await tabsTo(page, 'button.primary:not([hidden])')).toBeLessThanOrEqual(8);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Run analysis');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.results:not([hidden])');
    expect(await page.getAttribute('progress', 'value')).toBe('100');
    expect(await page.textContent('.progress-text')).toMatch(/^100 % · Done: Profit Matrix, /);
    // the results say what was written: the footer is back to Run and its links
    expect(await page.isHidden('footer .progress')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-title');
    expect(await page.locator('.matrix tbody tr').count()).toBe(3);
    expect(await page.locator('.matrix td').count()).toBe(9);
    // With the sample rates some large accounts lose money: the classic whale (peak above 100 %).
    expect(await page.textContent('.whale')).toMatch(
      /^Whale curve: the top \d+ % of customers earn (1\d\d|[2-9]\d\d) % of profit/,
    );
    expect(await page.textContent('.benchmark')).toMatch(/^Benchmark: the top 20 % of customers/);
    // the money-losers: their causes, what exit would do, and advice per customer (§5, §10)
    expect(await page.textContent('.losers .causes')).toMatch(/^\d+ money-losers; their causes: /);
    expect(await page.textContent('.losers .exit')).toMatch(
      /^(Exit would raise profit|No money-loser)/,
    );
    expect(await page.locator('.losers li .advice').first().textContent()).toMatch(
      /^(Exit: leaving raises profit|Reprice: a )/,
    );
    // colours follow money: every losing cell is reddish (more red than green)
    const fills = await page.$$eval('.matrix td', (tds) =>
      tds.map((td) => [
        td.querySelector('.share')!.textContent,
        getComputedStyle(td).backgroundColor,
      ]),
    );
    for (const [share, colour] of fills) {
      const [r, g] = colour!.match(/\d+/g)!.map(Number);
      if (share!.startsWith('-')) expect(r, `${share} ${colour}`).toBeGreaterThan(g);
    }
    // once priced, the note is gone
    expect(await page.isHidden('details.costs .note')).toBe(true);
  });

  it('shows hostile customer text as text: no <img>, no dialog', async () => {
    const { page, dialogs } = await analysed();
    expect(await page.locator('.losers li .who').allTextContents()).toContain(HOSTILE);
    expect(await page.locator('.rejected li').first().textContent()).toContain(HOSTILE);
    expect(await page.locator('main img').count()).toBe(0);
    await page.waitForTimeout(200); // a script smuggled in would have run by now
    expect(dialogs).toEqual([]);
  });

  it('links a rejected row to its cell', async () => {
    const { page } = await analysed();
    await page.locator('.rejected button.link').first().click();
    expect(
      await page.evaluate(
        () => (window as unknown as { paneHost: { visited: string[] } }).paneHost.visited,
      ),
    ).toEqual(['Sales data!C503']);
  });

  /** Tries a fee of 15 per order for the money-losers in the What-if section. */
  async function tryFee(page: Page): Promise<void> {
    await page.selectOption('select[data-whatif="apply"]', 'moneyLosers');
    await page.selectOption('select[data-whatif="change"]', 'fee');
    await page.selectOption('select[data-whatif="driver"]', 'orders');
    await page.fill('input[data-whatif="amount"]', '15');
    await page.click('.whatif button:has-text("Try it")');
    await page.waitForSelector('.whatif-line');
  }

  it('What if: a fee for the money-losers, at once, without reading the sheet again', async () => {
    const { page } = await analysed();
    await tryFee(page);
    // the same words as the core's, on the same customers and settings
    const a = analyze({ values: table() }, { ...SAMPLE_SETTINGS, tiers: [...DEFAULT_TIERS] });
    if (!a.ok) throw new Error(a.error.message);
    const name = 'Fee of 15 per order for the money-losers';
    const sc = runScenario(a.value, a.value.settings, {
      name,
      changes: [{ where: { moneyLosers: true }, fees: { orders: 15 } }],
    });
    expect(await page.textContent('.whatif-line')).toBe(
      scenarioLine(sc, baselineTotals(a.value, a.value.settings)),
    );
    expect(await page.locator('.moves tbody tr').count()).toBe(Math.min(8, sc.moves.length));
    expect(sc.moves.length).toBeGreaterThan(0);
    const host = () =>
      page.evaluate(() => {
        const h = (
          window as unknown as {
            paneHost: { runs: number; written: { name: string; values: unknown[][] }[] };
          }
        ).paneHost;
        return {
          runs: h.runs,
          sheets: h.written.map((w) => w.name),
          scenarios: h.written
            .find((w) => w.name === 'Scenarios')
            ?.values.find((r) => r[0] === 'Totals'),
        };
      });
    expect((await host()).runs).toBe(1); // the run's columns, not a second read
    await page.click('button:has-text("Add to the Scenarios sheet")');
    await page.waitForSelector('.whatif p.hint:has-text("Written to Scenarios")');
    expect((await host()).sheets).toContain('Scenarios');
    expect((await host()).sheets).toContain('Profit Matrix'); // the rest of the report stays
  });

  it('What if: exit the money-losers, named by the user, beside a first one on the Scenarios sheet', async () => {
    const { page, dialogs } = await analysed();
    await tryFee(page);
    await page.click('button:has-text("Add to the Scenarios sheet")');
    await page.waitForSelector('.whatif p.hint:has-text("1 scenario")');
    await page.selectOption('select[data-whatif="change"]', 'exit');
    expect(await page.isHidden('input[data-whatif="amount"]')).toBe(true);
    await page.fill('input[data-whatif="name"]', HOSTILE);
    await page.click('.whatif button:has-text("Try it")');
    await page.waitForSelector(`.whatif-line:has-text("customers exit")`);
    expect(await page.textContent('.whatif-line')).toMatch(
      /^<img src=x onerror=alert\(1\)>: net profit /,
    );
    expect(await page.locator('.moves td', { hasText: 'Exited' }).count()).toBeGreaterThan(0);
    await page.click('button:has-text("Add to the Scenarios sheet")');
    await page.waitForSelector('.whatif p.hint:has-text("2 scenarios")');
    const totals = await page.evaluate(() =>
      (
        window as unknown as { paneHost: { written: { name: string; values: unknown[][] }[] } }
      ).paneHost.written
        .find((w) => w.name === 'Scenarios')!
        .values.find((r) => r[0] === 'Totals'),
    );
    expect(totals).toEqual([
      'Totals',
      'Baseline',
      'Fee of 15 per order for the money-losers',
      'Change',
      HOSTILE,
      'Change',
    ]);
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('What if: says what is missing instead of guessing', async () => {
    const { page } = await analysed();
    await page.selectOption('select[data-whatif="apply"]', 'tiers');
    await page.selectOption('select[data-whatif="change"]', 'price');
    await page.fill('input[data-whatif="amount"]', '3');
    await page.click('.whatif button:has-text("Try it")');
    expect(await page.textContent('.whatif .error')).toBe('Tick at least one of the tiers.');
    await page.check('input[data-whatif-tier="Fix"]');
    await page.click('.whatif button:has-text("Try it")');
    await page.waitForSelector('.whatif-line:has-text("Prices +3 % for Fix")');
    expect(await page.textContent('.whatif .error')).toBe('');
  });

  it('fits 350 px without sideways scrolling, and pictures the results', async () => {
    const { page } = await analysed();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      350,
    );
    await page.setViewportSize({ width: 300, height: 1100 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      300,
    );
    await page.setViewportSize({ width: 350, height: 1100 });
    const picture = picturePath('excel-taskpane.png');
    await page.screenshot({ path: picture, fullPage: true });
    expect(existsSync(picture)).toBe(true);
  });

  it('offers Region (not Sales Rep) as a group, and shows the group table and the trend (§14, §15)', async () => {
    const { page } = await openPane('?table=regions');
    await page.waitForSelector('input[data-group]', { state: 'attached' });
    expect(
      await page.locator('input[data-group]').evaluateAll((xs) => xs.map((x) => x.dataset.group)),
    ).toEqual(['Region']);
    expect(await page.inputValue('select[data-field="period"]')).toBe('Order Date');
    // extra columns are no shortfall: the needed ones are all matched
    expect(await page.textContent('details.mapping summary')).toBe(
      'All needed columns matched; 2 columns not used (Region, Sales Rep) — Edit',
    );
    await page.click('summary:has-text("Groups")');
    await page.check('input[data-group="Region"]');
    // A mapped period column opens the periods section.
    const periods = page.locator('details:has(summary:has-text("Migration and trend"))');
    expect(await periods.getAttribute('open')).not.toBeNull();
    await periods.locator('select').selectOption('quarter');
    await page.click('button:has-text("Run analysis")');
    await page.waitForSelector('.results:not([hidden])');
    expect(await page.textContent('table.groups caption')).toBe('Net profit by Region');
    expect(await page.locator('table.groups tbody tr').count()).toBe(4);
    expect(await page.locator('table.trend tbody tr th').allTextContents()).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
    ]);
    expect(await page.textContent('.results')).toContain('Groups, Migration, Trend');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      350,
    );
  });

  it('keeps naming each activity without a rate as rates are filled in, and again in the results', async () => {
    const { page } = await openPane();
    const note = 'details.costs .note';
    expect(await page.textContent(note)).toMatch(/^Your table has Orders, Order lines, /);
    await page.fill('input[data-driver="orders"]', '4');
    // one rate filled: the others are still unpriced, and still named
    expect(await page.isVisible(note)).toBe(true);
    const left = await page.textContent(note);
    expect(left).toMatch(/^No rate or cost pool yet for Order lines, Deliveries, /);
    expect(left).not.toContain('Orders');
    await page.click('button:has-text("Run analysis")');
    await page.waitForSelector('.results:not([hidden])');
    expect(await page.textContent('.results > .note')).toMatch(
      /^Not priced: Order lines, Deliveries, .*\(no rate or cost pool\)/,
    );
    // every activity priced: no note, in the form or the results
    await enterSampleRates(page);
    expect(await page.isHidden(note)).toBe(true);
    await page.click('button:has-text("Run analysis")');
    await page.waitForFunction(() => !document.querySelector('.results > .note'));
  });

  it('reads number fields in the pane’s language: German 12,50 is 12.5; 1.250 and abc are refused', async () => {
    const { page } = await openPane('?lang=de-DE');
    const orders = 'input[data-driver="orders"]';
    expect(await page.getAttribute(orders, 'type')).toBe('text');
    expect(await page.getAttribute(orders, 'inputmode')).toBe('decimal');
    expect(await page.inputValue('input[data-setting="size.large"]')).toBe('80');
    await page.fill(orders, 'abc');
    await page.fill('input[data-driver="lines"]', '1.250');
    await page.click('footer button.primary');
    expect(await page.textContent(`.driver:has(${orders}) .field-error`)).toBe(
      'Bitte eine Zahl eingeben.',
    );
    expect(await page.textContent('.driver:has(input[data-driver="lines"]) .field-error')).toBe(
      '„1.250“ kann 1,25 oder 1250 bedeuten: bitte ohne Tausendertrennzeichen eingeben.',
    );
    expect((await host(page)).runs).toBe(0);
    await page.fill(orders, '12,50');
    await page.fill('input[data-driver="lines"]', '0.5'); // a point, where it can mean one thing only
    await page.fill('input[data-setting="costOfCapital"]', '7,5 %');
    await page.click('footer button.primary');
    await page.waitForSelector('.results:not([hidden])');
    const run = (await host(page)).settings[0] as {
      rates: Record<string, number>;
      costOfCapital: number;
    };
    expect([run.rates.orders, run.rates.lines, run.costOfCapital]).toEqual([12.5, 0.5, 0.075]);
    // the pane's own numbers German style, its progress words German too
    const line = await page.textContent('.results > p');
    expect(line).toMatch(/^\d{3} Kunden · Umsatz \d{1,3}(\.\d{3})+ · /);
    expect(await page.textContent('.progress-text')).toMatch(/^100 % · Fertig: Profit Matrix, /);
    expect(await page.isVisible('button:has-text("Andere Tabelle verwenden")')).toBe(true);
  });

  it('offers “no cost of goods or gross profit column” only when neither is mapped', async () => {
    const { page } = await openPane();
    const box = 'input[data-setting="costToServeOnly"]';
    expect(await page.isHidden(box)).toBe(true);
    await page.click('details.mapping summary');
    await page.selectOption('select[data-field="cogs"]', '');
    expect(await page.getAttribute('details.costs', 'open')).not.toBeNull(); // unpriced activities
    expect(await page.isVisible(box)).toBe(true);
    await page.check(box);
    await page.selectOption('select[data-field="cogs"]', 'COGS');
    expect(await page.isHidden(box)).toBe(true);
    expect(await page.isChecked(box)).toBe(false); // a hidden box sets nothing
  });

  it('after a run at 320 px: the footer stays small, nothing hides under it, the results in view', async () => {
    const { page } = await openPane('', { width: 320, height: 640 });
    await enterSampleRates(page);
    await page.click('button:has-text("Run analysis")');
    await page.waitForSelector('.results:not([hidden])');
    const footer = (await page.locator('footer.actions').boundingBox())!;
    expect(footer.height).toBeLessThanOrEqual(100);
    const title = (await page.locator('#results-title').boundingBox())!;
    expect(title.y).toBeGreaterThanOrEqual(-1); // scrolled to its top, to the subpixel
    expect(title.y + title.height).toBeLessThanOrEqual(footer.y);
    // scrolled to the end, the last of the content ends above the footer
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const last = await page.evaluate(() => {
      const app = document.getElementById('app')!;
      const kids = Array.from(app.children).filter(
        (e) => e.tagName !== 'FOOTER' && (e as HTMLElement).offsetParent !== null,
      );
      return kids.at(-1)!.getBoundingClientRect().bottom;
    });
    const after = (await page.locator('footer.actions').boundingBox())!;
    expect(last).toBeLessThanOrEqual(after.y);
  });

  it('names the pane’s field in the loss warning, and one money-loser in the singular', async () => {
    const { page } = await openPane('?table=loss');
    await page.click('button:has-text("Run analysis")');
    await page.waitForSelector('.results:not([hidden])');
    const warnings = await page.textContent('.warnings');
    expect(warnings).toContain('(set "High from margin (%)" to judge margins against a goal)');
    expect(warnings).not.toContain('profitability.target');
    expect(await page.textContent('.losers .causes')).toMatch(/^1 money-loser; its causes: /);
  });
});
