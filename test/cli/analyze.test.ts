/**
 * `profit-tiers analyze` end to end: the built CLI on small odd files. Every failure is one line on
 * stderr with a non-zero exit; every row of every input table is accounted for in what is printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { reportSheets } from '../../core/report/report-sheets.js';

let dir = '';
beforeAll(() => {
  execFileSync('node', ['build/build.mjs', 'cli']);
  dir = mkdtempSync(join(tmpdir(), 'pt-cli-'));
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The summary wraps long lines for an 80-column terminal; `out` joins them back for matching. */
function cli(...args: string[]) {
  const r = spawnSync('node', ['dist/cli/profit-tiers.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout.replace(/\n {4,}/g, ' '), raw: r.stdout, err: r.stderr };
}

describe('profit-tiers analyze', () => {
  it('stops quietly when the reader closes the pipe early (analyze … | head -1)', () => {
    const r = spawnSync(
      'sh',
      ['-c', 'node dist/cli/profit-tiers.js analyze samples/customers.csv --json | head -c 1'],
      { encoding: 'utf8' },
    );
    expect(r.stdout).toBe('{');
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it('speaks of one customer and one account in the singular', () => {
    const r = cli('analyze', file('one.csv', 'Customer,Revenue,COGS\nA,100,60\n'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('\n1 customer, revenue 100, net profit 40 (40 % net margin)\n');
    expect(r.out).toContain('\n  customers      │ 1 ');
    expect(r.out).toContain('Concierge: 1 account earns 40;');
    expect(r.out).not.toMatch(/\b1 (customers|accounts)\b/);
  });

  it('does not say money-losers "earn" a negative amount when every customer loses money', () => {
    const r = cli(
      'analyze',
      file('losers.csv', 'Customer,Revenue,COGS\nA,100,160\nB,50,75\nC,10,11\n'),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Whale curve: matrix customers (revenue > 0) lose 86 in total: no customer earns a profit; money-losers lose 86.',
    );
    expect(r.out).not.toMatch(/earn -/);
  });

  it('prints capacity, tier stability and each scenario in a line (issue 13)', () => {
    // Orders from a pool of 500 over 50 orders (10 each); contacts 5 each plus 10 Warehouse minutes
    // at 0.60 (6). C: 50 − 200 − 20 − 24 = −194 loses money. When C exits, the pool lands on A and
    // B (500 / 30 orders) and C's 40 minutes become unused: −50 + 20 = −30 for the business.
    const settings = file(
      'spiral.json',
      JSON.stringify({
        pools: { orders: 500 },
        rates: { contacts: 5 },
        capacity: [{ name: 'Warehouse', cost: 600, minutes: 1000, minutesPer: { contacts: 10 } }],
        scenarios: [
          {
            name: 'Exit the money-losers',
            changes: [{ where: { moneyLosers: true }, exit: true }],
          },
        ],
      }),
    );
    const csv =
      'Customer,Revenue,COGS,Orders,Contacts\nA,1000,600,10,0\nB,500,300,20,0\nC,100,50,20,4\n';
    const r = cli('analyze', file('spiral.csv', csv), '--settings', settings);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '\nCapacity Warehouse: 4 % of capacity used (40 of 1,000 minutes); unused capacity 576, charged to no customer.\n',
    );
    expect(r.out).toContain(
      "\nScenario Exit the money-losers: net profit -30 (customers' net profit -6, unused capacity +24); revenue -100; 1 customer exits (its direct-rate costs go with it; pool and capacity costs stay); tier moves: 1 Fix → Exited, 1 Maintain → Fix; the High margin bar moves 6.6 % → 6.7 %.\n",
    );
    expect(r.out).toContain(
      '\nTier stability (±20 % on each cost input): 1 of 3 customers changes tier when a single cost input moves (fragile); most sensitive: orders pool (1 customer changes tier at +20 %, 0 at -20 %).\n',
    );
  });

  it('refuses a header-only file in one line, exit 1', () => {
    const r = cli('analyze', file('header-only.csv', 'Customer,Revenue,COGS\n'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^profit-tiers: .*header-only\.csv: the table has a header \(row 1\) but no data rows below it\n$/,
    );
    expect(r.out).toBe('');
  });

  it('lists huge amounts as not used instead of printing NaN totals', () => {
    const r = cli(
      'analyze',
      file('huge.csv', 'Customer,Revenue,COGS\nA,1e308,1\nB,1e308,1\nC,100,60\n'),
    );
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('NaN');
    expect(r.out).toContain('1 customer, revenue 100, net profit 40');
    expect(r.out).toContain('row 2, Revenue: "1e308" is too large');
  });

  it('reads Excel serial dates written as text in a CSV period column', () => {
    const r = cli(
      'analyze',
      file(
        'serial.csv',
        'Customer,Revenue,COGS,Order Date\nA,100,60,45292\nB,50,45,45292\nA,120,60,45400\nB,50,55,45400\n',
      ),
      '--periods',
      'Order Date:quarter',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Migration 2024-Q1 → 2024-Q2');
    expect(r.out).toContain('Rows: 4 read, 4 used, 0 not used.');
  });

  it('sums up a run of blank rows in one line, and still counts every row', () => {
    // rows 3–6 and 8–9 blank, row 7 a bad number: three lines, nothing left over to count
    const r = cli(
      'analyze',
      file(
        'blanks.csv',
        'Customer,Revenue,COGS\nA,100,60\n,,\n,,\n,,\n,,\nB,abc,1\n,,\n,,\nC,50,20\n',
      ),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Rows: 9 read, 2 used, 7 not used:\n  rows 3–6: blank row, 4 rows\n  row 7, Revenue: "abc" is not a number\n  rows 8–9: blank row, 2 rows\n',
    );
    expect(r.out).not.toContain('… and');
  });

  it('lists the rows of the --previous table it did not use', () => {
    const current = file('now.csv', 'Customer,Revenue,COGS\nA,100,60\n');
    const previous = file('before.csv', 'Customer,Revenue,COGS\nA,90,60\nB,abc,1\n');
    const r = cli('analyze', current, '--previous', previous);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Rows of the previous table: 2 read, 1 used, 1 not used:\n  row 3, Revenue: "abc" is not a number',
    );
  });
});

describe('the Data Issues sheet', () => {
  it('lists the rows of the previous table that were not used', () => {
    const o = analyze(
      {
        values: [
          ['Customer', 'Revenue', 'COGS'],
          ['A', 100, 60],
        ],
      },
      {},
      {
        previous: {
          values: [
            ['Customer', 'Revenue', 'COGS'],
            ['A', 90, 60],
            ['B', 'abc', 1],
          ],
        },
        labels: { previous: 'before.csv', current: 'now.csv' },
      },
    );
    if (!o.ok) throw new Error(o.error.message);
    const issues = reportSheets(o.value).find((s) => s.name === 'Data Issues')!;
    const text = issues.values.map((r) => r.join('|'));
    expect(text).toContain('|||Rows of the previous table (before.csv) not used:');
    expect(text).toContain('3|Revenue|B3|"abc" is not a number');
  });
});

describe('profit-tiers analyze on European and unusable files', () => {
  it('reads a semicolon CSV with decimal commas, as Excel writes it in such locales', () => {
    const r = cli(
      'analyze',
      '--json',
      file('de.csv', 'Kunde;Umsatz;Wareneinsatz\nA;1.234,50;600,25\nB;99,50;10\n'),
    );
    expect(r.code, r.err).toBe(0);
    const revenue = Object.fromEntries(
      JSON.parse(r.out).customers.map((c: { customer: string; revenue: number }) => [
        c.customer,
        c.revenue,
      ]),
    );
    expect(revenue).toEqual({ A: 1234.5, B: 99.5 });
    // said on stderr, and on the Assumptions sheet (the JSON's assumptions are its rows)
    const note =
      'semicolon-separated: numbers read with a decimal comma (1.234,56) and dates day-month-year, as Excel writes such files; if it writes a decimal point, set {"locale": {"decimal": "."}}';
    expect(r.err).toContain(`profit-tiers: note: ${join(dir, 'de.csv')}: ${note}\n`);
    expect(JSON.parse(r.out).assumptions).toContainEqual({
      section: 'Run',
      item: 'How it was read',
      value: null,
      note: `${join(dir, 'de.csv')}: ${note}`,
    });
  });

  it('keeps the decimal point when the settings ask for it, even in a semicolon CSV', () => {
    const settings = file('dot.json', JSON.stringify({ locale: { decimal: '.' } }));
    const r = cli(
      'analyze',
      '--json',
      '--settings',
      settings,
      file('dot.csv', 'Customer;Revenue;COGS\nA;1234.50;600\n'),
    );
    expect(JSON.parse(r.out).customers[0].revenue).toBe(1234.5);
    expect(r.err).not.toContain('decimal comma'); // the settings decide: nothing to say
  });

  it('names every column choice that does not fit the file, as a usage error (exit 2)', () => {
    const settings = file(
      'columns.json',
      JSON.stringify({ columns: { revenue: 'Turnover', orders: 'Drops' } }),
    );
    const r = cli(
      'analyze',
      file('cols.csv', 'Customer,Revenue,COGS\nA,1,0\n'),
      '--settings',
      settings,
    );
    expect([r.code, r.err.trim().split('\n').length]).toEqual([2, 1]);
    expect(r.err).toMatch(
      /columns\.revenue: no column "Turnover" .*; columns\.orders: no column "Drops"/,
    );
  });

  it('fails with one line when no row is usable, naming the first reason', () => {
    const r = cli('analyze', file('bad.csv', 'Customer,Revenue,COGS\nA,abc,1\nB,x,2\n'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(
      'no usable rows: all 2 rows were rejected; first: row 2, Revenue: "abc" is not a number',
    );
  });
});

describe('the built command', () => {
  it('is an executable script, as the package bin that npx runs', () => {
    expect(statSync('dist/cli/profit-tiers.js').mode & 0o111).not.toBe(0);
    expect(readFileSync('dist/cli/profit-tiers.js', 'utf8').startsWith('#!/usr/bin/env node')).toBe(
      true,
    );
    const r = spawnSync('dist/cli/profit-tiers.js', ['--version'], { encoding: 'utf8' });
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(r.stdout.trim()).toBe(`profit-tiers ${version}`);
  });
});

describe('profit-tiers analyze --periods on a semicolon CSV', () => {
  it('keeps reading decimal commas when comparing periods', () => {
    const csv =
      'Kunde;Jahr;Umsatz;Wareneinsatz\nA;2024;1.000,50;500\nA;2025;2.000,25;800\nB;2025;99,50;10\n';
    const r = cli('analyze', '--json', '--periods', 'Jahr:year', file('de-periods.csv', csv));
    expect(r.code, r.err).toBe(0);
    const revenue = Object.fromEntries(
      JSON.parse(r.out).customers.map((c: { customer: string; revenue: number }) => [
        c.customer,
        c.revenue,
      ]),
    );
    expect(revenue).toEqual({ A: 2000.25, B: 99.5 });
  });
});

describe('profit-tiers analyze --group and --periods over four quarters (§14, §15)', () => {
  // A sells 60 in the North and 70 in the South: South. B ties East and West at 50: East.
  const csv = [
    'Customer,Region,Channel,Order Date,Revenue,COGS',
    'A,North,Web,2024-02-10,60,30',
    'A,South,Web,2024-05-10,40,20',
    'A,South,Store,2024-08-10,30,15',
    'B,West,Store,2024-08-10,50,20',
    'B,East,Store,2024-11-10,50,20',
    'C,North,Web,2024-11-10,100,110',
  ].join('\n');

  it('adds each --group to the settings groupBy, and reports each in JSON', () => {
    const settings = file('group-settings.json', JSON.stringify({ groupBy: ['Region'] }));
    const r = cli(
      'analyze',
      '--json',
      '--settings',
      settings,
      '--group',
      'Channel',
      '--group',
      'region', // already in the settings: counted once
      file('grouped.csv', csv),
    );
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.groups.map((g: { column: string }) => g.column)).toEqual(['Region', 'Channel']);
    const byKey = Object.fromEntries(
      json.customers.map((c: { customer: string; groups: object }) => [c.customer, c.groups]),
    );
    expect(byKey).toEqual({
      A: { Region: 'South', Channel: 'Web' },
      B: { Region: 'East', Channel: 'Store' },
      C: { Region: 'North', Channel: 'Web' },
    });
    expect(json.groups[0].values[0]).toMatchObject({
      value: 'South',
      customers: 1,
      revenue: 130,
      netProfit: 65,
      moneyLosers: 0,
    });
  });

  it('prints one line per group column', () => {
    const r = cli('analyze', '--group', 'Region', file('grouped.csv', csv));
    expect(r.code, r.err).toBe(0);
    // total net profit 65 + 60 − 10 = 115
    expect(r.out).toContain(
      'Net profit by Region: South 65 (57 %), East 60 (52 %), North -10 (-8.7 %) with 1 money-loser.',
    );
  });

  it('uses every row over four quarters and carries the trend', () => {
    const r = cli('analyze', '--json', '--periods', 'Order Date:quarter', file('q.csv', csv));
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.rows).toMatchObject({ total: 6, used: 6, rejected: [] });
    expect(json.trend.periods).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(json.trend.totals.map((t: { netProfit: number }) => t.netProfit)).toEqual([
      30, 20, 45, 20,
    ]);
    expect(json.migration.from).toBe('2024-Q3');
    const summary = cli(
      'analyze',
      '--periods',
      'Order Date:quarter',
      '--group',
      'Region',
      file('q.csv', csv),
    ).out;
    // Q4: B (East, 30) and C (North, −10): the groups are those of the period analysed
    expect(summary).toContain('Net profit by Region in 2024-Q4: East 30 (150 %), North -10');
    expect(summary).toContain(
      'Trend 2024-Q1 to 2024-Q4 (4 periods): net profit 30 → 20 → 45 → 20; customers 1 → 1 → 2 → 2;',
    );
  });

  it('names a group column that is not there in one line', () => {
    const r = cli('analyze', '--group', 'Sales Rep', file('grouped.csv', csv));
    expect(r.code).toBe(1); // the input lacks a column, as with a columns override
    expect(r.err).toMatch(/groupBy: no column "Sales Rep" \(headers found: "Customer", "Region"/);
  });
});

/** The adversarial corpus of test/fixtures (made by make-fixtures.ts), through the built command. */
const fx = (name: string) => `test/fixtures/${name}`;
const json = (r: { out: string }) => JSON.parse(r.out);

describe('every input read right: no row lost, no value misread (issue 10)', () => {
  it('keeps the rows after an unclosed quote and lists the broken line', () => {
    const r = cli('analyze', fx('unclosed-quote.csv'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'Rows: 6 read, 5 used, 1 not used:\n  row 4, Revenue: malformed CSV: the quote (") that opens this field is never closed; this line was not read (the lines after it were)',
    );
  });

  it('rejects a formula cell without a calculated value instead of reading a cost of 0', () => {
    const r = cli('analyze', '--json', fx('formula-no-cache.xlsx'));
    expect(r.code, r.err).toBe(0);
    const reasons = json(r).rows.rejected.map((p: { row: number; reason: string }) => [
      p.row,
      p.reason,
    ]);
    expect(reasons).toEqual([
      [2, 'formula without a calculated value; open and save the file in Excel'],
      [4, 'formula without a calculated value; open and save the file in Excel'],
    ]);
  });

  it('reads a merged revenue cell once', () => {
    const r = cli('analyze', '--json', fx('merged.xlsx'));
    expect(json(r).totals.revenue).toBe(310); // 200 once + 80 + 30, not 200 twice
  });

  it('reads --previous with its own decimal mark (a semicolon CSV: decimal commas)', () => {
    const r = cli(
      'analyze',
      '--json',
      fx('current.csv'),
      '--previous',
      fx('previous-semicolon.csv'),
    );
    expect(r.code, r.err).toBe(0);
    const { migration, previousRows } = json(r);
    expect(previousRows).toMatchObject({ total: 3, used: 3 });
    const before = migration.transitions.reduce(
      (s: number, t: { previousRevenue: number }) => s + t.previousRevenue,
      0,
    );
    expect(before).toBeCloseTo(1234.56 + 900 + 1100, 9);
    expect(json(r).customers.find((c: { customer: string }) => c.customer === 'A').revenue).toBe(
      1500.5,
    ); // the current table keeps its decimal point
  });

  it('template --data reads a semicolon CSV as analyze does', async () => {
    const out = join(dir, 'from-semicolon.xlsx');
    const r = cli('template', '--data', fx('previous-semicolon.csv'), '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('(3 customers from test/fixtures/previous-semicolon.csv)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const revenue: number[] = [];
    wb.getWorksheet('Customers')!.eachRow((row) => {
      const v = row.getCell(3).value;
      if (typeof v === 'number') revenue.push(v);
    });
    expect(revenue.sort((a, b) => a - b)).toEqual([900, 1100, 1234.56]);
  });

  it('warns about a column of mixed decimal styles and refuses 12.000 rather than read 12', () => {
    const r = cli('analyze', '--json', fx('mixed-decimals.csv'));
    const { rows, warnings } = json(r);
    expect(rows.used).toBe(1);
    expect(rows.rejected.map((p: { row: number }) => p.row)).toEqual([2, 3, 5]);
    expect(warnings[0]).toMatch(/^column "Revenue" mixes decimal styles: .*locale/);
  });

  it('reads UTF-16 text as Excel saves it', () => {
    const r = cli('analyze', '--json', fx('utf16be.txt'));
    expect(r.code, r.err).toBe(0);
    expect(
      json(r)
        .customers.map((c: { customer: string }) => c.customer)
        .sort(),
    ).toEqual(['Café Müller', 'Zoë', 'Łódź Trading']);
  });

  it('reads an xlsx whose table part openpyxl wrote', () => {
    expect(cli('analyze', fx('openpyxl-table.xlsx')).code).toBe(0);
  });

  it('reads the first visible sheet with a customer table, says which on stderr, keeps --json clean', () => {
    const r = cli('analyze', '--json', fx('second-sheet.xlsx'));
    expect(r.code, r.err).toBe(0);
    expect(json(r).rows.total).toBe(2);
    expect(r.err).toBe(
      'profit-tiers: note: test/fixtures/second-sheet.xlsx: read sheet "Data", the first visible sheet with a customer table ("Read me" holds none)\n',
    );
  });

  it.each([
    [
      'hidden-only.xlsx',
      'no visible sheet holds a customer table (a header with a customer and a revenue column); sheets: "Read me", "Summary", "Data" (hidden); name the one to read with --sheet NAME',
    ],
    [
      'real.xls',
      'an old Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx or CSV',
    ],
    ['encrypted.xlsx', 'an encrypted workbook: remove the password in Excel and save again'],
    [
      'sheet.ods',
      'an OpenDocument spreadsheet (.ods), not an xlsx workbook: save it as .xlsx or CSV (File › Save As)',
    ],
    [
      'header-below.csv',
      'the header was not found in the first 20 rows; row 26 looks like it: point at it with --settings \'{"headerRow": 26}\'',
    ],
  ])('names what is wrong with %s in one line, exit 1', (name, message) => {
    const r = cli('analyze', fx(name));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`profit-tiers: test/fixtures/${name}: ${message}\n`);
    expect(r.out).toBe('');
  });

  it('reads a header below the rows searched once pointed at, with the JSON given to --settings', () => {
    const r = cli('analyze', '--json', '--settings', '{"headerRow": 26}', fx('header-below.csv'));
    expect(r.code, r.err).toBe(0);
    expect(json(r).rows).toMatchObject({ total: 27, used: 2 });
  });

  it('reads a CSV named .xlsx as the CSV it is, and says so', () => {
    const r = cli('analyze', fx('csv-named.xlsx'));
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'profit-tiers: note: test/fixtures/csv-named.xlsx is CSV text, not a workbook (named .xlsx); read as CSV\n',
    );
  });

  it('takes a final classic-Mac CR for a line end, not a blank row', () => {
    expect(cli('analyze', fx('mac-cr.csv')).out).toContain('Rows: 2 read, 2 used, 0 not used.');
  });

  it('says "too large" for a setting of 1e400, exit 2', () => {
    const r = cli('analyze', '--settings', fx('settings-1e400.json'), fx('current.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'profit-tiers: test/fixtures/current.csv: settings: rates.orders must be a number ≥ 0 (got a number too large)\n',
    );
  });

  it('cuts a text longer than an Excel cell in the report, and Data Issues says so', async () => {
    const out = join(dir, 'long.xlsx');
    const r = cli('analyze', fx('long-text.csv'), '--out', out);
    expect(r.code, r.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const name = String(wb.getWorksheet('Customers')!.getCell('B2').value);
    expect(name).toHaveLength(32_767);
    expect(name.endsWith('…')).toBe(true);
    const issues = wb.getWorksheet('Data Issues')!.getColumn(4).values.map(String);
    expect(issues.some((v) => v.startsWith('Text cut: ') && v.includes("'Customers'!B2"))).toBe(
      true,
    );
  });
});

describe('--out never overwrites (issue 10)', () => {
  const csv = () => fx('current.csv');

  it('refuses an existing file in one line, exit 1, and replaces it with --force', () => {
    const out = file('existing.xlsx', 'my own workbook');
    const r = cli('analyze', csv(), '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `profit-tiers: --out ${out} already exists; choose a new name, or add --force to replace it\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('my own workbook');
    const forced = cli('analyze', csv(), '--out', out, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a link, a folder and a missing folder in one line, exit 1, never 70', () => {
    const target = file('target.xlsx', 'keep me');
    const link = join(dir, 'to-target.xlsx');
    symlinkSync(target, link);
    mkdirSync(join(dir, 'a-folder.xlsx'));
    for (const out of [link, join(dir, 'a-folder.xlsx'), join(dir, 'no-such-dir', 'r.xlsx')]) {
      for (const extra of [[], ['--force']]) {
        const r = cli('analyze', csv(), '--out', out, ...extra);
        expect(r.code, r.err).toBe(1);
        expect(r.err.split('\n')).toHaveLength(2); // one line and its newline
        expect(r.err).toMatch(/^profit-tiers: --out /);
      }
    }
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
  });

  it('takes --out "" for a usage error, exit 2; template too', () => {
    const r = cli('analyze', csv(), '--out', '');
    expect(r.code).toBe(2);
    expect(r.err).toBe('profit-tiers: --out needs a file name, e.g. --out report.xlsx\n');
    expect(cli('template', '--out', '').code).toBe(2);
  });

  it('template names conciergeMaxAccounts, which its Tier column does not hold', () => {
    const out = join(dir, 'capped.xlsx');
    const r = cli('template', '--settings', '{"conciergeMaxAccounts": 3}', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Note: the template's Tier column gives Concierge to every Large/High customer: it does not hold conciergeMaxAccounts (3)",
    );
    expect(cli('template', '--out', out, '--force').out).not.toContain('conciergeMaxAccounts');
  });

  it('template refuses an existing --out too, unless --force', () => {
    const out = file('Template.xlsx', 'a client workbook');
    expect(cli('template', '--out', out).code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('a client workbook');
    expect(cli('template', '--out', out, '--force').code).toBe(0);
  });
});
