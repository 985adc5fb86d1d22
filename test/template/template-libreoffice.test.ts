/**
 * The template recalculated by a real spreadsheet engine (LibreOffice, every formula recomputed on
 * load) gives the core's sizes, segments, tiers, matrix and whale peak: on the bundled samples, on
 * threshold-exact values, on ties, with cost pools and with every method.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadTable } from '../../cli/load-table.js';
import { GROUPS_TOTAL, NOT_LISTED } from '../../cli/template/groups-sheet.js';
import { COMPUTED_COLUMNS, colIndex, FIRST_ROW, INPUT_COLUMNS } from '../../cli/template/layout.js';
import { ALL_CUSTOMERS, MATRIX_TOTAL } from '../../cli/template/matrix-sheet.js';
import { SAMPLE_ROWS } from '../../cli/template/sample-rows.js';
import { templateBytes } from '../../cli/template/template-workbook.js';
import { type Analysis, analyze } from '../../core/analyze.js';
import { EXITED, SEGMENTS } from '../../core/defaults.js';
import { resolveSettings } from '../../core/settings.js';
import { EXITED_SEGMENT } from '../../core/tier-moves.js';
import { type CellValue, PROFIT_CLASSES, SIZE_CLASSES } from '../../core/types.js';
import sampleSettings from '../../samples/settings.json';
import { describeWith, SOFFICE } from '../tools.js';
import { type Cell, convert, sheetValues } from './libreoffice.js';
import { GENERATED, THRESHOLDS, WHAT_IF } from './scenarios.js';

interface Case {
  name: string;
  file: string;
  a: Analysis;
}

function run(values: CellValue[][], settings: unknown): Analysis {
  const o = analyze({ values }, settings);
  if (!o.ok) throw new Error(o.error.message);
  return o.value;
}

const GROUP_CRITERIA = 'groups named like conditions (<50, N*)';

const close = (x: unknown, y: number) =>
  expect(Math.abs(((x as number) ?? 0) - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));

describeWith([SOFFICE])('template recalculated by LibreOffice equals the core', () => {
  const cases: Case[] = [];
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pt-template-'));
    const samples = JSON.parse(await readFile('samples/settings.json', 'utf8'));
    const add = async (name: string, a: Analysis, empty = false) => {
      const file = join(dir, `case-${cases.length}.xlsx`);
      await writeFile(
        file,
        empty
          ? await templateBytes({ settings: a.settings })
          : await templateBytes({ settings: a.settings, analysis: a, source: name }),
      );
      cases.push({ name, file, a });
    };
    await add(
      'samples/customers.csv',
      run((await loadTable('samples/customers.csv')).values, samples),
    );
    await add(
      'samples/transactions (aggregated)',
      run((await loadTable('samples/transactions-2024-2025.csv')).values, samples),
    );
    await add(
      'samples/transactions by Product',
      run((await loadTable('samples/transactions-2024-2025.csv')).values, {
        ...samples,
        groupBy: ['Product'],
      }),
    );
    // group values SUMIF would read as conditions or patterns: "<50" as "less than 50", "N*"
    // as "starts with N" (so North's customers too)
    await add(
      GROUP_CRITERIA,
      run(
        [
          ['Customer', 'Revenue', 'COGS', 'Band'],
          ['A', 100, 60, '<50'],
          ['B', 900, 500, '>500'],
          ['C', 300, 310, 'N*'],
          ['D', 500, 200, 'North'],
          ['E', 40, 10, '50'],
          ['F', 70, 30, 'N?rth'],
          ['G', 20, 5, '<50'],
        ],
        { groupBy: ['Band'] },
      ),
    );
    await add(THRESHOLDS.name, run(THRESHOLDS.values, THRESHOLDS.settings));
    for (const g of [...GENERATED, WHAT_IF]) await add(g.name, run(g.values, g.settings));
    // The empty template's sample rows, as the core reads them (COGS given, no Gross Profit column).
    const header = INPUT_COLUMNS.filter((h) => h !== 'Gross Profit');
    const gp = INPUT_COLUMNS.indexOf('Gross Profit');
    await add(
      'empty template (sample rows)',
      run([[...header], ...SAMPLE_ROWS.map((r) => r.filter((_, i) => i !== gp) as CellValue[])], {
        ...sampleSettings,
        groupBy: ['Group'],
      }),
      true,
    );
    await convert(
      cases.map((c) => c.file),
      'xlsx',
      join(dir, 'out'),
    );
  }, 300_000); // nine workbooks converted at once: minutes on a busy machine

  const scenarios = [
    'samples/customers.csv',
    'samples/transactions (aggregated)',
    'samples/transactions by Product',
    THRESHOLDS.name,
    ...GENERATED.map((g) => g.name),
    WHAT_IF.name,
    'empty template (sample rows)',
  ];
  it.each(scenarios)('%s: sizes, segments, tiers and exit economics', async (name) => {
    const c = cases.find((x) => x.name === name)!;
    const rows = (
      await sheetValues(join(dir, 'out', c.file.replace(/^.*\//, '')), 'Customers')
    ).slice(FIRST_ROW - 1);
    const at = (h: string) =>
      INPUT_COLUMNS.length + (COMPUTED_COLUMNS as readonly string[]).indexOf(h);
    const byKey = new Map(rows.filter((r) => r[0] !== null).map((r) => [String(r[0]), r]));
    const t = c.a.customers;
    expect(byKey.size).toBe(t.n);
    // a formula row with no customer shows nothing, the what-if's "Scenario in" included
    const empty = rows.find((r) => r[0] === null)!;
    expect(empty.slice(INPUT_COLUMNS.length).filter((x) => x !== null && x !== '')).toEqual([]);
    for (let i = 0; i < t.n; i++) {
      const r = byKey.get(t.keys[i])!,
        seg = c.a.classes.segment[i];
      const got = {
        size: r[at('Size')],
        segment: r[at('Segment')] ?? null,
        tier: r[at('Tier')] ?? null,
      };
      const want =
        seg < 0
          ? { size: 'No revenue', segment: null, tier: null }
          : {
              size: SIZE_CLASSES[c.a.classes.size[i]],
              segment: SEGMENTS[seg],
              tier: c.a.settings.tiers[seg],
            };
      expect({ key: t.keys[i], ...got }).toEqual({ key: t.keys[i], ...want });
      close(r[at('Net profit')], c.a.netProfit[i]);
      // §10: exit impact for everyone, break-even price change for money-losers only
      close(r[at('Exit impact')], c.a.exit.exitImpact[i]);
      const breakEven = r[at('Break-even price change')] ?? null;
      if (seg >= 0 && c.a.netProfit[i] < 0) close(breakEven, -c.a.netProfit[i] / t.revenue[i]);
      else expect(breakEven, t.keys[i]).toBeNull();
    }
  });

  it.each(scenarios)('%s: matrix and whale peak', async (name) => {
    const c = cases.find((x) => x.name === name)!;
    const out = join(dir, 'out', c.file.replace(/^.*\//, ''));
    const m = await sheetValues(out, 'Profit Matrix');
    const head = m.findIndex((r) => r[0] === 'Revenue size');
    SIZE_CLASSES.forEach((_, s) => {
      PROFIT_CLASSES.forEach((__, p) => {
        const cell = c.a.matrix[s * 3 + p],
          top = head + 1 + s * 5;
        expect(m[top][2 + p]).toBe(cell.tier);
        expect(m[top + 1][2 + p] ?? 0).toBe(cell.count);
        close(m[top + 2][2 + p], cell.revenue);
        close(m[top + 3][2 + p], cell.netProfit);
      });
    });
    const w = await sheetValues(out, 'Whale Curve');
    const fact = (label: string) => w.find((r) => r[0] === label)![1] as Cell;
    expect(fact('Customers with revenue')).toBe(c.a.whale.customers);
    // the matrix total (customers with revenue) plus No revenue ties to the business's net profit
    close(fact('Net profit, all customers'), c.a.totals.netProfit);
    const all = m.findIndex((r) => r[0] === ALL_CUSTOMERS);
    expect(m[all][2]).toBe(c.a.totals.customers);
    close(m[all + 2][2], c.a.totals.netProfit);
    const matrixTotal = m.findIndex((r) => r[0] === MATRIX_TOTAL);
    const noRevenue = c.a.classes.segment.filter((x) => x < 0).length;
    expect(m[matrixTotal][5]).toBe(c.a.totals.customers - noRevenue);
    expect(fact('Peak after customers')).toBe(c.a.whale.peakCustomers);
    close(fact('Peak net profit'), c.a.whale.peakProfit);
    if (c.a.whale.peakShareOfProfit !== null)
      close(fact('Peak share of profit'), c.a.whale.peakShareOfProfit);
    expect(String(w[1][0])).toMatch(/^Reading: /);
  });

  it("what-if: the Scenario columns, the what-if matrix and the change equal the core's scenario", async () => {
    const c = cases.find((x) => x.name === WHAT_IF.name)!;
    const sc = c.a.scenarios[0];
    expect(sc.exited).toBeGreaterThan(0); // the case exercises exit…
    expect(sc.moves.length).toBeGreaterThan(1); // …and tier moves
    const out = join(dir, 'out', c.file.replace(/^.*\//, ''));
    const rows = (await sheetValues(out, 'Customers')).slice(FIRST_ROW - 1);
    const byKey = new Map(rows.filter((r) => r[0] !== null).map((r) => [String(r[0]), r]));
    const t = c.a.customers;
    for (let i = 0; i < t.n; i++) {
      const r = byKey.get(t.keys[i])!,
        seg = sc.segment[i];
      const want = seg === EXITED_SEGMENT ? EXITED : seg < 0 ? null : c.a.settings.tiers[seg];
      expect({ key: t.keys[i], tier: r[colIndex('Scenario tier')] ?? null }).toEqual({
        key: t.keys[i],
        tier: want,
      });
      if (seg !== EXITED_SEGMENT) close(r[colIndex('Scenario net profit')], sc.netProfit[i]);
      else expect(r[colIndex('Scenario net profit')] ?? null).toBeNull();
    }
    const m = await sheetValues(out, 'Profit Matrix');
    const head = m.findIndex((r) => r[0] === 'Revenue size');
    expect(m[head][7]).toBe('What-if size');
    SIZE_CLASSES.forEach((_, s) => {
      PROFIT_CLASSES.forEach((__, p) => {
        const cell = sc.matrix[s * 3 + p],
          top = head + 1 + s * 5;
        expect(m[top + 1][9 + p] ?? 0).toBe(cell.count);
        close(m[top + 2][9 + p], cell.revenue);
        close(m[top + 3][9 + p], cell.netProfit);
        // a share of the what-if's own total net profit (none when it is not positive, §17)
        if (cell.shareOfProfit !== null) close(m[top + 4][9 + p], cell.shareOfProfit);
        else expect(m[top + 4][9 + p] ?? null).toBeNull();
      });
    });
    const whatIfTotal = m.findIndex((r) => r[7] === 'Total');
    if (sc.totals.netProfit > 0) close(m[whatIfTotal + 3][12], 1);
    const line = (label: string) => m.find((r) => r[0] === label)!;
    close(line('Net profit, all customers')[2], sc.totals.netProfit);
    close(line('Unused capacity cost')[1], c.a.totals.unusedCapacityCost);
    close(line('Unused capacity cost')[2], sc.totals.unusedCapacityCost);
    close(line("Change in the business's net profit")[3], sc.delta.netProfit);
    expect(line('Customers who exit')[3]).toBe(sc.exited);
    expect(line('Customers whose tier changes')[3]).toBe(
      sc.moves.reduce((x, mv) => x + mv.count, 0),
    );
    // capacity on Settings: used minutes and unused cost per resource, as the core reports them
    const st = await sheetValues(out, 'Settings');
    for (const use of c.a.cost.capacity) {
      const r = st.find((x) => x[0] === use.name)!;
      close(r[3 + 7 + 1], use.usedMinutes);
      close(r[3 + 7 + 3], use.unusedCost);
    }
  });

  it.each(['samples/transactions by Product', 'empty template (sample rows)', GROUP_CRITERIA])(
    '%s: the Groups sheet (SUMIF/COUNTIFS by group) gives the core groups',
    async (name) => {
      const c = cases.find((x) => x.name === name)!;
      const g = await sheetValues(join(dir, 'out', c.file.replace(/^.*\//, '')), 'Groups');
      const head = g.findIndex((r) => r[1] === 'Customers');
      const want = c.a.groups[0].values;
      const tiers = g[head].slice(9) as string[];
      expect(want.length).toBeGreaterThan(1);
      const byValue = new Map(g.slice(head + 1).map((r) => [r[0], r]));
      for (const v of want) {
        const r = byValue.get(v.value)!;
        expect([r[0], r[1], r[8] ?? 0]).toEqual([v.value, v.customers, v.moneyLosers]);
        close(r[2], v.revenue);
        close(r[3], v.grossProfit);
        close(r[4], v.costToServe);
        close(r[5], v.netProfit);
        if (v.netMargin !== null) close(r[6], v.netMargin);
        if (v.shareOfProfit !== null) close(r[7], v.shareOfProfit);
        expect(Object.fromEntries(tiers.map((t, i) => [t, r[9 + i] ?? 0]))).toEqual(v.tiers);
      }
      const total = g.find((r) => r[0] === GROUPS_TOTAL)!;
      expect(total[1]).toBe(c.a.totals.customers);
      close(total[5], c.a.totals.netProfit);
      // every value is listed: nothing left out
      const rest = g.find((r) => r[0] === NOT_LISTED)!;
      expect(rest[1]).toBe(0);
      close(rest[5], 0);
    },
  );

  it('changing a setting recalculates every tier', async () => {
    // Same sample data, but the tier map sends Large/High to "Key account": a setting, not data.
    const a = cases[0].a;
    const settings = resolveSettings({
      ...sampleSettings,
      tiers: { 'Large/High': 'Key account' },
    }).settings;
    const file = join(dir, 'remapped.xlsx');
    await writeFile(file, await templateBytes({ settings, analysis: a }));
    await convert([file], 'xlsx', join(dir, 'out2'));
    const rows = (await sheetValues(join(dir, 'out2', 'remapped.xlsx'), 'Customers')).slice(
      FIRST_ROW - 1,
    );
    const tiers = rows.map((r) => r[INPUT_COLUMNS.length + COMPUTED_COLUMNS.indexOf('Tier')]);
    expect(tiers.filter((x) => x === 'Key account').length).toBe(a.matrix[0].count);
    expect(tiers).not.toContain('Concierge');
  }, 60_000);
});
