import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  aggregateTransactions,
  CUSTOMER_HEADERS,
  CUSTOMER_MONEY_COLUMNS,
  decodeWindows1252,
  encodeWindows1252,
  formatAccounting,
  generateCustomers,
  generateTransactions,
  mulberry32,
  type Row,
  SAMPLE_SETTINGS,
  SPECIAL_NAMES,
  TRANSACTION_HEADERS,
  TRANSACTION_MONEY_COLUMNS,
  toCsv,
} from './generate';

const sample = (name: string) => new URL(`../../samples/${name}`, import.meta.url);
const isCents = (v: unknown) => typeof v === 'number' && Math.round(v * 100) / 100 === v;

/** Share of total revenue held by the top 20 % of values. */
function top20Share(values: number[]): number {
  const s = [...values].sort((a, b) => b - a);
  const total = s.reduce((a, b) => a + b, 0);
  return s.slice(0, Math.round(s.length * 0.2)).reduce((a, b) => a + b, 0) / total;
}

/** Net profit per customer with the sample rates (DOMAIN.md §2), computed independently. */
function netProfits(rows: Row[]): number[] {
  const { rates: r, costOfCapital } = SAMPLE_SETTINGS;
  return rows.slice(1).map((row) => {
    const [, , rev, cogs, o, l, d, ret, c, rc, v, pd] = row as number[];
    const cts =
      o * r.orders +
      l * r.lines +
      d * r.deliveries +
      ret * r.returns +
      c * r.contacts +
      rc * r.repeatContacts +
      v * r.visits +
      (rev * pd * costOfCapital) / 365;
    return rev - cogs - cts;
  });
}

describe('mulberry32', () => {
  it('is a deterministic uniform [0, 1) stream', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, a);
    expect(xs).toEqual(Array.from({ length: 1000 }, b));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

describe('generateCustomers', () => {
  const rows = generateCustomers(500);

  it('is deterministic per seed', () => {
    expect(generateCustomers(500, 1)).toEqual(rows);
    expect(generateCustomers(500, 2)).not.toEqual(rows);
  });

  it('has the header and n well-formed rows', () => {
    expect(rows).toHaveLength(501);
    expect(rows[0]).toEqual([...CUSTOMER_HEADERS]);
    const ids = new Set(rows.slice(1).map((r) => r[0]));
    expect(ids.size).toBe(500);
    for (const r of rows.slice(1)) {
      expect(r[0]).toMatch(/^C\d{6}$/);
      expect(typeof r[1]).toBe('string');
      const [rev, cogs] = [r[2] as number, r[3] as number];
      expect(isCents(rev) && isCents(cogs)).toBe(true);
      expect(rev).toBeGreaterThan(0);
      const gm = 1 - cogs / rev;
      expect(gm).toBeGreaterThan(0.095); // 10–45 %, give or take the rounding of tiny amounts
      expect(gm).toBeLessThan(0.455);
      for (let j = 4; j < 12; j++)
        expect(Number.isInteger(r[j]) && (r[j] as number) >= 0).toBe(true);
      expect(r[4]).toBeGreaterThanOrEqual(1); // orders
      expect(r[5]).toBeGreaterThanOrEqual(r[4] as number); // lines ≥ orders
      expect(r[11]).toBeGreaterThanOrEqual(15);
      expect(r[11]).toBeLessThanOrEqual(120);
    }
  });

  it('numbers ids as C + 6 zero-padded digits', () => {
    expect(generateCustomers(1)[1][0]).toBe('C000001');
    expect(generateCustomers(20)[20][0]).toBe('C000020');
  });

  it('includes names that exercise accents and quoting, never a formula-like name', () => {
    const names = rows.slice(1).map((r) => r[1] as string);
    for (const s of SPECIAL_NAMES) expect(names).toContain(s);
    expect(names).toContain('Café Müller GmbH');
    expect(names).toContain("O'Brien & Sons");
    // A leading = + - @ would be read as a formula by a spreadsheet: that case belongs to
    // dedicated injection tests, not to generated samples.
    expect(names.filter((n) => /^[=+\-@]/.test(n))).toEqual([]);
  });

  it('is skewed: the top 20 % of customers carry 60–90 % of revenue', () => {
    expect(top20Share(rows.slice(1).map((r) => r[2] as number))).toBeGreaterThan(0.6);
    expect(top20Share(rows.slice(1).map((r) => r[2] as number))).toBeLessThan(0.9);
    const big = generateCustomers(20_000, 3)
      .slice(1)
      .map((r) => r[2] as number);
    expect(top20Share(big)).toBeGreaterThan(0.7);
    expect(top20Share(big)).toBeLessThan(0.85);
  });

  it('with the sample rates has 15–30 % money-losers and a whale curve peaking at 150–300 %', () => {
    for (const seed of [1, 2]) {
      const net = netProfits(generateCustomers(5000, seed));
      const losers = net.filter((x) => x < 0).length / net.length;
      expect(losers).toBeGreaterThan(0.15);
      expect(losers).toBeLessThan(0.3);
      const total = net.reduce((a, b) => a + b, 0);
      const positive = net.filter((x) => x > 0).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(0);
      expect(positive / total).toBeGreaterThan(1.5); // whale curve peak = Σ profits of winners
      expect(positive / total).toBeLessThan(3);
    }
  });
});

describe('generateTransactions', () => {
  const rows = generateTransactions(20_000, 300);
  const data = rows.slice(1);
  const col = (h: (typeof TRANSACTION_HEADERS)[number]) => TRANSACTION_HEADERS.indexOf(h);

  it('is deterministic per seed', () => {
    expect(generateTransactions(20_000, 300, 1)).toEqual(rows);
    expect(generateTransactions(2_000, 300, 2)).not.toEqual(generateTransactions(2_000, 300, 1));
  });

  it('has exactly `lines` rows, dates across 2024–2025 in order, every customer present', () => {
    expect(rows[0]).toEqual([...TRANSACTION_HEADERS]);
    expect(data).toHaveLength(20_000);
    const dates = data.map((r) => r[col('Order Date')] as string);
    expect(dates[0]).toBe('2024-01-01');
    expect(dates[dates.length - 1] >= '2025-12-01').toBe(true);
    expect(
      dates.every((d, i) => /^\d{4}-\d{2}-\d{2}$/.test(d) && (i === 0 || dates[i - 1] <= d)),
    ).toBe(true);
    expect(new Set(dates.map((d) => d.slice(0, 4)))).toEqual(new Set(['2024', '2025']));
    expect(new Set(data.map((r) => r[col('Customer ID')])).size).toBe(300);
  });

  it('has multi-line invoices, credit notes and free lines, money in whole cents', () => {
    const invoices = new Set(data.map((r) => r[col('Invoice No')]));
    expect(data.length / invoices.size).toBeGreaterThan(2);
    const credits = data.filter((r) => String(r[col('Invoice No')]).startsWith('CN-'));
    expect(credits.length).toBeGreaterThan(0);
    for (const r of credits) {
      expect(r[col('Net Sales')]).toBeLessThan(0);
      expect(r[col('Returns')]).toBe(1);
    }
    expect(data.some((r) => r[col('Net Sales')] === 0)).toBe(true);
    expect(
      data.every((r) => isCents(r[col('Net Sales')]) && isCents(r[col('Cost of Sales')])),
    ).toBe(true);
  });

  it('aggregates exactly in cents and keeps the revenue skew', () => {
    const totals = [...aggregateTransactions(rows).values()];
    expect(totals).toHaveLength(300);
    expect(totals.reduce((s, t) => s + t.lines, 0)).toBe(20_000);
    const cents = data.reduce((s, r) => s + Math.round((r[col('Net Sales')] as number) * 100), 0);
    expect(totals.reduce((s, t) => s + t.revenueCents, 0)).toBe(cents);
    const share = top20Share(totals.map((t) => t.revenueCents));
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.9);
  });

  it('aggregateTransactions: distinct invoices, row counts, summed activity', () => {
    const t = aggregateTransactions([
      [...TRANSACTION_HEADERS],
      ['2024-01-01', 'INV-1', 'C1', 'A', 'p', 1, 1.1, 0.5, 1, 0, 0],
      ['2024-01-01', 'INV-1', 'C1', 'A', 'p', 1, 2.2, 0.5, 0, 0, 1],
      ['2024-01-02', 'CN-1', 'C1', 'A', 'p', -1, -0.3, -0.1, 0, 1, 0],
    ]).get('C1')!;
    expect(t).toMatchObject({
      revenueCents: 300,
      cogsCents: 90,
      orders: 2,
      lines: 3,
      deliveries: 1,
      returns: 1,
      contacts: 1,
    });
  });
});

describe('toCsv', () => {
  it('quotes per RFC 4180', () => {
    expect(toCsv([['a', 'b"c', 'x,y', 'line\nbreak', 1.5, ''], []], { eol: '\n' })).toBe(
      'a,"b""c","x,y","line\nbreak",1.5,\n\n',
    );
    expect(toCsv([['a'], ['b']])).toBe('a\r\nb\r\n');
  });

  it('round-trips with papaparse, names with commas, quotes and accents included', () => {
    const rows = generateCustomers(300, 5);
    const parsed = Papa.parse<string[]>(toCsv(rows, { eol: '\n' }).trimEnd(), {
      header: false,
    }).data;
    expect(parsed).toEqual(rows.map((r) => r.map(String)));
  });

  it('writes money with 2 decimals, or as an accounting export', () => {
    const rows: Row[] = [
      ['Customer', 'Revenue'],
      ['A', 1234.5],
      ['B', -12],
      ['C', 0],
    ];
    expect(toCsv(rows, { moneyColumns: [1], eol: '\n' })).toBe(
      'Customer,Revenue\nA,1234.50\nB,-12.00\nC,0.00\n',
    );
    expect(toCsv(rows, { moneyColumns: [1], accounting: true, eol: '\n' })).toBe(
      'Customer,Revenue\nA," $1,234.50 "\nB, $(12.00)\nC, $-   \n',
    );
  });

  it('formatAccounting examples', () => {
    expect(formatAccounting(1234.5)).toBe(' $1,234.50 ');
    expect(formatAccounting(1234567.891)).toBe(' $1,234,567.89 ');
    expect(formatAccounting(999.99)).toBe(' $999.99 ');
    expect(formatAccounting(0.05)).toBe(' $0.05 ');
    expect(formatAccounting(-1234.5)).toBe(' $(1,234.50)');
    expect(formatAccounting(-0.004)).toBe(' $-   ');
    expect(formatAccounting(0)).toBe(' $-   ');
  });
});

describe('encodeWindows1252', () => {
  it('encodes Latin-1 and the 0x80–0x9F specials, one byte per character', () => {
    expect([...encodeWindows1252('Café ü’€–™Ø')]).toEqual([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0xfc, 0x92, 0x80, 0x96, 0x99, 0xd8,
    ]);
  });

  it('round-trips through decodeWindows1252; unmappable characters become ?', () => {
    const text = 'O’Brien – Société Générale, Zürcher Bäckerei, Ångström, Peña, €5, “ok”';
    expect(decodeWindows1252(encodeWindows1252(text))).toBe(text);
    expect(decodeWindows1252(encodeWindows1252('Łódź 😀'))).toBe('?ód? ?');
    expect(decodeWindows1252(Uint8Array.of(0x81, 0x9d))).toBe('\u0081\u009d'); // unassigned
  });

  it('agrees with TextDecoder outside 0x80–0x9F (where Node 20.18.3+ decodes as Latin-1)', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i).filter(
      (b) => b < 0x80 || b >= 0xa0,
    );
    expect(decodeWindows1252(bytes)).toBe(new TextDecoder('windows-1252').decode(bytes));
  });
});

describe('bundled samples are what the generator makes (re-run samples/make-samples.ts)', () => {
  it('customers.csv', () => {
    const expected = toCsv(generateCustomers(500, 1), {
      moneyColumns: CUSTOMER_MONEY_COLUMNS,
      eol: '\n',
    });
    expect(readFileSync(sample('customers.csv'), 'utf8')).toBe(expected);
  });

  it('settings.json', () => {
    expect(JSON.parse(readFileSync(sample('settings.json'), 'utf8'))).toEqual(SAMPLE_SETTINGS);
  });

  it('transactions-2024-2025.csv and its expected.json', () => {
    const bytes = readFileSync(sample('transactions-2024-2025.csv'));
    const text = decodeWindows1252(bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const sheet = Papa.parse<string[]>(text.slice(0, -2), { header: false }).data;
    const expected = JSON.parse(
      readFileSync(sample('transactions-2024-2025.expected.json'), 'utf8'),
    );
    expect(sheet).toHaveLength(expected.sheetRows);

    const nonData = new Set<number>(expected.nonDataRows);
    const generated = generateTransactions(20_000, 300, 1);
    const asCsv = toCsv(generated, { moneyColumns: TRANSACTION_MONEY_COLUMNS, accounting: true });
    const dataRows = sheet.filter((_, i) => !nonData.has(i + 1)); // header included
    expect(dataRows).toEqual(Papa.parse<string[]>(asCsv.slice(0, -2), { header: false }).data);
    for (const row of expected.nonDataRows as number[]) {
      const cells = sheet[row - 1];
      const id = cells[TRANSACTION_HEADERS.indexOf('Customer ID')] ?? '';
      expect(id === '' || id === 'Total').toBe(true);
    }

    const totals = aggregateTransactions(generated);
    expect(Object.keys(expected.customers)).toHaveLength(totals.size);
    for (const [id, t] of totals) {
      const e = expected.customers[id];
      expect(e).toMatchObject({
        name: t.name,
        revenueCents: t.revenueCents,
        cogsCents: t.cogsCents,
        orders: t.orders,
        lines: t.lines,
        deliveries: t.deliveries,
        returns: t.returns,
        contacts: t.contacts,
      });
      expect(e.revenue).toBe(t.revenueCents / 100);
    }
  });
});

describe('speed sanity (no timing assertion)', () => {
  it('generates 100k customers and 100k transaction lines', () => {
    expect(generateCustomers(100_000)).toHaveLength(100_001);
    expect(generateTransactions(100_000, 5_000)).toHaveLength(100_001);
  });
});
