/**
 * The streamed CSV reader on several threads gives the table one thread gives, on every kind of
 * file: the body cut into small ranges (a test-only range size, so small files are shared), read
 * by worker threads (the worker entry bundled from the sources, as the build bundles it) and the
 * main thread, merged in file order. A cut inside a quoted field, a line break or encoding that
 * only a later range shows: the same answer as one thread, read again on one thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalBreak, readCsvHead } from '../../cli/read-csv.js';
import { readCsvStream } from '../../cli/read-csv-stream.js';
import { readCsvThreads, type ThreadTuning, threadTuning } from '../../cli/read-csv-workers.js';
import { analyze } from '../../core/analyze.js';
import type { RowTable } from '../../core/read-rows.js';
import { resultJson } from '../../core/result-json.js';
import { resolveSettings } from '../../core/settings.js';
import { DRIVERS } from '../../core/types.js';
import {
  CUSTOMER_MONEY_COLUMNS,
  generateCustomers,
  generateTransactions,
  SAMPLE_SETTINGS,
  TRANSACTION_MONEY_COLUMNS,
  toCsv,
} from '../data/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-workers-'));
const workerFile = join(dir, 'read-csv-worker.mjs');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await build({
    entryPoints: ['cli/read-csv-worker.ts'],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
});

let files = 0;
/** The file, and its body and first rows as load-table.ts finds them. */
function csvFile(content: string | Uint8Array) {
  const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
  const path = join(dir, `t${files++}.csv`);
  writeFileSync(path, bytes);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = new TextDecoder().decode(bytes.subarray(start, Math.min(bytes.length, 1 << 20)));
  return { span: { path, start, end: bytes.length - finalBreak(bytes) }, head: readCsvHead(text) };
}

const tuning = (threads: number, rangeBytes: number, chunkBytes = 8 << 20): ThreadTuning => ({
  threads,
  minBytes: 0,
  rangeBytes,
  chunkBytes,
  workerUrl: pathToFileURL(workerFile),
});

/** An analysis's data and JSON from a table already read (or the error). */
function analysed(table: RowTable | string, settings: unknown) {
  const a = analyze({ values: [['x']], columnar: () => table }, settings);
  if (!a.ok) return a.error;
  return JSON.stringify(resultJson(a.value));
}

/**
 * Reads `content` on one thread and on `threads` with ranges of about `rangeBytes`; expects the
 * same table (and analysis), and returns how the threaded read went.
 */
function bothWays(
  content: string | Uint8Array,
  { threads = 2, rangeBytes = 512, settings = {} as unknown, chunkBytes = 8 << 20 } = {},
) {
  const { span, head } = csvFile(content);
  const s = resolveSettings(settings).settings;
  const one = readCsvStream(span, head, s, {}, chunkBytes);
  const many = readCsvThreads(span, head, s, {}, tuning(threads, rangeBytes, chunkBytes));
  expect(many.table).toEqual(one);
  if (typeof one !== 'string')
    expect(analysed(many.table, settings)).toEqual(analysed(one, settings));
  return { table: many.table, how: many.how };
}

describe('generated tables, cut into small ranges, read as one thread reads them', () => {
  const lines = generateTransactions(3_000, 150, 11);
  const customers = generateCustomers(400, 11);
  const styles = {
    plain: { eol: '\n' as const },
    crlf: { eol: '\r\n' as const },
    accounting: { eol: '\r\n' as const, accounting: true },
  };
  for (const [style, opts] of Object.entries(styles)) {
    it(`transaction lines, ${style}, 2 and 3 threads`, () => {
      const text = toCsv(lines, { ...opts, moneyColumns: TRANSACTION_MONEY_COLUMNS });
      for (const threads of [2, 3]) {
        const { how } = bothWays(text, { threads, rangeBytes: 8 << 10, settings: SAMPLE_SETTINGS });
        expect(how).toMatch(new RegExp(`^${threads} threads, \\d+ ranges$`));
        expect(Number(/(\d+) ranges/.exec(how)![1])).toBeGreaterThan(20);
      }
    });
    it(`customers, ${style}`, () => {
      const text = toCsv(customers, { ...opts, moneyColumns: CUSTOMER_MONEY_COLUMNS });
      const { how } = bothWays(text, { rangeBytes: 4 << 10, settings: SAMPLE_SETTINGS });
      expect(how).toMatch(/^2 threads/);
    });
  }
  it('with a BOM, and chunks smaller than a range', () => {
    const text = `\ufeff${toCsv(lines.slice(0, 800), { moneyColumns: TRANSACTION_MONEY_COLUMNS })}`;
    const { how } = bothWays(text, { rangeBytes: 6 << 10, chunkBytes: 1500 });
    expect(how).toMatch(/^2 threads/);
  });
});

/** A header and `n` lines `C<i mod 7>,Name <i mod 5>,O<i div 3>,<i>.25,<i/2>` (ids ascending), edited. */
function lines(n: number, eol = '\n', edit: (i: number, line: string) => string = (_, l) => l) {
  const out = ['Customer,Name,Order ID,Revenue,COGS'];
  for (let i = 1; i <= n; i++)
    out.push(edit(i, `C${i % 7},Name ${i % 5},O${Math.floor(i / 3)},${i}.25,${i / 2}`));
  return out.join(eol);
}

describe('scenarios', () => {
  it("a customer's orders spread over every range count once each, an order across a cut once", () => {
    // C0, C1, C2 take turns; each order has six lines, two per customer, so orders cross the cuts
    const body = ['Customer,Order ID,Revenue,COGS'];
    for (let i = 0; i < 300; i++) body.push(`C${i % 3},O${100 + Math.floor(i / 6)},1.10,0.5`);
    const { table, how } = bothWays(body.join('\n'), { rangeBytes: 300 });
    expect(how).toMatch(/^2 threads, \d{2} ranges/);
    const t = table as RowTable;
    expect(t.customers!.keys).toEqual(['C0', 'C1', 'C2']);
    expect(Array.from(t.customers!.volumes[DRIVERS.indexOf('orders')]!)).toEqual([50, 50, 50]);
    expect(Array.from(t.customers!.rowCount)).toEqual([100, 100, 100]);
    expect(t.customers!.revenue[0]).toBeCloseTo(110, 9);
  });

  it('order ids that do not ascend per customer: read again on one thread, every id kept', () => {
    // C1 has order O1 at the start, the middle and the end; C2 shares the id O1
    const body = ['Customer,Order ID,Revenue,COGS'];
    for (let i = 0; i < 300; i++) body.push(`C${i % 3},O${i % 10},1.10,0.5`);
    const { table, how } = bothWays(body.join('\n'), { rangeBytes: 300 });
    expect(how).toBe('1 thread (2 threads stopped: order ids not in ascending runs)');
    const t = table as RowTable;
    // C0 has lines 0, 3, 6, …: orders O0, O3, O6, O9, O2, O5, O8, O1, O4, O7: all ten
    expect(Array.from(t.customers!.volumes[DRIVERS.indexOf('orders')]!)).toEqual([10, 10, 10]);
  });

  it('one thread counts by runs, and reads again keeping every id when the last line breaks them', () => {
    // every line a new order, C0 … C9 in turn, two lines each; then C0's first order once more
    const body = ['Customer,Order ID,Revenue,COGS'];
    for (let i = 0; i < 2000; i++)
      body.push(`C${i % 10},O${String(i >> 1).padStart(5, '0')},1,0.5`);
    const s = resolveSettings({}).settings;
    const orders = (text: string) => {
      const { span, head } = csvFile(text);
      const t = readCsvStream(span, head, s) as RowTable;
      return Array.from(t.customers!.volumes[DRIVERS.indexOf('orders')]!);
    };
    // C0 has lines 0, 10, 20, …: orders 0, 5, 10, …: 200 of them
    expect(orders(body.join('\n'))).toEqual(new Array(10).fill(200));
    expect(orders([...body, 'C0,O00000,1,0.5'].join('\n'))).toEqual(new Array(10).fill(200));
    expect(orders([...body, 'C0,O00001,1,0.5'].join('\n'))).toEqual([
      201,
      ...new Array(9).fill(200),
    ]);
  });

  it('bad rows in later ranges keep their own row numbers', () => {
    const text = lines(400, '\n', (i, l) =>
      i === 350 ? 'C3,x,O1,12abc,1' : i === 399 ? '' : i === 200 ? 'Total,,,5,1' : l,
    );
    const { table } = bothWays(text, { rangeBytes: 700 });
    const t = table as RowTable;
    expect(t.rejected.map((p) => [p.row, p.cell, p.reason.slice(0, 20)])).toEqual([
      [201, 'A201', expect.any(String)],
      [351, 'D351', expect.stringContaining('12abc')],
      [400, 'A400', 'blank row'],
    ]);
    expect(t.dataRows).toBe(400);
  });

  it('the last line with no line break, or an empty last line, both read as one thread', () => {
    expect(bothWays(lines(300), { rangeBytes: 500 }).how).toMatch(/^2 threads/);
    const empty = bothWays(`${lines(300)}\n\n`, { rangeBytes: 500 });
    expect((empty.table as RowTable).rejected.at(-1)).toMatchObject({
      row: 302,
      reason: 'blank row',
    });
    expect(bothWays(`${lines(300, '\r\n')}\r\n\r\n`, { rangeBytes: 500 }).how).toMatch(
      /^2 threads/,
    );
  });

  it('a quoted field with line breaks across a cut: refused as one thread refuses it', () => {
    // the quoted name holds lines that read as CSV lines on their own: a range starting inside it
    // reads them cleanly, and the quote left open is what tells
    const inner = Array.from({ length: 40 }, (_, i) => `C9,Inner ${i},O1,5,1`).join('\n');
    const text = lines(200, '\n', (i, l) => (i === 100 ? `C1,"Quoted\n${inner}\nend",O2,1,0` : l));
    const { table, how } = bothWays(text, { rangeBytes: 200 });
    expect(table).toBe('a quoted field spanning lines');
    expect(how).toMatch(/^1 thread \(2 threads stopped: /);
  });

  it('a lone CR or bytes that are not UTF-8 in a later range: the one-thread answer', () => {
    const cr = lines(300, '\n', (i, l) => (i === 250 ? `${l}\r` : l));
    expect(bothWays(cr, { rangeBytes: 400 }).table).toBe('mixed line breaks');
    const text = Buffer.from(lines(300));
    text[text.length - 100] = 0xe9; // Windows-1252 é
    expect(bothWays(text, { rangeBytes: 400 }).table).toBe('not UTF-8');
  });

  it('a first range shorter than the rows the header was found in still holds them', () => {
    // 15 title lines above the header: the first cut comes after the rows PapaParse read
    const titled = `${Array.from({ length: 15 }, (_, i) => `Report line ${i}`).join('\n')}\n${lines(100)}`;
    const { how } = bothWays(titled, { rangeBytes: 64 });
    expect(how).toMatch(/^2 threads/);
  });

  it('small files, or one CPU, stay on one thread', () => {
    const { span, head } = csvFile(lines(50));
    const s = resolveSettings({}).settings;
    const small = readCsvThreads(span, head, s, {}, { ...tuning(2, 100), minBytes: 64 << 20 });
    expect(small.how).toBe('1 thread (0 MB is below 64 MB)');
    expect(threadTuning({}).minBytes).toBe(256 << 20);
    expect(readCsvThreads(span, head, s, {}, tuning(1, 100)).how).toMatch(/^1 thread/);
    expect(threadTuning({ PROFIT_TIERS_THREADS: '1' }).threads).toBe(1);
    expect(threadTuning({}).threads).toBe(Math.min(availableParallelism(), 4));
    expect(threadTuning({ PROFIT_TIERS_THREADS: 'auto' }).threads).toBe(availableParallelism());
    expect(threadTuning({ PROFIT_TIERS_THREADS: '3' }).threads).toBe(3);
    const noWorker = { ...tuning(2, 100), workerUrl: new URL('file:///nowhere/worker.js') };
    expect(readCsvThreads(span, head, s, {}, noWorker).how).toBe('1 thread (no worker script)');
  });
});

describe('random files and random range sizes: the one-thread table', () => {
  const key = fc.constantFrom('C1', 'C2', 'C3', ' C1', 'Café', 'Cafe\u0301', '', 'Total');
  const name = fc.constantFrom('', 'Acme', 'Beta Ltd', '"Acme, Inc."', '"Say ""hi"""', 'Zoë');
  const money = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.integer({ min: -100_000, max: 10_000_000 }).map((c) => (c / 100).toString()),
    },
    { weight: 1, arbitrary: fc.constantFrom('', '$1,234.50', '"1,234.50"', 'x', '-0', '-') },
  );
  const count = fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 0, max: 50 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', '-1', 'x') },
  );
  const order = fc.constantFrom('O1', 'O2', ' O1', 'O3', '', '"O,4"');
  const row = fc.tuple(key, name, order, money, money, count, count);
  it('agree on generated files', () => {
    let shared = 0;
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 25, maxLength: 120 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('none', 'ascending', 'random'),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 2, max: 3 }),
        (rows, eol, orders, rangeBytes, threads) => {
          const header = ['Customer', 'Name', 'Order ID', 'Revenue', 'COGS', 'Orders', 'Days'];
          // ascending ids merge by their runs; random ones send the file back to one thread
          const pick = (cells: string[], i: number) =>
            orders === 'none'
              ? cells.filter((_, c) => c !== 2)
              : orders === 'ascending' && i > 0
                ? cells.map((x, c) => (c === 2 ? `O${100 + Math.floor(i / 3)}` : x))
                : cells;
          const text = [header, ...rows].map((r, i) => pick(r, i).join(',')).join(eol);
          const settings = { columns: { paymentDays: 'Days' } };
          const { how } = bothWays(text, { threads, rangeBytes, settings });
          if (how.startsWith(`${threads} threads`)) shared++;
        },
      ),
      { numRuns: 60 },
    );
    expect(shared).toBeGreaterThan(20);
  });
});

describe('the built CLI (dist/cli) shares a large file among threads', () => {
  it('PROFIT_TIERS_THREADS=2 gives the JSON of PROFIT_TIERS_THREADS=1, and says so', () => {
    const text = toCsv(generateTransactions(2_000, 100, 5), {
      moneyColumns: TRANSACTION_MONEY_COLUMNS,
    });
    const { span } = csvFile(text);
    const run = (threads: string) =>
      spawnSync('node', ['dist/cli/profit-tiers.js', 'analyze', span.path, '--json'], {
        encoding: 'utf8',
        env: {
          ...process.env,
          PROFIT_TIERS_THREADS: threads,
          PROFIT_TIERS_RANGE_BYTES: '8192',
          PROFIT_TIERS_DEBUG: 'csv',
        },
      });
    const one = run('1'),
      two = run('2');
    expect(one.stderr).toContain('read by streaming, 1 thread');
    expect(two.stderr).toMatch(/read by streaming, 2 threads, \d+ ranges/);
    const json = (s: string) => {
      const j = JSON.parse(s);
      j.assumptions = j.assumptions.filter(
        (a: { value: unknown }) => !/^\d{4}-\d\d-\d\dT/.test(String(a.value)),
      );
      return j;
    };
    expect(json(two.stdout)).toEqual(json(one.stdout));
    expect(readFileSync(span.path, 'utf8')).toBe(text); // the input is never modified
  });
});
