/**
 * The columnar CSV reader against the PapaParse path: on every CSV the tests and samples hold, and
 * on generated CSVs, the two give the same analysis; files the columnar reader cannot read exactly
 * say why and go the PapaParse way.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type LoadedTable, loadTable } from '../../cli/load-table.js';
import { plainNumber } from '../../cli/read-csv-columns.js';
import { type AnalyzeOptions, analyze } from '../../core/analyze.js';
import { resultJson } from '../../core/result-json.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const write = (bytes: Uint8Array | string): string => {
  const path = join(dir, `t${files++}.csv`);
  writeFileSync(path, bytes);
  return path;
};

/** The same table without the columnar reader: PapaParse's cells, read by readRows. */
const papaparse = (t: LoadedTable) => ({
  values: t.values,
  unread: t.unread,
  firstRow: t.firstRow,
  decimal: t.decimal,
});

/** Analyses `path` both ways; returns the columnar reader's verdict (a reason, or 'columnar'). */
async function bothWays(
  path: string,
  settings: unknown = {},
  options: AnalyzeOptions = {},
): Promise<string> {
  const table = await loadTable(path, undefined, settings);
  let verdict = 'PapaParse (not UTF-8)';
  const columnar = table.columnar;
  if (columnar)
    table.columnar = (s, o) => {
      const t = columnar(s, o);
      verdict = typeof t === 'string' ? t : 'columnar';
      return t;
    };
  const fast = analyze(table, settings, options);
  const slow = analyze(papaparse(await loadTable(path, undefined, settings)), settings, options);
  expect(data(fast)).toEqual(data(slow));
  if (fast.ok && slow.ok)
    expect(JSON.stringify(resultJson(fast.value))).toBe(JSON.stringify(resultJson(slow.value)));
  return verdict;
}

/** An outcome's data: its functions (sensitivity's lookups) are code, not results, so left out. */
function data(x: unknown): unknown {
  if (typeof x === 'function') return 'function';
  if (x === null || typeof x !== 'object' || ArrayBuffer.isView(x)) return x;
  if (Array.isArray(x)) return x.map(data);
  if (x instanceof Map || x instanceof Set) return [...x].map(data);
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, data(v)]));
}

const csvFiles = [
  ...readdirSync('test/fixtures')
    .filter((f) => /\.(csv|txt)$/.test(f))
    .map((f) => `test/fixtures/${f}`),
  ...readdirSync('samples')
    .filter((f) => f.endsWith('.csv'))
    .map((f) => `samples/${f}`),
];
const sampleSettings = JSON.parse(readFileSync('samples/settings.json', 'utf8'));

describe('every CSV of the test fixtures and samples', () => {
  it.each(csvFiles)('%s: the same analysis both ways', async (file) => {
    await bothWays(file);
    await bothWays(file, sampleSettings);
  });

  it('reads the sample customers columnar, and the Windows-1252 transactions export by PapaParse', async () => {
    expect(await bothWays('samples/customers.csv', sampleSettings)).toBe('columnar');
    const export1252 = await loadTable('samples/transactions-2024-2025.csv', undefined, {});
    expect(export1252.columnar).toBeUndefined();
  });

  it('gives PapaParse what it reads differently: periods, a decimal comma, a broken quote', async () => {
    expect(await bothWays('samples/customers.csv', sampleSettings, { periods: 'month' })).not.toBe(
      'columnar',
    );
    expect(await bothWays('test/fixtures/previous-semicolon.csv')).toBe('decimal comma');
    expect(await bothWays('test/fixtures/unclosed-quote.csv')).not.toBe('columnar');
  });
});

describe('scenarios', () => {
  it('a transaction file: repeated keys, quoted names with commas and quotes, order ids, CRLF, BOM', async () => {
    const text =
      '\ufeffCustomer ID,Name,Invoice,Revenue,COGS,Deliveries\r\n' +
      'C1,"Acme, Inc.",I1,100.50,60,1\r\n' +
      'C2,"The ""Best"" Shop",I2,20,,0\r\n' +
      'C1,"Acme, Inc.",I1,-0.5,0.25,2\r\n' +
      'C1,Acme,I3,1e3x,1,1\r\n';
    // the last line's revenue is not a number: PapaParse's way rejects it, with its reason
    expect(await bothWays(write(text))).toBe('revenue not a plain number');
    const ok = text.replace('1e3x', '7');
    expect(await bothWays(write(ok))).toBe('columnar');
    const table = await loadTable(write(ok));
    const a = analyze(table);
    expect(a.ok && a.value.customers.keys).toEqual(['C1', 'C2']);
    expect(a.ok && a.value.customers.names).toEqual(['Acme', 'The "Best" Shop']); // alphabetically first
    expect(a.ok && Array.from(a.value.customers.revenue)).toEqual([107, 20]);
  });

  it('two spellings of one key (" A" and "A") are one customer, as readRows trims keys', async () => {
    expect(await bothWays(write('Customer,Revenue,COGS\nA,1,0\n A ,2,0\n'))).toBe('columnar');
  });

  it('a blank line, a summary row or a negative count goes the PapaParse way, with the same result', async () => {
    expect(await bothWays(write('Customer,Revenue,COGS\nA,1,0\n\nB,2,1\n'))).not.toBe('columnar');
    expect(await bothWays(write('Customer,Revenue,COGS\nA,1,0\nTotal,1,0\n'))).toBe(
      'a summary row',
    );
    expect(await bothWays(write('Customer,Revenue,COGS,Orders\nA,1,0,-1\n'))).toBe(
      'a count not a plain number ≥ 0',
    );
  });
});

describe('plainNumber reads plain numbers exactly as Number() does', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it.each([
    '0',
    '-0',
    '1',
    '12.5',
    '.5',
    '5.',
    '-45.67',
    '0.1',
    '123456789012345',
    '9007199254740993',
    '1234567890.123456789',
    '0.000000000000000000001',
  ])('%s', (s) => {
    const b = bytes(s);
    expect(Object.is(plainNumber(b, 0, b.length), Number(s))).toBe(true);
  });
  it.each(['', '-', '.', '1e3', '+1', ' 1', '1,5', '$1', '1.2.3', '5%'])('%s is not plain', (s) => {
    const b = bytes(s);
    expect(plainNumber(b, 0, b.length)).toBeNaN();
  });
  it('agrees with Number() on random decimals', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 0, max: 20 }),
        (x, digits) => {
          const s = Math.abs(x) < 1e21 ? x.toFixed(digits) : '1';
          const b = bytes(s);
          expect(Object.is(plainNumber(b, 0, b.length), Number(s))).toBe(true);
        },
      ),
    );
  });
});

describe('generated CSVs: the same analysis both ways', () => {
  const key = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom('C1', 'C2', 'C3', ' C1', 'c1', 'Café', 'Cafe\u0301') },
    { weight: 1, arbitrary: fc.constantFrom('', 'Total', '#N/A', '"Q, Inc."', 'a"b', '"x\ny"') },
  );
  const name = fc.constantFrom('', 'Acme', 'Beta Ltd', '"Acme, Inc."', '"Say ""hi"""', 'Zoë');
  const money = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.integer({ min: -100_000, max: 10_000_000 }).map((c) => (c / 100).toString()),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' 5',
        '$1,234.50',
        '"1,234.50"',
        '12%',
        '-',
        'abc',
        '1e16',
        '12.000',
        '5.',
        '.5',
        '-0',
      ),
    },
  );
  const count = fc.oneof(
    { weight: 30, arbitrary: fc.integer({ min: 0, max: 50 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', '-1', '2.5', 'x', ' 3') },
  );
  const row = fc.tuple(
    key,
    name,
    fc.constantFrom('O1', 'O2', 'O3', ''),
    money,
    money,
    count,
    count,
  );
  it('agree on generated files', async () => {
    let columnar = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (rows, eol, bom, finalBreak, orders) => {
          const header = [
            'Customer',
            'Name',
            'Order ID',
            'Revenue',
            'COGS',
            'Orders',
            'Payment Days',
          ];
          const pick = (cells: string[]) => (orders ? cells : cells.filter((_, i) => i !== 2));
          const text =
            (bom ? '\ufeff' : '') +
            [header, ...rows].map((r) => pick(r).join(',')).join(eol) +
            (finalBreak ? eol : '');
          if ((await bothWays(write(text))) === 'columnar') columnar++;
        },
      ),
      { numRuns: 200 },
    );
    expect(columnar).toBeGreaterThan(20); // the generator reaches the columnar reader too
  });
});
