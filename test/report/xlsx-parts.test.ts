/**
 * The parts ExcelJS cannot write (cli/xlsx-parts.ts: charts, drawings, tables), checked as Excel
 * checks a package, in both ways they are written: into ExcelJS's zip as it streams (the report)
 * and into a written file opened with JSZip (the template). Excel refuses a whole file over one
 * dangling relationship, a missing content type, a duplicate table id or an element out of the
 * schema's order, and LibreOffice forgives all of these, so its opening the file proves nothing.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../cli/load-table.js';
import { templateBytes } from '../../cli/template/template-workbook.js';
import { writeReport } from '../../cli/write-report.js';
import { type Analysis, analyze } from '../../core/analyze.js';

const TYPES = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
};
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** CT_Worksheet's elements after <sheetData>, in the schema's order. */
const WORKSHEET_ORDER = [
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** Well-formed: every tag closed in order, attributes quoted, no bare `<` or `&` in text. */
function wellFormed(xml: string): string | null {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let at = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const between = body.slice(at, m.index);
    if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(between))
      return `bad text before ${m[0]}`;
    at = m.index + m[0].length;
    if (m[1]) {
      if (stack.pop() !== m[2]) return `</${m[2]}> closes nothing open`;
    } else if (!m[4]) stack.push(m[2]);
  }
  if (body.slice(at).trim()) return 'text after the root';
  return stack.length ? `<${stack.at(-1)}> never closed` : null;
}

const attr = (el: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(el)?.[1];

/** "xl/worksheets/sheet2.xml" + "../tables/table1.xml" → "xl/tables/table1.xml". */
function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const step of target.split('/')) {
    if (step === '..') parts.pop();
    else if (step !== '.') parts.push(step);
  }
  return parts.join('/');
}

/** Checks the package; returns the tables and charts found per sheet, for the callers' own checks. */
async function checkPackage(bytes: Uint8Array): Promise<{
  tables: { sheet: string; ref: string; name: string; columns: string[] }[];
  charts: Map<string, number>;
}> {
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.keys(zip.files).filter((f) => !zip.files[f].dir);
  const read = (f: string) => zip.file(f)!.async('string');
  for (const f of files.filter((f) => /\.(xml|rels)$/.test(f)))
    expect(wellFormed(await read(f)), f).toBeNull();

  const types = await read('[Content_Types].xml');
  const overrides = new Map(
    [...types.matchAll(/<Override\b[^>]*>/g)].map((m) => [
      attr(m[0], 'PartName')!.slice(1),
      attr(m[0], 'ContentType')!,
    ]),
  );
  for (const part of overrides.keys()) expect(files, `override of ${part}`).toContain(part);
  for (const f of files) {
    const kind = /^xl\/(charts|drawings|tables)\/[a-z]+\d+\.xml$/.exec(f)?.[1];
    if (kind) expect(overrides.get(f), f).toBe(TYPES[kind.slice(0, -1) as keyof typeof TYPES]);
  }

  // every relationship: unique ids, a target that exists
  const relsOf = new Map<string, Map<string, { type: string; target: string }>>();
  for (const f of files.filter((f) => f.endsWith('.rels'))) {
    const owner = f === '_rels/.rels' ? '' : f.replace(/_rels\/([^/]+)\.rels$/, '$1'); // the package's own: ''
    const rels = new Map<string, { type: string; target: string }>();
    for (const m of (await read(f)).matchAll(/<Relationship\b[^>]*>/g)) {
      const id = attr(m[0], 'Id')!;
      expect(rels.has(id), `${f}: ${id} twice`).toBe(false);
      const target = attr(m[0], 'Target')!;
      rels.set(id, { type: attr(m[0], 'Type')!, target: resolvePart(owner, target) });
      if (attr(m[0], 'TargetMode') !== 'External')
        expect(files, `${f} → ${target}`).toContain(resolvePart(owner, target));
    }
    relsOf.set(owner, rels);
  }

  // sheets by name, their links, and the order of their last elements
  const book = await read('xl/workbook.xml');
  const bookRels = relsOf.get('xl/workbook.xml')!;
  const tables: { sheet: string; ref: string; name: string; columns: string[] }[] = [];
  const charts = new Map<string, number>();
  const tableIds = new Set<string>(),
    tableNames = new Set<string>();
  for (const m of book.matchAll(/<sheet\b[^>]*>/g)) {
    const sheet = attr(m[0], 'name')!;
    const path = bookRels.get(attr(m[0], 'r:id')!)!.target;
    const xml = await read(path);
    const tail = xml.slice(xml.indexOf('</sheetData>'));
    const order = [...tail.matchAll(/<([A-Za-z]+)\b/g)]
      .map((t) => t[1])
      .filter((t) => WORKSHEET_ORDER.includes(t));
    const top = order.filter((t, i) => i === 0 || order[i - 1] !== t);
    const rank = top.map((t) => WORKSHEET_ORDER.indexOf(t));
    expect(rank, `${sheet}: ${top.join(', ')}`).toEqual([...rank].sort((a, b) => a - b));
    const rels = relsOf.get(path) ?? new Map();
    for (const el of tail.matchAll(/<(drawing|tablePart)\b[^>]*r:id="([^"]+)"/g)) {
      const rel = rels.get(el[2]);
      expect(rel?.type, `${sheet}: ${el[0]}`).toBe(
        `${REL}/${el[1] === 'drawing' ? 'drawing' : 'table'}`,
      );
      if (el[1] === 'tablePart') {
        expect(tail, `${sheet}: a table and a sheet filter`).not.toContain('<autoFilter');
        const t = await read(rel.target);
        const ref = attr(t, 'ref')!;
        const id = attr(t, 'id')!,
          name = attr(t, 'name')!;
        expect(tableIds.has(id) || tableNames.has(name.toLowerCase()), `table ${id} ${name}`).toBe(
          false,
        );
        tableIds.add(id);
        tableNames.add(name.toLowerCase());
        expect(attr(t, 'displayName')).toBe(name);
        expect(/<autoFilter ref="([^"]+)"/.exec(t)?.[1]).toBe(ref);
        const columns = [...t.matchAll(/<tableColumn\b[^>]*>/g)].map((c) => attr(c[0], 'name')!);
        expect(Number(/<tableColumns count="(\d+)"/.exec(t)?.[1])).toBe(columns.length);
        expect(new Set(columns.map((c) => c.toLowerCase())).size).toBe(columns.length);
        tables.push({ sheet, ref, name, columns });
      } else {
        const drawing = await read(rel.target);
        const drawingRels = relsOf.get(rel.target)!;
        const ids = [...drawing.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((c) => c[1]);
        expect(new Set(ids).size).toBe(ids.length);
        const chartIds = [...drawing.matchAll(/<c:chart\b[^>]*r:id="([^"]+)"/g)].map((c) => c[1]);
        for (const c of chartIds)
          expect(drawingRels.get(c)?.type, `${rel.target}: ${c}`).toBe(`${REL}/chart`);
        charts.set(sheet, (charts.get(sheet) ?? 0) + chartIds.length);
      }
    }
  }
  return { tables, charts };
}

let dir = '';
let sample: Analysis;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pt-parts-'));
  const o = analyze(
    { values: (await loadTable('samples/customers.csv')).values as never },
    JSON.parse(await readFile('samples/settings.json', 'utf8')),
  );
  if (!o.ok) throw new Error(o.error.message);
  sample = o.value;
});

describe('charts and tables written as the report streams', () => {
  it('make a package Excel accepts: the Customers table over its header, the whale curve chart', async () => {
    await writeReport(sample, join(dir, 'report.xlsx'));
    const bytes = await readFile(join(dir, 'report.xlsx'));
    const { tables, charts } = await checkPackage(bytes);
    expect(tables.map((t) => [t.sheet, t.name, t.ref])).toEqual([
      ['Customers', 'ProfitTiersCustomers', `A1:P${sample.customers.n + 1}`],
    ]);
    expect(Object.fromEntries(charts)).toEqual({ 'Whale Curve': 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const header = wb.getWorksheet('Customers')!.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual(tables[0].columns);
  });

  it('link several charts of several sheets, each sheet its own drawing', async () => {
    const o = analyze(
      {
        values: [
          ['Customer', 'Region', 'Order Date', 'Revenue', 'COGS'],
          ['A', 'North', '2024-02-10', 60, 30],
          ['A', 'South', '2024-05-10', 40, 20],
          ['B', 'West', '2024-08-10', 50, 20],
          ['C', 'North', '2024-11-10', 100, 110],
        ] as never,
      },
      { groupBy: ['Region'], columns: { period: 'Order Date' } },
      { periods: 'quarter' },
    );
    if (!o.ok) throw new Error(o.error.message);
    await writeReport(o.value, join(dir, 'grouped.xlsx'));
    const { tables, charts } = await checkPackage(await readFile(join(dir, 'grouped.xlsx')));
    expect(tables).toHaveLength(1);
    expect(charts.size).toBeGreaterThanOrEqual(3); // whale curve, groups, trend
  });
});

describe('charts added to a written file (the template)', () => {
  it('make a package Excel accepts', async () => {
    const { charts } = await checkPackage(await templateBytes({ settings: sample.settings }));
    expect(Object.fromEntries(charts)).toEqual({ 'Whale Curve': 1 });
  });
});

describe('the package check', () => {
  it('finds a dangling relationship, a missing content type and a misplaced element', async () => {
    const good = await readFile(join(dir, 'report.xlsx'));
    const broken = async (edit: (zip: JSZip) => Promise<void>) => {
      const zip = await JSZip.loadAsync(good);
      await edit(zip);
      return zip.generateAsync({ type: 'uint8array' });
    };
    const edit = (path: string, f: (s: string) => string) => async (zip: JSZip) => {
      zip.file(path, f(await zip.file(path)!.async('string')));
    };
    await expect(
      checkPackage(await broken(async (zip) => void zip.remove('xl/tables/table1.xml'))),
    ).rejects.toThrow();
    await expect(
      checkPackage(
        await broken(
          edit('[Content_Types].xml', (s) =>
            s.replace(/<Override PartName="\/xl\/charts[^>]*>/, ''),
          ),
        ),
      ),
    ).rejects.toThrow();
    await expect(
      checkPackage(
        await broken(
          edit('xl/worksheets/sheet2.xml', (s) =>
            s.replace(/(<pageMargins[\s\S]*)(<tableParts[\s\S]*<\/tableParts>)/, '$2$1'),
          ),
        ),
      ),
    ).rejects.toThrow();
    await expect(
      checkPackage(await broken(edit('xl/charts/chart1.xml', (s) => s.replace('</c:chart>', '')))),
    ).rejects.toThrow();
  });
});
