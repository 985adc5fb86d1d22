/**
 * The DuckDB dialect of `segmentationSql` gives exactly the core's segmentation (issue 6).
 *
 * Exactness: money is loaded as integer cents (BIGINT) or DECIMAL(18,2), so every SQL sum is
 * exact and order-independent, and the core's double-double sums give the same doubles; the
 * tests then require the same size, profitability, segment, tier, Pareto share and whale rank
 * for every customer, and money within 1e-9 relative (DOMAIN.md §9).
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from '../../cli/read-csv.js';
import { segmentationSql } from '../../core/sql/segmentation-sql.js';
import type { CellValue } from '../../core/types.js';
import { generateCustomers, generateTransactions, type Row } from '../data/generate.js';
import {
  coreAnalysis,
  duckdb,
  expectSameAsCore,
  loadCsv,
  loadRows,
  runSegmentationSql,
  type SqlRow,
} from './compare.js';

let conn: DuckDBConnection, close: () => void;
beforeAll(async () => ({ conn, close } = await duckdb()));
afterAll(() => close());

const cents = (v: Row[number]) => (typeof v === 'number' ? Math.round(v * 100) : v);

const COUNT_TYPES = {
  Orders: 'BIGINT',
  'Order Lines': 'BIGINT',
  Deliveries: 'BIGINT',
  Returns: 'BIGINT',
  'Service Contacts': 'BIGINT',
  'Repeat Contacts': 'BIGINT',
  'Sales Visits': 'BIGINT',
  'Payment Days': 'INTEGER',
};

describe('customer-level generated data, money in integer cents', () => {
  it('matches the core for every customer: ties, money-losers, revenue ≤ 0, blanks, pools', async () => {
    const rows = generateCustomers(10_000, 7).map((r, i) =>
      i === 0 ? r : r.map((v, j) => (j === 2 || j === 3 ? cents(v) : v)),
    );
    const n = rows.length;
    // Revenue ties: runs of equal revenue at many places on the Pareto curve.
    for (let i = 3; i < n; i += 97) rows[i][2] = rows[i - 1][2];
    for (let i = 1000; i < 1040; i++) rows[i][2] = rows[999][2];
    // Whale ties: whole rows repeated under other keys give equal net profit.
    for (let i = 0; i < 25; i++)
      rows.push([`T${String(i).padStart(3, '0')}`, 'Twin Co', ...rows[1 + i * 311].slice(2)]);
    // Outside the matrix: revenue 0 and negative revenue (credit-only customers).
    for (let i = 0; i < 15; i++)
      rows.push([`Z${i}`, `Zero ${i}`, 0, 100 * i, i, i, 0, 0, i, 0, 0, 30]);
    for (let i = 0; i < 10; i++)
      rows.push([
        `N${i}`,
        `Credit ${i}`,
        -5000 * (i + 1),
        -4000 * (i + 1),
        1,
        1,
        0,
        1,
        0,
        0,
        0,
        45,
      ]);
    // Blanks: no payment days (→ 0), no returns (→ 0); a row without revenue is rejected by both.
    for (let i = 5; i < n; i += 211) {
      rows[i][11] = '';
      rows[i][7] = '';
    }
    rows.push(['BLANKREV', 'No revenue given', '', 100, 1, 1, 1, 0, 0, 0, 0, 30]);

    const settings = {
      rates: {
        orders: 2500,
        lines: 200,
        deliveries: 4000,
        returns: 6000,
        contacts: 1500,
        repeatContacts: 2500,
      },
      pools: { visits: 1_000_000_000 },
      costOfCapital: 0.1,
    };
    await loadRows(conn, 'customers', rows, { Revenue: 'BIGINT', COGS: 'BIGINT', ...COUNT_TYPES });
    const a = coreAnalysis(rows as CellValue[][], settings);
    expect(a.rows.rejected.map((p) => p.reason)).toEqual(['no revenue']);
    const sql = await runSegmentationSql(conn, 'customers', settings, rows[0] as string[]);
    const got = expectSameAsCore(a, sql);
    expect(got.segments.size).toBe(9);
    expect(got.noRevenue).toBe(25);
    expect(got.losers).toBeGreaterThan(500);
  });
});

describe('threshold-exact values (DOMAIN.md §3: a value on a threshold goes to the higher class)', () => {
  it('Pareto shares of exactly 0.80 and 0.95, margin exactly on target, whale ties, break-even', async () => {
    const rows: Row[] = [
      ['Customer', 'Revenue', 'COGS'],
      // Pareto: before = 0, .5, .8 (Medium, not Large), .95 (Small, not Medium) of 1000 (x10).
      ['P1', 500, 400],
      ['P2', 300, 270],
      ['P3', 150, 150],
      ['P4', 50, 55],
    ];
    const a1 = coreAnalysis(rows as CellValue[][], {});
    await loadRows(conn, 'pareto', rows, { Revenue: 'BIGINT', COGS: 'BIGINT' });
    const s1 = await runSegmentationSql(conn, 'pareto', {}, rows[0] as string[]);
    expectSameAsCore(a1, s1);
    expect(s1.map((r) => [r.customer, r.revenue_share_before, r.size])).toEqual([
      ['P1', 0, 'Large'],
      ['P2', 0.5, 'Large'],
      ['P3', 0.8, 'Medium'],
      ['P4', 0.95, 'Small'],
    ]);

    const margin: Row[] = [
      ['Customer', 'Revenue', 'COGS'],
      // Net profit 10, 30, -10, 5, 15, 10 on revenue 100 each; Z (revenue 0) and Y (< 0) stay outside.
      ['A', 100, 90],
      ['B', 100, 70],
      ['C', 100, 110],
      ['E', 100, 95],
      ['F', 100, 85],
      ['G', 100, 90],
      ['Z', 0, 3],
      ['Y', -20, -10],
    ];
    // Σ net profit over the matrix = 10+30-10+5+15+10 = 60 on 600 → target exactly 0.1 = A's and G's margin.
    const a2 = coreAnalysis(margin as CellValue[][], {});
    expect(a2.classes.target).toBe(0.1);
    await loadRows(conn, 'margin', margin, { Revenue: 'BIGINT', COGS: 'BIGINT' });
    const s2 = await runSegmentationSql(conn, 'margin', {}, margin[0] as string[]);
    expectSameAsCore(a2, s2);
    const by = Object.fromEntries(s2.map((r) => [r.customer, r.profitability]));
    expect(by).toEqual({
      A: 'High',
      B: 'High',
      C: 'Low',
      E: 'Mid',
      F: 'High',
      G: 'High',
      Z: null,
      Y: null,
    });
    // Whale ties: A and G both earn 10; key order decides.
    expect(s2.filter((r) => r.whale_rank !== null).map((r) => r.customer)).toEqual([
      'B',
      'F',
      'A',
      'G',
      'E',
      'C',
    ]);

    const losers: Row[] = [
      ['Customer', 'Revenue', 'COGS'],
      ['L1', 100, 120],
      ['L2', 50, 60],
      ['BE', 80, 80],
    ];
    // All but one lose money: target = max(0, −30/230) = 0, so break-even (margin 0) is High.
    const a3 = coreAnalysis(losers as CellValue[][], {});
    await loadRows(conn, 'losers', losers, { Revenue: 'BIGINT', COGS: 'BIGINT' });
    const s3 = await runSegmentationSql(conn, 'losers', {}, losers[0] as string[]);
    expectSameAsCore(a3, s3);
    expect(Object.fromEntries(s3.map((r) => [r.customer, r.profitability]))).toEqual({
      L1: 'Low',
      L2: 'Low',
      BE: 'High',
    });
    expect(s3.every((r) => r.whale_share_of_profit === null)).toBe(true); // total net profit < 0
  });

  it('honours thresholds, a fixed margin target and renamed tiers (quotes escaped)', async () => {
    const rows: Row[] = [
      ['Customer', 'Revenue', 'COGS'],
      ['A', 600, 300],
      ['B', 250, 230],
      ['C', 100, 80],
      ['D', 50, 49],
    ];
    const settings = {
      size: { large: 0.6, medium: 0.85 },
      profitability: { target: 0.2 },
      tiers: { 'Large/High': "Key account's desk", 'S-M': 'Web "shop"' },
    };
    await loadRows(conn, 'thresholds', rows, { Revenue: 'BIGINT', COGS: 'BIGINT' });
    const a = coreAnalysis(rows as CellValue[][], settings);
    const s = await runSegmentationSql(conn, 'thresholds', settings, rows[0] as string[]);
    expectSameAsCore(a, s);
    expect(s.map((r) => [r.customer, r.segment, r.tier])).toEqual([
      ['A', 'Large/High', "Key account's desk"],
      ['B', 'Medium/Mid', 'Maintain'],
      ['C', 'Small/High', 'Grow'],
      ['D', 'Small/Mid', 'Web "shop"'],
    ]);
  });
});

describe('exit economics and the Concierge limit (DOMAIN.md §8, §10)', () => {
  it('gives the core exit impact, break-even price change, recommendation, and the cut', async () => {
    // orders at a direct rate (avoidable), deliveries from a pool (stranded), contacts half
    // avoidable; payment days at 8 %; Concierge kept for the 3 most profitable, ties by key.
    const rows: Row[] = [
      ['Customer', 'Revenue', 'COGS', 'Orders', 'Deliveries', 'Contacts', 'Payment Days'],
    ];
    for (let i = 0; i < 40; i++)
      rows.push([
        `K${String(i).padStart(2, '0')}`,
        100_000 + (i % 7) * 25_000,
        60_000 + (i % 5) * 17_000,
        (i * 7) % 40,
        (i * 3) % 25,
        i % 9,
        (i * 11) % 90,
      ]);
    rows.push(['TIE1', 200_000, 100_000, 1, 1, 0, 0], ['TIE2', 200_000, 100_000, 1, 1, 0, 0]);
    const settings = {
      rates: { orders: 900, contacts: 400 },
      pools: { deliveries: 2_500_000 },
      costOfCapital: 0.08,
      avoidable: { contacts: 0.5 },
      conciergeMaxAccounts: 3,
    };
    await loadRows(conn, 'exits', rows, {
      Revenue: 'BIGINT',
      COGS: 'BIGINT',
      Orders: 'BIGINT',
      Deliveries: 'BIGINT',
      Contacts: 'BIGINT',
      'Payment Days': 'INTEGER',
    });
    const a = coreAnalysis(rows as CellValue[][], settings);
    const s = await runSegmentationSql(conn, 'exits', settings, rows[0] as string[]);
    const { losers } = expectSameAsCore(a, s);
    expect(losers).toBeGreaterThan(3);
    const recs = new Set(s.map((r) => r.recommendation));
    expect(recs).toEqual(new Set([null, 'exit', 'reprice']));
    expect(s.filter((r) => r.tier === 'Concierge')).toHaveLength(3);
    expect(a.concierge.movedToMaintain).toBeGreaterThan(0);
  });
});

describe('transaction-level generated data (invoice lines), money in integer cents', () => {
  it('aggregates like the core: distinct invoices count orders, rows count lines, payment days revenue-weighted', async () => {
    const tx = generateTransactions(30_000, 3_000, 11);
    const rows: Row[] = tx.map((r, i) =>
      i === 0
        ? [...r, 'Payment Days']
        : [
            ...r.map((v, j) => (j === 6 || j === 7 ? cents(v) : v)),
            i % 13 === 0 ? '' : 10 + ((i * 37) % 90),
          ],
    );
    // Customers outside the matrix: only a credit note; only a free sample.
    rows.push([
      '2025-12-31',
      'CN-999001',
      'X-CREDIT',
      'Credit Only Ltd',
      'Pallet wrap',
      -2,
      -1500,
      -1200,
      0,
      1,
      0,
      30,
    ]);
    rows.push([
      '2025-12-31',
      'INV-999002',
      'X-FREE',
      'Free Sample AG',
      'Cable ties',
      1,
      0,
      300,
      1,
      0,
      1,
      '',
    ]);
    // A customer whose invoices net to exactly zero revenue.
    rows.push([
      '2025-12-30',
      'INV-999003',
      'X-NET0',
      'Net Zero Inc.',
      'Hex bolts M8',
      1,
      2000,
      1500,
      1,
      0,
      0,
      20,
    ]);
    rows.push([
      '2025-12-31',
      'CN-999004',
      'X-NET0',
      'Net Zero Inc.',
      'Hex bolts M8',
      -1,
      -2000,
      -1500,
      0,
      1,
      0,
      20,
    ]);
    const settings = {
      rates: { orders: 2500, lines: 200, returns: 6000, contacts: 1500 },
      pools: { deliveries: 500_000_000 },
      costOfCapital: 0.08,
      // capacity adds to a pool rate (deliveries) and to a direct rate (contacts)
      capacity: [
        {
          name: 'Warehouse',
          cost: 300_000_000,
          minutes: 1_000_000,
          minutesPer: { deliveries: 10, contacts: 3 },
        },
      ],
    };
    await loadRows(conn, 'transactions', rows, {
      'Net Sales': 'BIGINT',
      'Cost of Sales': 'BIGINT',
      Quantity: 'BIGINT',
      Deliveries: 'BIGINT',
      Returns: 'BIGINT',
      Contacts: 'BIGINT',
      'Payment Days': 'INTEGER',
    });
    const a = coreAnalysis(rows as CellValue[][], settings);
    expect(a.input.transactions).toBe(true);
    const q = segmentationSql({
      dialect: 'duckdb',
      table: 'transactions',
      settings,
      columns: rows[0] as string[],
    });
    expect(q.ok && q.value.columns).toMatchObject({
      customer: 'Customer ID',
      orderId: 'Invoice No',
      revenue: 'Net Sales',
      cogs: 'Cost of Sales',
    });
    const sql = await runSegmentationSql(conn, 'transactions', settings, rows[0] as string[]);
    const got = expectSameAsCore(a, sql);
    expect(got.noRevenue).toBeGreaterThanOrEqual(3); // X-CREDIT, X-FREE, X-NET0 and any generated credit-only customers
    expect(got.segments.size).toBeGreaterThanOrEqual(5);
    expect(got.losers).toBeGreaterThan(0);
  });
});

describe('the bundled sample (samples/customers.csv), money as DECIMAL(18,2)', () => {
  it('gives the same segment and tier for every customer, money within 1e-9', async () => {
    const file = new URL('../../samples/customers.csv', import.meta.url).pathname;
    const values = parseCsv(decodeText(readFileSync(file)).text);
    const settings = JSON.parse(
      readFileSync(new URL('../../samples/settings.json', import.meta.url), 'utf8'),
    );
    const headers = values[0] as string[];
    await loadCsv(conn, 'sample', file, headers, {
      Revenue: 'DECIMAL(18,2)',
      COGS: 'DECIMAL(18,2)',
      ...COUNT_TYPES,
    });
    const a = coreAnalysis(values, settings);
    const sql = await runSegmentationSql(conn, 'sample', settings, headers);
    const got = expectSameAsCore(a, sql);
    expect(got.matrix).toBe(500);
    expect(got.segments.size).toBe(9);
  });

  it('also runs with the default column names (customer, revenue, cogs, orders, …)', async () => {
    const settings = JSON.parse(
      readFileSync(new URL('../../samples/settings.json', import.meta.url), 'utf8'),
    );
    await conn.run(`CREATE OR REPLACE TABLE plain AS SELECT "Customer ID" AS customer, "Revenue" AS revenue, "COGS" AS cogs, "Orders" AS orders,
      "Order Lines" AS lines, "Deliveries" AS deliveries, "Returns" AS returns, "Service Contacts" AS contacts,
      "Repeat Contacts" AS repeat_contacts, "Sales Visits" AS visits, "Payment Days" AS payment_days FROM sample`);
    const named = await runSegmentationSql(
      conn,
      'sample',
      settings,
      (await conn.runAndReadAll('SELECT * FROM sample LIMIT 0')).columnNames(),
    );
    const plain = await runSegmentationSql(conn, 'plain', settings);
    expect(plain.map((r) => [r.customer, r.segment, r.tier, r.net_profit])).toEqual(
      named.map((r) => [r.customer, r.segment, r.tier, r.net_profit]),
    );
  });
});

describe('groups (DOMAIN.md §14): the group value per customer and the grouped result', () => {
  it('equal the core: split customers go where most revenue is, ties to the first value, blanks', async () => {
    const tx = generateTransactions(8_000, 600, 21);
    const REGIONS = ['North', 'South', 'East', 'West', ''];
    const rows: Row[] = tx.map((r, i) =>
      i === 0
        ? [...r, 'Sales Region']
        : [
            ...r.map((v, j) => (j === 6 || j === 7 ? cents(v) : v)),
            REGIONS[(i * 7 + String(r[2]).length) % 5],
          ],
    );
    // A tie: 500 in East and 500 in West → East, alphabetically first.
    rows.push([
      '2025-12-01',
      'INV-990001',
      'X-TIE',
      'Tie Ltd',
      'Cable ties',
      1,
      500,
      200,
      1,
      0,
      0,
      'West',
    ]);
    rows.push([
      '2025-12-02',
      'INV-990002',
      'X-TIE',
      'Tie Ltd',
      'Cable ties',
      1,
      500,
      200,
      1,
      0,
      0,
      'East',
    ]);
    // Split: 300 in North, 200 + 200 in South → South.
    rows.push([
      '2025-12-01',
      'INV-990003',
      'X-SPLIT',
      'Split Co',
      'Pallet wrap',
      1,
      300,
      100,
      1,
      0,
      0,
      'North',
    ]);
    rows.push([
      '2025-12-02',
      'INV-990004',
      'X-SPLIT',
      'Split Co',
      'Pallet wrap',
      1,
      200,
      100,
      1,
      0,
      0,
      ' South ',
    ]);
    rows.push([
      '2025-12-03',
      'INV-990005',
      'X-SPLIT',
      'Split Co',
      'Pallet wrap',
      1,
      200,
      100,
      1,
      0,
      0,
      'South',
    ]);
    const settings = {
      rates: { orders: 2500, lines: 200, returns: 6000 },
      groupBy: ['Sales Region', 'Product'],
    };
    await loadRows(conn, 'regions', rows, {
      'Net Sales': 'BIGINT',
      'Cost of Sales': 'BIGINT',
      Quantity: 'BIGINT',
      Deliveries: 'BIGINT',
      Returns: 'BIGINT',
      Contacts: 'BIGINT',
    });
    const a = coreAnalysis(rows as CellValue[][], settings);
    const q = segmentationSql({
      dialect: 'duckdb',
      table: 'regions',
      settings,
      columns: rows[0] as string[],
    });
    if (!q.ok) throw new Error(q.error.message);
    const perCustomer = (await conn.runAndReadAll(q.value.sql)).getRowObjectsJS() as SqlRow[];
    expectSameAsCore(a, perCustomer);
    const byKey = new Map(perCustomer.map((r) => [r.customer as string, r]));
    const region = a.customers.groups[0],
      product = a.customers.groups[1];
    a.customers.keys.forEach((k, c) => {
      expect([k, byKey.get(k)!.group_sales_region, byKey.get(k)!.group_product]).toEqual([
        k,
        region.values[region.of[c]],
        product.values[product.of[c]],
      ]);
    });
    expect(byKey.get('X-TIE')!.group_sales_region).toBe('East');
    expect(byKey.get('X-SPLIT')!.group_sales_region).toBe('South');
    expect(perCustomer.some((r) => r.group_sales_region === '(blank)')).toBe(true);

    const grouped = (await conn.runAndReadAll(q.value.groupSql!)).getRowObjectsJS() as SqlRow[];
    expect(Object.keys(grouped[0])).toEqual(q.value.groupOutput);
    for (const g of a.groups) {
      const rowsOf = grouped.filter((r) => r.group_column === g.column);
      expect(rowsOf.map((r) => r.value).sort()).toEqual(g.values.map((v) => v.value).sort());
      for (const v of g.values) {
        const r = rowsOf.find((x) => x.value === v.value)!;
        const who = `${g.column} ${v.value}`;
        expect([Number(r.customers), Number(r.money_losers)], who).toEqual([
          v.customers,
          v.moneyLosers,
        ]);
        for (const [sqlName, coreValue] of [
          ['revenue', v.revenue],
          ['gross_profit', v.grossProfit],
          ['cost_to_serve', v.costToServe],
          ['net_profit', v.netProfit],
          ['net_margin', v.netMargin],
          ['share_of_profit', v.shareOfProfit],
        ] as const) {
          if (coreValue === null) expect(r[sqlName], `${who} ${sqlName}`).toBeNull();
          else
            expect(
              Math.abs(r[sqlName] - coreValue) <= 1e-9 * Math.max(1, Math.abs(coreValue)),
              `${who} ${sqlName}: SQL ${r[sqlName]} vs core ${coreValue}`,
            ).toBe(true);
        }
        expect(Number(r.tier_concierge), who).toBe(v.tiers.Concierge);
        expect(Number(r.tier_self_service), who).toBe(v.tiers['Self-service']);
      }
    }
  });
});
