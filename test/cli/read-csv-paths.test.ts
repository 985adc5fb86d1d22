/**
 * Every CSV the tests hold, read the two ways a CSV file can be read — whole by PapaParse
 * (`PROFIT_TIERS_CSV=papaparse`), and by default as a stream aggregated as it is read (falling back
 * to PapaParse where only the whole file tells) — gives the same analysis, as data and as JSON,
 * or the same one-line error. The corpora: the
 * adversarial fixtures (test/fixtures/make-fixtures.ts), the generated customer and transaction
 * tables (test/data/generate.ts) in every export style, the samples, and random files.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../cli/load-table.js';
import { readCsvHead } from '../../cli/read-csv.js';
import { readCsvStream } from '../../cli/read-csv-stream.js';
import { type AnalyzeOptions, analyze } from '../../core/analyze.js';
import { readRows } from '../../core/read-rows.js';
import { resultJson } from '../../core/result-json.js';
import { resolveSettings } from '../../core/settings.js';
import {
  CUSTOMER_MONEY_COLUMNS,
  encodeWindows1252,
  generateCustomers,
  generateTransactions,
  SAMPLE_SETTINGS,
  TRANSACTION_MONEY_COLUMNS,
  toCsv,
} from '../data/generate.js';
import { FIXTURES } from '../fixtures/make-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const write = (bytes: Uint8Array | string, ext = 'csv'): string => {
  const path = join(dir, `t${files++}.${ext}`);
  writeFileSync(path, bytes);
  return path;
};

type Way = 'papaparse' | 'default';

/** One way: the analysis (data and JSON) or the error, and the reader that read the file. */
async function oneWay(way: Way, path: string, settings: unknown, options: AnalyzeOptions) {
  const saved = process.env.PROFIT_TIERS_CSV;
  if (way === 'papaparse') process.env.PROFIT_TIERS_CSV = 'papaparse';
  else delete process.env.PROFIT_TIERS_CSV;
  let reader = 'PapaParse';
  try {
    const table = await loadTable(path, undefined, settings);
    const columnar = table.columnar;
    if (columnar)
      table.columnar = (s, o) => {
        const t = columnar(s, o);
        reader = typeof t === 'string' ? `PapaParse (${t})` : 'stream';
        return t;
      };
    const a = analyze(table, settings, options);
    return {
      reader,
      result: a.ok ? { data: data(a.value), json: JSON.stringify(resultJson(a.value)) } : a.error,
    };
  } catch (e) {
    return { reader, result: { thrown: (e as Error).message } };
  } finally {
    if (saved === undefined) delete process.env.PROFIT_TIERS_CSV;
    else process.env.PROFIT_TIERS_CSV = saved;
  }
}

/** Reads `path` both ways, expects one result; returns the reader the default way took. */
async function twoWays(path: string, settings: unknown = {}, options: AnalyzeOptions = {}) {
  const papa = await oneWay('papaparse', path, settings, options);
  const fast = await oneWay('default', path, settings, options);
  expect(fast.result).toEqual(papa.result);
  return fast.reader;
}

/** An outcome's data: its functions (sensitivity's lookups) are code, not results, so left out. */
function data(x: unknown): unknown {
  if (typeof x === 'function') return 'function';
  if (x === null || typeof x !== 'object' || ArrayBuffer.isView(x)) return x;
  if (Array.isArray(x)) return x.map(data);
  if (x instanceof Map || x instanceof Set) return [...x].map(data);
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, data(v)]));
}

const sampleSettings = JSON.parse(readFileSync('samples/settings.json', 'utf8'));

describe('the adversarial fixtures (make-fixtures.ts), read both ways', () => {
  const textFixtures = Object.keys(FIXTURES).filter((f) => /\.(csv|txt)$|csv-named/.test(f));
  it.each(textFixtures)('%s', async (name) => {
    const bytes = await FIXTURES[name]();
    const path = write(bytes, name.split('.').pop());
    await twoWays(path);
    await twoWays(path, sampleSettings);
  });

  it('takes the stream where it can, PapaParse where only the whole file tells', async () => {
    const ways = async (name: string) => twoWays(write(await FIXTURES[name]()));
    expect(await ways('current.csv')).toBe('stream');
    expect(await ways('unclosed-quote.csv')).toBe('PapaParse (a quoted field spanning lines)');
    expect(await ways('mixed-decimals.csv')).toBe('PapaParse (mixed decimal styles)');
    expect(await ways('mac-cr.csv')).toMatch(/^PapaParse/);
    // a decimal-comma file is streamed: its numbers with a mark go to readRows line by line
    expect(await ways('previous-semicolon.csv')).toBe('stream');
  });
});

describe('the generated tables (test/data), in every export style, read both ways', () => {
  const customers = generateCustomers(300, 7);
  const lines = generateTransactions(2_000, 150, 7);
  const styles = {
    plain: { eol: '\n' as const },
    crlf: { eol: '\r\n' as const },
    accounting: { eol: '\r\n' as const, accounting: true },
  };
  for (const [style, opts] of Object.entries(styles)) {
    it(`customers, ${style}`, async () => {
      const path = write(toCsv(customers, { ...opts, moneyColumns: CUSTOMER_MONEY_COLUMNS }));
      const ways = await twoWays(path, SAMPLE_SETTINGS);
      expect(ways).toBe('stream');
      await twoWays(path, { ...SAMPLE_SETTINGS, sensitivity: 0 });
    });
    it(`transaction lines, ${style}`, async () => {
      const path = write(toCsv(lines, { ...opts, moneyColumns: TRANSACTION_MONEY_COLUMNS }));
      const ways = await twoWays(path, SAMPLE_SETTINGS);
      expect(ways).toBe('stream');
      // periods and groups need the whole file: both ways fall back to it, with the same result
      const periods = await twoWays(
        path,
        { ...SAMPLE_SETTINGS, columns: { period: 'Order Date' } },
        { periods: 'quarter' },
      );
      expect(periods).toBe('PapaParse (periods asked for)');
      await twoWays(path, { ...SAMPLE_SETTINGS, groupBy: ['Product'] });
    });
  }
  it('transaction lines in Windows-1252: read whole, decoded as Windows-1252', async () => {
    const text = toCsv(lines, { moneyColumns: TRANSACTION_MONEY_COLUMNS });
    const ways = await twoWays(write(encodeWindows1252(text)), SAMPLE_SETTINGS);
    expect(ways).not.toBe('stream');
  });
  it('customers with a title above the header, blank lines and a total line', async () => {
    const text = toCsv(customers.slice(0, 50), { moneyColumns: CUSTOMER_MONEY_COLUMNS, eol: '\n' });
    const [header, ...rows] = text.trimEnd().split('\n');
    const file = ['Customer report,,', '', header, ...rows.slice(0, 20), '', ...rows.slice(20)];
    file.push('Total,,999,1,,,,,,,,');
    const ways = await twoWays(write(`${file.join('\n')}\n`), SAMPLE_SETTINGS);
    expect(ways).toBe('stream');
  });
});

describe('the samples, read both ways', () => {
  const samples = readdirSync('samples').filter((f) => f.endsWith('.csv'));
  it.each(samples)('%s', async (f) => {
    await twoWays(`samples/${f}`);
    await twoWays(`samples/${f}`, sampleSettings);
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
    // the last line's revenue is not a number: readRows rejects it, with its reason, while streaming
    expect(await twoWays(write(text))).toBe('stream');
    const ok = text.replace('1e3x', '7');
    expect(await twoWays(write(ok))).toBe('stream');
    const a = analyze(await loadTable(write(ok)));
    expect(a.ok && a.value.customers.keys).toEqual(['C1', 'C2']);
    expect(a.ok && a.value.customers.names).toEqual(['Acme', 'The "Best" Shop']); // alphabetically first
    expect(a.ok && Array.from(a.value.customers.revenue)).toEqual([107, 20]);
    expect(a.ok && Array.from(a.value.customers.volumes[0]!)).toEqual([2, 1]); // orders I1, I3; I2
    const bad = analyze(await loadTable(write(text)));
    expect(bad.ok && bad.value.rows.rejected).toEqual([
      { row: 5, column: 'Revenue', reason: expect.stringContaining('1e3x'), cell: 'D5' },
    ]);
  });

  it('two spellings of one key (" A" and "A") are one customer, as readRows trims keys', async () => {
    expect(await twoWays(write('Customer,Revenue,COGS\nA,1,0\n A ,2,0\n'))).toBe('stream');
  });

  it('a blank line, a summary row or a negative count: rejected rows, read while streaming', async () => {
    expect(await twoWays(write('Customer,Revenue,COGS\nA,1,0\n\nB,2,1\n'))).toBe('stream');
    expect(await twoWays(write('Customer,Revenue,COGS\nA,1,0\nTotal,1,0\n'))).toBe('stream');
    expect(await twoWays(write('Customer,Revenue,COGS,Orders\nA,1,0,-1\nB,1,0,1\n'))).toBe(
      'stream',
    );
  });

  it('a customer first seen on a line readRows reads keeps its place before later customers', async () => {
    // A's first line has money text (read by readRows, in a batch), B's is plain: A still comes first
    const path = write('Customer,Revenue,COGS\nA,"$1,000.00",10\nB,5,1\nA,3,1\n');
    expect(await twoWays(path)).toBe('stream');
    const a = analyze(await loadTable(path));
    expect(a.ok && a.value.customers.keys).toEqual(['A', 'B']);
    expect(a.ok && Array.from(a.value.customers.revenue)).toEqual([1003, 5]);
  });

  it('with COGS and Gross Profit both mapped, a blank COGS takes the gross profit, streaming', async () => {
    const path = write('Customer,Revenue,COGS,Gross Profit\nA,100,,7\nB,50,45,\nC,10,,\n');
    expect(await twoWays(path)).toBe('stream');
    const a = analyze(await loadTable(path));
    expect(a.ok && Array.from(a.value.customers.grossProfit)).toEqual([7, 5, 10]);
  });

  it('an empty last line (two line breaks at the end) is a blank row both ways', async () => {
    expect(await twoWays(write('Customer,Revenue,COGS\nA,1,0\n\n'))).toBe('stream');
    expect(await twoWays(write('Customer,Revenue,COGS\r\nA,1,0\r\nB,2,1\r\n\r\n'))).toBe('stream');
    const a = analyze(await loadTable(write('Customer,Revenue,COGS\nA,1,0\n\n')));
    expect(a.ok && a.value.rows).toEqual({
      total: 2,
      used: 1,
      rejected: [{ row: 3, column: '', reason: 'blank row', cell: 'A3' }],
    });
  });

  it('a file with no usable row: the same one-line error both ways', async () => {
    expect(await twoWays(write('Customer,Revenue,COGS\nA,x,0\n'))).toBe(
      'PapaParse (no usable rows)',
    );
  });
});

describe('random files, streamed in chunks of a few bytes, equal readRows on the whole file', () => {
  const key = fc.constantFrom(
    'C1',
    'C2',
    'C3',
    ' C1',
    'c1',
    'Café',
    'Cafe\u0301',
    '',
    'Total',
    '#N/A',
  );
  const name = fc.constantFrom('', 'Acme', 'Beta Ltd', '"Acme, Inc."', '"Say ""hi"""', 'Zoë');
  const money = fc.oneof(
    {
      weight: 6,
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
        'x',
        '1e16',
        '-0',
      ),
    },
  );
  const count = fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 0, max: 50 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', '-1', '2.5', 'x', ' 3', '-0') },
  );
  const order = fc.constantFrom('O1', 'O2', ' O1', 'O3', '', '"O,4"');
  const row = fc.tuple(key, name, order, money, money, count, count);
  it('agree on generated files', async () => {
    let streamedFiles = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async (rows, eol, orders, chunk) => {
          const header = ['Customer', 'Name', 'Order ID', 'Revenue', 'COGS', 'Orders', 'Days'];
          const pick = (cells: string[]) => (orders ? cells : cells.filter((_, i) => i !== 2));
          const text = [header, ...rows].map((r) => pick(r).join(',')).join(eol);
          const path = write(text);
          const settings = resolveSettings({ columns: { paymentDays: 'Days' } }).settings;
          const head = readCsvHead(text);
          const whole = readRows({ values: (await loadTable(path)).values }, settings);
          const span = { path, start: 0, end: Buffer.byteLength(text) };
          const streamed = readCsvStream(span, head, settings, {}, chunk);
          if (typeof streamed === 'string') return; // left to the whole file, as the tests above check
          streamedFiles++;
          if (!whole.ok)
            throw new Error(`streamed a table readRows refuses: ${whole.error.message}`);
          const { aggregate } = await import('../../core/aggregate.js');
          expect(streamed.customers).toEqual(aggregate(whole.value));
          expect(streamed.rejected).toEqual(whole.value.rejected);
          expect([streamed.count, streamed.dataRows, streamed.transactions]).toEqual([
            whole.value.count,
            whole.value.dataRows,
            whole.value.transactions,
          ]);
        },
      ),
      { numRuns: 300 },
    );
    expect(streamedFiles).toBeGreaterThan(100); // most files are streamed, not left to PapaParse
  });
});
