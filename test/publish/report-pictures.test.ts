/**
 * The README's report pictures (Profit Matrix, Whale Curve) as LibreOffice prints the sample
 * report: `npm run docs` saves them to docs/images/, `npm test` to test/.tmp/. Each is the sheet's
 * first printed page, found by its header (the sheet name), cropped to what is printed on it.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { convert } from '../template/libreoffice.js';
import { describeWith, PDFTOPPM, picturePath, SOFFICE } from '../tools.js';

const run = promisify(execFile);
const pdftotext = () => join(dirname(PDFTOPPM.path!), 'pdftotext');

let dir = '';
let pdf = '';
let pages: string[] = [];

describeWith([SOFFICE, PDFTOPPM])('the README pictures of the sample report', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pt-report-pictures-'));
    const xlsx = join(dir, 'report.xlsx');
    await run(process.execPath, [
      'dist/cli/profit-tiers.js',
      'analyze',
      'samples/customers.csv',
      '--settings',
      'samples/settings.json',
      '--out',
      xlsx,
    ]);
    await convert([xlsx], 'pdf', dir);
    pdf = join(dir, 'report.pdf');
    // One text per page: pdftotext separates pages with a form feed.
    pages = (await run(pdftotext(), ['-layout', pdf, '-'], { maxBuffer: 64 << 20 })).stdout.split(
      '\f',
    );
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['Profit Matrix', 'profit-matrix.png', 'Concierge'],
    ['Whale Curve', 'whale-curve.png', 'Cumulative'], // its header wraps: "Cumulative share of profit"
  ])(
    '%s: its first page, cropped to the printed area',
    async (sheet, file, shows) => {
      const page = pages.findIndex((p) => p.trimStart().startsWith(sheet)) + 1;
      expect(page, `no page whose header is ${sheet}`).toBeGreaterThan(0);
      expect(pages[page - 1]).toContain(shows);
      const box = await printedBox(page);
      const out = picturePath(file);
      await mkdir(dirname(out), { recursive: true });
      const scale = RES / PROBE;
      await run(PDFTOPPM.path!, [
        ...['-f', String(page), '-l', String(page), '-r', String(RES), '-png', '-singlefile'],
        ...['-x', String(Math.floor(box.x * scale)), '-y', String(Math.floor(box.y * scale))],
        ...['-W', String(Math.ceil(box.w * scale)), '-H', String(Math.ceil(box.h * scale))],
        pdf,
        out.replace(/\.png$/, ''),
      ]);
      const png = await readFile(out);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThan(600); // width in pixels: a readable picture
    },
    120_000,
  );
});

const PROBE = 30; // dpi of the grey probe that finds the printed area
const RES = 110; // dpi of the picture

/**
 * The box (in probe pixels) around everything printed on a page, leaving out the header and
 * footer bands (the sheet name and "Page n of N"), plus a small margin.
 */
async function printedBox(page: number) {
  const probe = join(dir, `probe-${page}`);
  await run(PDFTOPPM.path!, [
    ...['-f', String(page), '-l', String(page), '-r', String(PROBE), '-gray', '-singlefile'],
    pdf,
    probe,
  ]);
  const pgm = await readFile(`${probe}.pgm`);
  // Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const band = Math.round(height * 0.07);
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = band; y < height - band; y++)
    for (let x = 0; x < width; x++)
      if (pixels[y * width + x] < 245) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  expect(x1, `page ${page} prints nothing`).toBeGreaterThan(x0);
  const m = 2;
  const x = Math.max(0, x0 - m),
    y = Math.max(0, y0 - m);
  return { x, y, w: Math.min(width, x1 + m + 1) - x, h: Math.min(height, y1 + m + 1) - y };
}
