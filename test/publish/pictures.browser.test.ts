/**
 * The pictures of the README and of the store listings, made from the samples (samples/customers.csv
 * with samples/settings.json' rates), never from test fixtures:
 * - docs/images/excel-taskpane.png: the built Excel task pane, 320 px wide, after a run;
 * - docs/images/sheets-sidebar.png: the built Sheets sidebar (Code.js on the SpreadsheetApp fake),
 *   300 px wide, after a run;
 * - docs/images/store/excel-1366x768.png (AppSource), google-1280x800.png (Marketplace
 *   screenshot) and google-card-220x140.png (Marketplace card banner): the pane beside a sheet of
 *   the sample's first rows.
 * `npm run docs` writes them there (UPDATE_README=1); `npm test` writes them to test/.tmp/ and
 * checks their sizes and that they show the sample's customers. The pane's own selectors are in
 * PANE below: when the pane changes, adjust them there and run `npm run docs` again.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without types
import buildSheets from '../../build/build-sheets.mjs';
import { parseCsv } from '../../cli/read-csv.js';
import { analyze } from '../../core/analyze.js';
import type { CellValue } from '../../core/types.js';
import { launchChromium, OFFICE_STUB, SCRIPT_RUN_SHIM, TYPES } from '../browser.js';
import { ensureExcelBuild } from '../excel/built-dist.js';
import { boot } from '../sheets/harness.js';
import { CHROMIUM, describeWith, picturePath } from '../tools.js';

/** What the pictures need of the pane: one place to adjust when the pane changes. */
const PANE = {
  /** Present once the pane has found the table (attached: the mapping may be folded away). */
  ready: 'select[data-field="revenue"]',
  costSection: 'details.costs',
  costSummary: 'summary:has-text("Cost-to-serve")',
  rate: (driver: string) => `input[data-driver="${driver}"]`,
  costOfCapital: 'input[data-setting="costOfCapital"]',
  run: 'button:has-text("Run analysis")',
  results: '.results:not([hidden])',
};

const EXCEL_WIDTH = 320;
const SHEETS_WIDTH = 300;
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const SIDEBAR_PAGE = 'https://sheets.invalid/sidebar.html';
const TMP = 'test/.tmp/publish';

const settings = JSON.parse(readFileSync('samples/settings.json', 'utf8')) as {
  rates: Record<string, number>;
  costOfCapital: number;
};
/** The sample as a spreadsheet holds it: numbers as numbers. */
const sample: CellValue[][] = parseCsv(readFileSync('samples/customers.csv', 'utf8')).map((row) =>
  row.map((v) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)),
);
/** The sample's biggest money-loser, which the pane lists first. */
const biggestLoser = (() => {
  const a = analyze({ values: sample }, settings);
  if (!a.ok) throw new Error(a.error.message);
  let worst = 0;
  for (let i = 1; i < a.value.customers.n; i++)
    if (a.value.netProfit[i] < a.value.netProfit[worst]) worst = i;
  return a.value.customers.names[worst];
})();

function save(file: string, png: Buffer): string {
  const path = picturePath(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  return path;
}

/** Width and height from a PNG's header. */
function pngSize(png: Buffer): [number, number] {
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A spreadsheet grid of the sample's first rows: column letters, row numbers, the cells. */
function grid(rows: number, columns: number): string {
  const head = sample[0].slice(0, columns);
  const cell = (v: CellValue, c: number) => {
    if (typeof v !== 'number') return `<td>${escapeHtml(String(v ?? ''))}</td>`;
    const money = c === 2 || c === 3;
    const text = money
      ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      : v.toLocaleString('en-US');
    return `<td class="n">${text}</td>`;
  };
  return [
    '<table class="grid"><thead><tr><th></th>',
    ...head.map((_, c) => `<th>${String.fromCharCode(65 + c)}</th>`),
    '</tr></thead><tbody>',
    `<tr><th>1</th>${head.map((h) => `<td class="h">${escapeHtml(String(h))}</td>`).join('')}</tr>`,
    ...sample.slice(1, rows).map(
      (r, i) =>
        `<tr><th>${i + 2}</th>${r
          .slice(0, columns)
          .map((v, c) => cell(v, c))
          .join('')}</tr>`,
    ),
    '</tbody></table>',
  ].join('');
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
const icon = () => dataUrl(readFileSync('excel-addin/assets/icon-32.png'));

const GRID_CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.3 "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #222; overflow: hidden; }
  .grid { border-collapse: collapse; table-layout: fixed; background: #fff; }
  .grid th { background: #f3f3f3; color: #555; font-weight: normal; border: 1px solid #d4d4d4; padding: 0 4px; height: 21px; }
  .grid thead th { text-align: center; }
  .grid tbody th { width: 34px; text-align: center; }
  .grid td { border: 1px solid #e1e1e1; padding: 0 5px; height: 21px; white-space: nowrap; overflow: hidden; max-width: 150px; }
  .grid td.n { text-align: right; }
  .grid td.h { font-weight: 600; background: #fafafa; }
  .sheet { flex: 1; overflow: hidden; background: #fff; }
  .work { display: flex; flex: 1; min-height: 0; }
  .app { display: flex; flex-direction: column; }
  .side { border-left: 1px solid #c8c8c8; background: #fff; display: flex; flex-direction: column; }
  .side img { display: block; }
  .tabs { display: flex; gap: 2px; padding: 0 8px; height: 28px; align-items: end; background: #f3f3f3; border-top: 1px solid #d4d4d4; }
  .tabs span { padding: 4px 14px; color: #444; }
  .tabs span.on { background: #fff; font-weight: 600; border-bottom: 2px solid currentColor; }
`;

/** Excel-like window: title bar, ribbon with the Profit Tiers button, the sheet, the task pane. */
function excelPage(pane: Buffer, w: number, h: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${GRID_CSS}
    .app { width: ${w}px; height: ${h}px; }
    .title { height: 32px; background: #1e6b45; color: #fff; display: flex; align-items: center; padding: 0 14px; font-size: 13px; }
    .ribbon { height: 62px; background: #f7f7f7; border-bottom: 1px solid #d4d4d4; display: flex; flex-direction: column; }
    .ribbon .menu { display: flex; gap: 18px; padding: 6px 14px 0; color: #333; }
    .ribbon .menu b { border-bottom: 2px solid #1e6b45; font-weight: 600; }
    .ribbon .btn { margin: 6px 14px; display: inline-flex; align-items: center; gap: 6px; padding: 2px 8px; border: 1px solid #c8c8c8; border-radius: 3px; background: #fff; width: max-content; }
    .formula { height: 26px; border-bottom: 1px solid #d4d4d4; display: flex; align-items: center; padding: 0 8px; gap: 10px; color: #555; background: #fff; }
    .side .head { height: 36px; display: flex; align-items: center; padding: 0 12px; font-weight: 600; font-size: 15px; border-bottom: 1px solid #e1e1e1; }
    .tabs span.on { color: #1e6b45; }
  </style></head><body><div class="app">
    <div class="title">customers.xlsx — Excel</div>
    <div class="ribbon"><div class="menu"><span>File</span><b>Home</b><span>Insert</span><span>Formulas</span><span>Data</span><span>View</span></div>
      <span class="btn"><img src="${icon()}" width="16" height="16" alt="">Profit Tiers</span></div>
    <div class="formula"><span>A1</span><span>fx</span><span>Customer ID</span></div>
    <div class="work"><div class="sheet">${grid(40, 12)}</div>
      <div class="side" style="width:${EXCEL_WIDTH + 1}px"><div class="head">Profit Tiers</div>
        <img src="${dataUrl(pane)}" alt=""></div></div>
    <div class="tabs"><span class="on">Sales data</span><span>Profit Matrix</span><span>Customers</span><span>Whale Curve</span><span>Why</span></div>
  </div></body></html>`;
}

/** Sheets-like window: menu bar with Extensions, the sheet, the add-on's sidebar. */
function sheetsPage(pane: Buffer, w: number, h: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${GRID_CSS}
    .app { width: ${w}px; height: ${h}px; background: #f9fbfd; }
    .top { height: 64px; display: flex; flex-direction: column; justify-content: center; padding: 0 16px; background: #f9fbfd; }
    .top .name { font-size: 18px; color: #1f1f1f; }
    .top .menu { display: flex; gap: 14px; color: #444; margin-top: 2px; }
    .top .menu b { background: #e8eef7; font-weight: normal; padding: 0 4px; border-radius: 3px; }
    .bar { height: 36px; margin: 0 8px 6px; background: #edf2fa; border-radius: 18px; }
    .side .head { height: 44px; display: flex; align-items: center; justify-content: space-between; padding: 0 14px; font-size: 16px; border-bottom: 1px solid #e1e1e1; }
    .tabs span.on { color: #0b57d0; }
  </style></head><body><div class="app">
    <div class="top"><span class="name">Customers</span>
      <div class="menu"><span>File</span><span>Edit</span><span>View</span><span>Insert</span><span>Format</span><span>Data</span><span>Tools</span><b>Extensions</b><span>Help</span></div></div>
    <div class="bar"></div>
    <div class="work"><div class="sheet">${grid(40, 12)}</div>
      <div class="side" style="width:${SHEETS_WIDTH + 1}px"><div class="head"><span>Profit Tiers</span><span>✕</span></div>
        <img src="${dataUrl(pane)}" alt=""></div></div>
    <div class="tabs"><span class="on">Sales data</span><span>Profit Matrix</span><span>Customers</span><span>Whale Curve</span><span>Why</span></div>
  </div></body></html>`;
}

/** The Marketplace card banner: the logo, the name and what it does. */
function bannerPage(): string {
  const logo = dataUrl(readFileSync('excel-addin/assets/icon-128.png'));
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; width: 220px; height: 140px; overflow: hidden; font-family: "Segoe UI", "DejaVu Sans", Arial, sans-serif;
      background: linear-gradient(135deg, #0b4f4a, #127067); color: #fff; display: flex; align-items: center; gap: 12px; padding: 0 16px; box-sizing: border-box; }
    img { width: 64px; height: 64px; }
    b { display: block; font-size: 19px; }
    span { display: block; font-size: 11.5px; line-height: 1.3; color: #d3f0ea; margin-top: 4px; }
  </style></head><body><img src="${logo}" alt="">
    <div><b>Profit Tiers</b><span>Which customers make you money, and why</span></div></body></html>`;
}

describeWith([CHROMIUM])('pictures from the samples', () => {
  let server: Server, browser: Browser, base: string, sidebarHtml: string;

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
    const sheetsOut = join(TMP, 'sheets');
    await buildSheets(sheetsOut);
    sidebarHtml = readFileSync(join(sheetsOut, 'sidebar.html'), 'utf8');
    const data = JSON.stringify(sample);
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/test-table.json') {
        res.writeHead(200, { 'content-type': TYPES['.json'] }).end(data);
        return;
      }
      const file =
        path === '/taskpane.js'
          ? join(TMP, 'taskpane.js')
          : join('dist/excel', path.replace(/^\/+/, ''));
      if (!file.startsWith(TMP) && !file.startsWith('dist/excel/')) {
        res.writeHead(404).end();
        return;
      }
      if (!existsSync(file)) {
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

  /** Types the sample's rates, runs, and waits for the results. */
  async function runSample(page: Page): Promise<void> {
    await page.waitForSelector(PANE.ready, { state: 'attached' });
    if ((await page.getAttribute(PANE.costSection, 'open')) === null)
      await page.click(PANE.costSummary);
    for (const [driver, rate] of Object.entries(settings.rates))
      await page.fill(PANE.rate(driver), String(rate));
    await page.fill(PANE.costOfCapital, String(settings.costOfCapital * 100));
    await page.click(PANE.costSummary);
    await page.click(PANE.run);
    await page.waitForSelector(PANE.results, { timeout: 60_000 });
    // the pane's own text: the sidebar's inlined script (PapaParse says "onerror") is no picture
    const text = (await page.textContent('main')) ?? '';
    expect(text, 'the pane shows the sample, not a fixture').toContain(biggestLoser);
    expect(text).not.toContain('onerror');
  }

  /** The README picture (whole pane) and the pane as the store picture shows it (its top, at `height`). */
  async function shoot(page: Page, width: number, height: number, readme: string) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );
    // The whole pane in one viewport, so the sticky Run footer sits at its end, not over results.
    const tall = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height: tall });
    const full = save(readme, await page.screenshot({ fullPage: true }));
    expect(pngSize(readFileSync(full))[0]).toBe(width);
    await page.setViewportSize({ width, height });
    await page.evaluate((sel) => {
      document.querySelector(sel.replace(':not([hidden])', ''))?.scrollIntoView({ block: 'start' });
    }, PANE.results);
    return page.screenshot();
  }

  /** Renders `html` at exactly w × h and saves it. */
  async function compose(html: string, w: number, h: number, file: string) {
    const page = await (await browser.newContext({ viewport: { width: w, height: h } })).newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html);
    const png = await page.screenshot();
    expect(pngSize(png)).toEqual([w, h]);
    save(file, png);
    await page.context().close();
  }

  it('Excel: the task pane at 320 px, and the AppSource screenshot (1366 × 768)', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: EXCEL_WIDTH, height: 1100 } })
    ).newPage();
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_CDN)
        return route.fulfill({ contentType: 'text/javascript', body: OFFICE_STUB });
      return url.startsWith(base) ? route.continue() : route.abort();
    });
    await page.goto(`${base}/taskpane.html`);
    await runSample(page);
    const pane = await shoot(page, EXCEL_WIDTH, 768 - 32 - 63 - 27 - 36 - 29, 'excel-taskpane.png');
    await page.context().close();
    await compose(excelPage(pane, 1366, 768), 1366, 768, 'store/excel-1366x768.png');
  }, 120_000);

  it('Sheets: the sidebar at 300 px, the Marketplace screenshot (1280 × 800) and card (220 × 140)', async () => {
    const script = await boot({ sheetNames: ['Sales data'] });
    script.fake.spreadsheet.seedSheet('Sales data', sample);
    script.fake.spreadsheet.select('Sales data', 'A1');
    const page = await (
      await browser.newContext({ viewport: { width: SHEETS_WIDTH, height: 1200 } })
    ).newPage();
    await page.exposeFunction('__serverCall', async (name: string, args: string) => {
      try {
        return JSON.stringify({ ok: true, value: script.run(name, ...JSON.parse(args)) });
      } catch (e) {
        return JSON.stringify({ ok: false, message: `Error: ${(e as Error)?.message ?? e}` });
      }
    });
    await page.addInitScript(SCRIPT_RUN_SHIM);
    await page.route('**/*', (route) =>
      route.request().url() === SIDEBAR_PAGE
        ? route.fulfill({ contentType: 'text/html', body: sidebarHtml })
        : route.abort(),
    );
    await page.goto(SIDEBAR_PAGE);
    await runSample(page);
    expect(script.fake.spreadsheet.sheetNames()).toContain('Profit Matrix');
    const pane = await shoot(page, SHEETS_WIDTH, 800 - 64 - 42 - 44 - 29, 'sheets-sidebar.png');
    await page.context().close();
    await compose(sheetsPage(pane, 1280, 800), 1280, 800, 'store/google-1280x800.png');
    await compose(bannerPage(), 220, 140, 'store/google-card-220x140.png');
  }, 120_000);
});
