/**
 * The Customer card recalculated by LibreOffice: pick a customer in the file (the card's yellow
 * cell), recalculate, read back — segment, tier, the waterfall, each cost against its size class's
 * median, exit impact, break-even price change and the advice equal the core's for a profitable
 * customer, a money-loser whose exit helps, one who should reprice, and one with no revenue.
 * Also: a customer pasted below the formula rows is counted, in red, on Customers and Instructions.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { loadTable } from '../../cli/load-table.js';
import { CARD, CARD_PICK, CARD_SHEET } from '../../cli/template/customer-card-sheet.js';
import { OUTSIDE_AT } from '../../cli/template/customers-sheet.js';
import { FIRST_ROW } from '../../cli/template/layout.js';
import { templateBytes } from '../../cli/template/template-workbook.js';
import { sheetPaths } from '../../cli/xlsx-parts.js';
import { type Analysis, analyze } from '../../core/analyze.js';
import { causeLabel, causesOf } from '../../core/causes.js';
import { COST_LINE_LABELS, SEGMENTS } from '../../core/defaults.js';
import { recommendationAt } from '../../core/exit-economics.js';
import { explainCustomer } from '../../core/explain.js';
import { formatMoney, formatPercent } from '../../core/format.js';
import { COST_LINES, SIZE_CLASSES } from '../../core/types.js';
import { describeWith, SOFFICE } from '../tools.js';
import { type Cell, convert, sheetValues } from './libreoffice.js';
import { GENERATED, THRESHOLDS } from './scenarios.js';

const close = (x: unknown, y: number, what: string) =>
  expect(Math.abs(((x as number) ?? 0) - y), what).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(y)),
  );

/** The cause basis keeps, per size class, the cost lines, then gross margin, then discount. */
const MEASURES = COST_LINES.length + 2;

/** Sets the card's picked customer in an xlsx file, as a user picking from the list would. */
async function pick(bytes: Uint8Array, key: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const path = (await sheetPaths(zip)).get(CARD_SHEET)!;
  const xml = await zip.file(path)!.async('string');
  const cell = new RegExp(`<c r="${CARD_PICK}"[^>]*?(/>|>[\\s\\S]*?</c>)`);
  expect(xml).toMatch(cell);
  const style = new RegExp(`<c r="${CARD_PICK}"[^>]*?( s="\\d+")`).exec(xml)?.[1] ?? '';
  zip.file(
    path,
    xml.replace(cell, `<c r="${CARD_PICK}"${style} t="inlineStr"><is><t>${key}</t></is></c>`),
  );
  return zip.generateAsync({ type: 'uint8array' });
}

interface Picked {
  kind: string;
  a: Analysis;
  c: number;
  file: string;
}

describeWith([SOFFICE])('Customer card recalculated by LibreOffice equals the core', () => {
  const picked: Picked[] = [];
  const wildcards: Picked[] = [];
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pt-card-'));
    const samples = JSON.parse(await readFile('samples/settings.json', 'utf8'));
    const run = (values: unknown[][], settings: unknown) => {
      const o = analyze({ values: values as never }, settings);
      if (!o.ok) throw new Error(o.error.message);
      return o.value;
    };
    const analyses = [
      run((await loadTable('samples/customers.csv')).values, samples),
      run(GENERATED[0].values, GENERATED[0].settings), // a cost pool: stranded cost
      run(THRESHOLDS.values, THRESHOLDS.settings), // customers with no revenue
    ];
    // one customer of each kind the card tells apart, from the first analysis that has one
    const kinds: [string, (a: Analysis, c: number) => boolean][] = [
      ['profitable', (a, c) => a.classes.segment[c] >= 0 && a.netProfit[c] > 0],
      [
        'money-loser: exit',
        (a, c) =>
          recommendationAt(a.classes.segment[c], a.netProfit[c], a.exit.exitImpact[c]) === 'exit',
      ],
      [
        'money-loser: reprice',
        (a, c) =>
          recommendationAt(a.classes.segment[c], a.netProfit[c], a.exit.exitImpact[c]) ===
          'reprice',
      ],
      ['no revenue', (a, c) => a.classes.segment[c] < 0],
    ];
    const base = new Map<Analysis, Uint8Array>();
    for (const [kind, is] of kinds) {
      for (const a of analyses) {
        const c = Array.from({ length: a.customers.n }, (_, i) => i).find((i) => is(a, i));
        if (c === undefined) continue;
        if (!base.has(a)) base.set(a, await templateBytes({ settings: a.settings, analysis: a }));
        const file = join(dir, `card-${picked.length}.xlsx`);
        await writeFile(file, await pick(base.get(a)!, a.customers.keys[c]));
        picked.push({ kind, a, c, file });
        break;
      }
    }
    // keys that are wildcards to MATCH: "Acme*" would find "Acme Ltd", "A?C" would find "ABC"
    const wild = run(
      [
        ['Customer', 'Revenue', 'COGS'],
        ['Acme Ltd', 100, 60],
        ['Acme*', 90, 50],
        ['ABC', 80, 40],
        ['A?C', 70, 30],
      ],
      {},
    );
    const wildBytes = await templateBytes({ settings: wild.settings, analysis: wild });
    for (const c of [1, 3]) {
      const file = join(dir, `card-wild-${c}.xlsx`);
      await writeFile(file, await pick(wildBytes, wild.customers.keys[c]));
      wildcards.push({ kind: 'wildcard', a: wild, c, file });
    }
    // a customer pasted two rows below the formula rows of a 20-row template
    const rows = await templateBytes({ settings: analyses[0].settings, rows: 20 });
    const zip = await JSZip.loadAsync(rows);
    const path = (await sheetPaths(zip)).get('Customers')!;
    const xml = await zip.file(path)!.async('string');
    const r = FIRST_ROW + 21;
    zip.file(
      path,
      xml.replace(
        '</sheetData>',
        `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>LATE</t></is></c></row></sheetData>`,
      ),
    );
    await writeFile(join(dir, 'outside.xlsx'), await zip.generateAsync({ type: 'uint8array' }));
    await convert(
      [...picked.map((p) => p.file), ...wildcards.map((p) => p.file), join(dir, 'outside.xlsx')],
      'xlsx',
      join(dir, 'out'),
    );
  }, 300_000);

  it('covers four kinds of customer', () => {
    expect(picked.map((p) => p.kind)).toEqual([
      'profitable',
      'money-loser: exit',
      'money-loser: reprice',
      'no revenue',
    ]);
  });

  it.each([0, 1, 2, 3])('card %i: facts, waterfall, medians and exit economics', async (i) => {
    const { a, c, file, kind } = picked[i];
    const card = await sheetValues(join(dir, 'out', file.replace(/^.*\//, '')), CARD_SHEET);
    const rows = (label: string) => card.filter((r) => r[0] === label);
    const value = (label: string, k = 0): Cell => rows(label)[k]?.[1] ?? null;
    const key = a.customers.keys[c],
      seg = a.classes.segment[c];
    expect(card[2][1]).toBe(key);
    expect(card[3]).toEqual(['Row on the Customers sheet', FIRST_ROW + c]); // the real sheet row
    expect(value(CARD.segment)).toBe(
      seg < 0
        ? `No revenue: outside the matrix (net profit ${formatMoney(a.netProfit[c])})`
        : SEGMENTS[seg],
    );
    expect(value(CARD.size)).toBe(seg < 0 ? 'No revenue' : SIZE_CLASSES[a.classes.size[c]]);
    expect(value(CARD.tier) ?? '').toBe(seg < 0 ? '' : a.settings.tiers[seg]);

    // the waterfall: every step the core shows, and 0 for a cost line the core leaves out
    const steps = new Map(
      explainCustomer(a, a.settings, c).waterfall.map((s) => [s.label, s.value]),
    );
    const labels = [
      CARD.revenue,
      CARD.cogs,
      CARD.grossProfit,
      ...COST_LINES.map((l) => COST_LINE_LABELS[l]),
      CARD.netProfit,
    ];
    for (const l of labels) close(value(l), steps.get(l) ?? 0, `${kind} ${key}: ${l}`);
    close(value(CARD.netProfit), a.netProfit[c], `${kind}: net profit`);

    // each cost per unit of revenue, and its size class's median, as the causes measure them
    const k = a.classes.size[c];
    const compared = [
      ...COST_LINES.map((l) => COST_LINE_LABELS[l]),
      `${CARD.grossMargin} (gross profit)`,
    ];
    compared.forEach((label, m) => {
      const line = rows(label).at(-1)!; // the comparison table's row (the waterfall's comes first)
      if (seg < 0) {
        expect(line[3] ?? null, `${kind}: no median outside the matrix`).toBeNull();
        return;
      }
      const median = a.causes.medians[k * MEASURES + m];
      const own =
        m < COST_LINES.length
          ? -(steps.get(label) ?? 0) / a.customers.revenue[c]
          : a.customers.grossProfit[c] / a.customers.revenue[c];
      close(line[2], own, `${kind} ${key}: ${label} per unit of revenue`);
      if (!Number.isNaN(median)) close(line[3], median, `${kind} ${key}: ${label} median`);
    });
    // the causes the core names (causes.ts), ranked as it ranks them, and only those
    const causes = causesOf(a.causes, c);
    const ranked = causes.filter((x) => x.kind === 'driver' || x.kind === 'grossMargin');
    const rankOf = new Map(ranked.map((x, i) => [causeLabel(x), i + 1]));
    compared.forEach((label) => {
      const line = rows(label).at(-1)!;
      const short = label.replace(' (gross profit)', '');
      const cause = ranked.find((x) => causeLabel(x) === short);
      const rank = rankOf.get(short) ?? null;
      expect(line[6] ?? null, `${kind} ${key}: ${label} rank`).toBe(rank);
      if (cause && rank && ranked.length === causes.length)
        close(line[5], cause.amount, `${kind} ${key}: ${label} amount`);
    });
    const words = value('Causes, as the report names them');
    if (seg < 0) expect(words ?? null).toBeNull();
    else expect(words).toBe(causes.length ? causes.map(causeLabel).join(', ') : 'None');

    // exit economics (§10) and the advice they give
    close(value(CARD.exitImpact), a.exit.exitImpact[c], `${kind}: exit impact`);
    const rec = recommendationAt(seg, a.netProfit[c], a.exit.exitImpact[c]);
    const breakEven = value(CARD.breakEven);
    if (rec) close(breakEven, -a.netProfit[c] / a.customers.revenue[c], `${kind}: break-even`);
    else expect(breakEven).toBeNull();
    const advice = String(value(CARD.advice) ?? '');
    if (rec === 'exit') expect(advice).toMatch(/^Exit: leaving raises profit by /);
    else if (rec === 'reprice')
      expect(advice).toMatch(/^Reprice: an? [\d.,<]+ % price rise breaks/);
    else if (seg >= 0) expect(advice).toMatch(/^Not a money-loser/);
    else expect(advice).toBe('No revenue: outside the matrix, so no exit or reprice advice.');
    // the price rise as the core words it (format.ts)
    if (rec)
      expect(advice).toContain(
        ` ${formatPercent(-a.netProfit[c] / a.customers.revenue[c])} price rise`,
      );
  });

  it('finds a key with * or ? as itself, not as a pattern matching an earlier key', async () => {
    expect(wildcards).toHaveLength(2);
    for (const { a, c, file } of wildcards) {
      const card = await sheetValues(join(dir, 'out', file.replace(/^.*\//, '')), CARD_SHEET);
      expect(card[3], a.customers.keys[c]).toEqual(['Row on the Customers sheet', FIRST_ROW + c]);
    }
  });

  it('counts a customer pasted below the formula rows, on Customers and Instructions', async () => {
    const out = join(dir, 'out', 'outside.xlsx');
    const customers = await sheetValues(out, 'Customers');
    expect(String(customers[0][OUTSIDE_AT])).toMatch(
      new RegExp(`^Rows outside the formulas: 1 \\(customers below row ${FIRST_ROW + 19} `),
    );
    const ins = await sheetValues(out, 'Instructions');
    expect(ins.some((r) => String(r[0]).startsWith('Rows outside the formulas: 1 '))).toBe(true);
  });
});
