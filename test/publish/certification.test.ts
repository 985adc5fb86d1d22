/**
 * docs/certification.md gives a store reviewer one worksheet-function example per function, on
 * the reviewer's workbook (`profit-tiers template --data samples/customers.csv --settings
 * samples/settings.json`), with the expected result. The examples and results are computed here
 * by the core from the same sample, so the document cannot drift: this test fails when they
 * differ, and `npm run docs` rewrites the block. The cell references come from the template's
 * layout, and the template itself is written and read back to show they hold what they name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../cli/read-csv.js';
import { col, driverColumn, FIRST_ROW } from '../../cli/template/layout.js';
import { templateBytes } from '../../cli/template/template-workbook.js';
import { type Analysis, analyze } from '../../core/analyze.js';
import { NO_REVENUE, SEGMENTS } from '../../core/defaults.js';
import type { Arg } from '../../core/functions/arguments.js';
import { FUNCTIONS } from '../../core/functions/definitions.js';
import { DRIVERS } from '../../core/types.js';

const DOC = 'docs/certification.md';
const START = '<!-- examples:start (generated from samples/customers.csv by npm run docs) -->';
const END = '<!-- examples:end -->';

const settings = JSON.parse(readFileSync('samples/settings.json', 'utf8'));
const outcome = analyze(
  { values: parseCsv(readFileSync('samples/customers.csv', 'utf8')) },
  settings,
);
if (!outcome.ok) throw new Error(outcome.error.message);
const a: Analysis = outcome.value;
const n = a.customers.n;
const last = FIRST_ROW + n - 1;

const call = (id: string, ...args: Arg[]) => FUNCTIONS.find((f) => f.id === id)!.impl(...args);
const column = (xs: ArrayLike<number>) => Array.from(xs, (x) => [x]);
const rates = DRIVERS.map((d) => (settings.rates as Record<string, number>)[d] ?? 0);

/** As a reviewer compares it: money to 2 decimals, shares to 4, text as it is. */
function shown(v: unknown): string {
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) < 10
    ? String(Math.round(v * 1e4) / 1e4)
    : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const table = (rows: unknown[][]) =>
  [
    `| ${rows[0].map(shown).join(' | ')} |`,
    `|${rows[0].map(() => '---').join('|')}|`,
    ...rows.slice(1).map((r) => `| ${r.map(shown).join(' | ')} |`),
  ].join('\n');

/** Customers!X5:X504 for a template column; `fixed` gives X$5:X$504 (a formula filled down). */
function range(header: Parameters<typeof col>[0], fixed = false): string {
  const c = col(header);
  const d = fixed ? '$' : '';
  return `Customers!${c}${d}${FIRST_ROW}:${c}${d}${last}`;
}
const cell = (header: Parameters<typeof col>[0], i: number) =>
  `Customers!${col(header)}${FIRST_ROW + i}`;

/** The generated block: one example per function, in the order of the function table. */
function examples(): string {
  const rev = column(a.customers.revenue),
    gp = column(a.customers.grossProfit),
    cts = column(a.cost.total),
    np = column(a.netProfit);
  const out: string[] = [];
  const example = (id: string, formula: string, where: string, result: string) => {
    out.push(`### ${id}`, '', '```', `=PT.${id}(${formula})`, '```', '', where, '', result, '');
  };
  const one = (id: string, i: number) =>
    call(
      id,
      [[a.customers.revenue[i]]],
      [[a.customers.grossProfit[i]]],
      [[a.cost.total[i]]],
      rev,
      gp,
      cts,
    )[0][0];
  for (const f of FUNCTIONS) {
    switch (f.id) {
      case 'PROFITTIER':
      case 'PROFITSEGMENT': {
        const i = f.id === 'PROFITTIER' ? 0 : 1;
        example(
          f.id,
          `${cell('Revenue', i)}, ${cell('Gross Profit', i)}, ${cell('Cost-to-serve', i)}, ${range('Revenue', true)}, ${range('Gross Profit', true)}, ${range('Cost-to-serve', true)}`,
          `Customer ${a.customers.keys[i]} (${a.customers.names[i]}, row ${FIRST_ROW + i}) placed among all ${n} customers; filled down, each row gets its own.`,
          `Expected: **${shown(one(f.id, i))}**, as in its ${f.id === 'PROFITTIER' ? 'Tier' : 'Segment'} column (${cell(f.id === 'PROFITTIER' ? 'Tier' : 'Segment', i)}).`,
        );
        break;
      }
      case 'PROFITMATRIX':
        example(
          f.id,
          `${range('Revenue')}, ${range('Net profit')}, "count"`,
          'Spills a 4×4 grid: customers per size (rows) and profitability (columns), as on the Profit Matrix sheet.',
          `Expected:\n\n${table(call(f.id, rev, np, 'count'))}`,
        );
        break;
      case 'COSTTOSERVE':
        example(
          f.id,
          `Customers!${driverColumn(DRIVERS[0])}${FIRST_ROW}:${driverColumn(DRIVERS[DRIVERS.length - 1])}${FIRST_ROW}, {${rates.join(', ')}}`,
          `The activity cost of customer ${a.customers.keys[0]}: its seven volumes (Orders … Sales visits) times the sample's rates. Cost of capital is not an activity, so the template's Cost-to-serve (${cell('Cost-to-serve', 0)}) is this plus revenue × payment days / 365 × 10 %.`,
          `Expected: **${shown(call(f.id, [DRIVERS.map((_, d) => a.customers.volumes[d]![0])], [rates])[0][0])}**.`,
        );
        break;
      case 'WHALECURVE':
        example(
          f.id,
          `${range('Net profit')}, 4`,
          'Spills the whale curve in four steps: share of customers (most profitable first) and their cumulative share of total net profit.',
          `Expected:\n\n${table(call(f.id, np, 4))}`,
        );
        break;
      case 'WHALEPEAK':
        example(
          f.id,
          range('Net profit'),
          'One row: the share of customers at the top of the whale curve and their share of total net profit.',
          `Expected: ${call(f.id, np)[0]
            .map((v) => `**${shown(v)}**`)
            .join(' and ')}.`,
        );
        break;
      case 'PROFITBYGROUP':
        example(
          f.id,
          `${range('Segment')}, ${range('Revenue')}, ${range('Net profit')}`,
          'Net profit per segment (any column of groups works the same: region, channel, sales rep), largest first.',
          `Expected:\n\n${table([['group', 'net profit'], ...call(f.id, segmentLabels(), rev, np)])}`,
        );
        break;
      default:
        throw new Error(`docs/certification.md has no example for ${f.id}: add one here`);
    }
  }
  return out.join('\n').trimEnd();
}

/** The Segment column as the template shows it: Large/High …, "No revenue" outside the matrix. */
const segmentLabels = () =>
  Array.from(a.classes.segment, (s) => [s < 0 ? NO_REVENUE : SEGMENTS[s]]);

describe('docs/certification.md', () => {
  it('gives one example per worksheet function, with the result the core computes', () => {
    const doc = readFileSync(DOC, 'utf8');
    const i = doc.indexOf(START),
      j = doc.indexOf(END);
    expect(i, `${DOC} has the examples markers`).toBeGreaterThan(-1);
    const current = doc.slice(i, j + END.length);
    const generated = `${START}\n${examples()}\n${END}`;
    if (process.env.UPDATE_README && current !== generated)
      writeFileSync(DOC, doc.replace(current, generated));
    else expect(current).toBe(generated);
    for (const f of FUNCTIONS) expect(doc).toContain(`=PT.${f.id}(`);
    // The workbook's description names the template's columns by letter.
    for (const h of ['Revenue', 'Gross Profit', 'Cost-to-serve', 'Net profit'] as const)
      expect(doc).toContain(`${h} (${col(h)})`);
    expect(doc).toContain(
      `(${driverColumn(DRIVERS[0])}–${driverColumn(DRIVERS[DRIVERS.length - 1])})`,
    );
    expect(doc).toContain(`one customer per row from row ${FIRST_ROW}`);
  });

  it("the cells the examples name hold what they say in the reviewer's template", async () => {
    const bytes = await templateBytes({
      settings: a.settings,
      analysis: a,
      source: 'customers.csv',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const ws = wb.getWorksheet('Customers')!;
    const header = (h: Parameters<typeof col>[0]) => ws.getCell(`${col(h)}${FIRST_ROW - 1}`).value;
    for (const h of [
      'Customer',
      'Revenue',
      'Gross Profit',
      'Cost-to-serve',
      'Net profit',
      'Segment',
      'Tier',
    ] as const)
      expect(header(h)).toBe(h);
    expect(ws.getCell(`F${FIRST_ROW - 1}`).value).toBe('Orders');
    expect(ws.getCell(`L${FIRST_ROW - 1}`).value).toBe('Sales visits');
    for (const i of [0, 1, n - 1]) {
      expect(ws.getCell(cell('Customer', i).replace('Customers!', '')).value).toBe(
        a.customers.keys[i],
      );
      expect(ws.getCell(cell('Revenue', i).replace('Customers!', '')).value).toBe(
        a.customers.revenue[i],
      );
      expect(ws.getCell(cell('Gross Profit', i).replace('Customers!', '')).value).toBe(
        a.customers.grossProfit[i],
      );
    }
  });
});
