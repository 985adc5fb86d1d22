/// <reference types="office-js" />
/**
 * Draws the report's sheet descriptions (core/report) into the workbook with Office.js.
 *
 * - Only new sheets are written, each marked with the worksheet custom property "ProfitTiers";
 *   a re-run deletes the marked sheets and writes them again. A user's sheet that happens to have
 *   a report name is never touched: the report sheet becomes "Profit Matrix (2)" instead.
 * - Values first, then formats, in blocks: writes are queued until the next one would push the
 *   request past WRITE_BUDGET bytes (Office.js rejects requests over 5 MB), then synced. So
 *   syncs = 2 (find the sheets) + blocks, where ⌈bytes / budget⌉ ≤ blocks ≤ ⌈bytes / (15/16 budget)⌉:
 *   3 for any report that fits one request (≈ 4 MB, some 20k customers), growing only with blocks.
 * - Strings the host would read as formula, number or date (`textNeedsGuard`) get a leading
 *   apostrophe, so a customer named =HYPERLINK(…) stays text.
 */
import { rectangular, textNeedsGuard, type Rect, type SheetSpec, type SheetValue } from '../core/report/sheet-spec.js';

export const OWNER_KEY = 'ProfitTiers';
/** Bytes per request; below Office.js's 5 MB request limit with room for JSON framing. */
export const WRITE_BUDGET = 4_000_000;
/** Values writes per request: each write is at most budget / 16 bytes, so greedy packing is tight. */
const CHUNKS_PER_REQUEST = 16;

export interface RenderResult {
  /** Sheet names written, in order (with " (2)" where a user's sheet had the name). */
  sheets: string[];
  syncs: number;
  /** Requests that carried writes. */
  blocks: number;
}

/** Queues writes and syncs whenever the next write would push the request past the budget. */
class Batch {
  syncs = 0;
  blocks = 0;
  private pending = 0;
  constructor(private context: Excel.RequestContext, private budget: number, private onSync: () => void) {}
  async queue(bytes: number, write: () => void): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.budget) await this.flush();
    write();
    this.pending += bytes;
  }
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    await this.sync();
    this.blocks++;
    this.pending = 0;
    this.onSync();
  }
  async sync(): Promise<void> {
    await this.context.sync();
    this.syncs++;
  }
}

/** A guarded copy of the values: null → "" (null would leave a cell unchanged), risky text → 'text. */
function cellsForExcel(rows: SheetValue[][]): (string | number | boolean)[][] {
  return rows.map((row) => row.map((v) => (v === null ? '' : typeof v === 'string' && textNeedsGuard(v) ? `'${v}` : v)));
}

/** Bytes a block of values adds to a request, as Office.js serialises it (JSON, UTF-8). */
export function payloadBytes(rows: SheetValue[][]): number {
  let bytes = 2;
  for (const row of rows) {
    bytes += 2;
    for (const v of row) {
      if (typeof v === 'string') {
        bytes += v.length + 4;
        for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 0x7f || v[i] === '"' || v[i] === '\\') bytes += 5; // escapes, multi-byte
      } else bytes += v === null ? 3 : 24;
    }
  }
  return bytes;
}

/** "Profit Matrix", or "Profit Matrix (2)" … when a sheet the user owns has the name. */
export function freeName(wanted: string, taken: Set<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let k = 2; ; k++) {
    const name = `${wanted} (${k})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

const range = (sheet: Excel.Worksheet, r: Rect) => sheet.getRangeByIndexes(r.row, r.col, r.rows, r.cols);
const FORMAT_OP_BYTES = 300;
const CHART_TYPES = { 'scatter-line': 'XYScatterLinesNoMarkers', column: 'ColumnClustered' } as const;
const pointsFromPixels = (px: number) => Math.round(px * 0.75);
/** Excel's column width is in points; a character of Calibri 11 is about 7 px wide plus padding. */
const pointsFromChars = (chars: number) => Math.round((chars * 7 + 5) * 0.75);

/**
 * Writes the report sheets. `context` is the one of an `Excel.run`; `onProgress` gets 0…1 as blocks
 * are written. Example: `await Excel.run((c) => renderSheets(c, reportSheets(analysis)))`.
 */
export async function renderSheets(context: Excel.RequestContext, specs: SheetSpec[], onProgress: (fraction: number) => void = () => {}, budget = WRITE_BUDGET): Promise<RenderResult> {
  const totalBytes = specs.reduce((n, s) => n + payloadBytes(s.values), 0) || 1;
  let written = 0;
  const batch = new Batch(context, budget, () => onProgress(Math.min(1, written / totalBytes)));

  // 1–2: which sheets exist, and which of them are ours (two reads, whatever the workbook size).
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  const tables = context.workbook.tables;
  tables.load('items/name,items/worksheet/name');
  await batch.sync();
  const marks = worksheets.items.map((ws) => ws.customProperties.getItemOrNullObject(OWNER_KEY).load('value'));
  await batch.sync();
  const ours = worksheets.items.filter((_, i) => !marks[i].isNullObject);
  const taken = new Set(worksheets.items.filter((_, i) => marks[i].isNullObject).map((ws) => ws.name));
  // Table names are workbook-wide: keep clear of the user's tables (ours go with our sheets).
  const tableNames = new Set(tables.items.filter((t) => taken.has(t.worksheet.name)).map((t) => t.name));

  // 3…: replace our sheets — the new ones are added before the old ones go, so the workbook
  // never has to lose its last sheet.
  const added: { sheet: Excel.Worksheet; spec: SheetSpec; name: string }[] = [];
  await batch.queue(FORMAT_OP_BYTES * (ours.length + specs.length), () => {
    const names = specs.map((s) => freeName(s.name, taken));
    specs.forEach((spec, i) => {
      taken.add(names[i]);
      const temp = `pt~${Date.now() % 1e6}~${i}`; // unique until the old sheet of that name is gone
      const sheet = worksheets.add(temp);
      sheet.customProperties.add(OWNER_KEY, 'report');
      added.push({ sheet, spec, name: names[i] });
    });
    for (const ws of ours) ws.delete();
    for (const a of added) a.sheet.name = a.name;
  });

  // Values, in row blocks of at most WRITE_CHUNK bytes, so that packing them into requests wastes
  // at most one chunk per request.
  for (const { sheet, spec } of added) {
    const rows = rectangular(spec.values, spec.width);
    for (let from = 0; from < rows.length;) {
      let to = from, bytes = 2;
      while (to < rows.length && (to === from || bytes < budget / CHUNKS_PER_REQUEST)) bytes += payloadBytes([rows[to++]]) - 2;
      const block = rows.slice(from, to), at = from;
      await batch.queue(bytes, () => { sheet.getRangeByIndexes(at, 0, block.length, spec.width).values = cellsForExcel(block); });
      written += bytes;
      from = to;
    }
  }
  // Formats, by rectangle: a handful of requests-worth of bytes, whatever the row count.
  for (const { sheet, spec } of added) {
    const ops = spec.formats.length + spec.fills.length + spec.fontColors.length + spec.bold.length + spec.titles.length + spec.wrap.length + spec.conditional.length + 4;
    await batch.queue(FORMAT_OP_BYTES * ops, () => formatSheet(sheet, spec, tableNames));
    for (const chart of spec.charts) await batch.queue(FORMAT_OP_BYTES * (6 + chart.series.length * 6), () => addChart(sheet, chart));
  }
  if (added.length) added[0].sheet.activate();
  await batch.flush();
  onProgress(1);
  return { sheets: added.map((a) => a.name), syncs: batch.syncs, blocks: batch.blocks };
}

function formatSheet(sheet: Excel.Worksheet, spec: SheetSpec, tableNames: Set<string>): void {
  for (const f of spec.formats) range(sheet, f.range).numberFormat = [[f.format]]; // one value fills the range
  for (const f of spec.fills) range(sheet, f.range).format.fill.color = f.color;
  for (const f of spec.fontColors) range(sheet, f.range).format.font.color = f.color;
  for (const r of spec.bold) range(sheet, r).format.font.bold = true;
  for (const r of spec.titles) { const font = range(sheet, r).format.font; font.bold = true; font.size = 14; }
  for (const r of spec.wrap) range(sheet, r).format.wrapText = true;
  spec.columnWidths.forEach((w, c) => { sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = pointsFromChars(w); });
  if (spec.freezeRows) sheet.freezePanes.freezeRows(spec.freezeRows);
  if (spec.table) {
    const table = sheet.tables.add(range(sheet, spec.table.range), true);
    table.name = freeName(spec.table.name, tableNames).replace(/[^A-Za-z0-9_]/g, '_');
    tableNames.add(table.name);
  }
  for (const c of spec.conditional) {
    const r = range(sheet, c.range);
    if (c.type === 'negative') {
      const cf = r.conditionalFormats.add('CellValue');
      cf.cellValue.format.font.color = '#C00000';
      cf.cellValue.rule = { formula1: '0', operator: 'LessThan' };
    } else {
      const cf = r.conditionalFormats.add('ColorScale');
      cf.colorScale.criteria = {
        minimum: { type: 'LowestValue', color: '#F8696B' },
        midpoint: { formula: '0', type: 'Number', color: '#FFFFFF' },
        maximum: { type: 'HighestValue', color: '#63BE7B' },
      };
    }
  }
}

function addChart(sheet: Excel.Worksheet, spec: SheetSpec['charts'][number]): void {
  const [first, ...rest] = spec.series;
  const chart = sheet.charts.add(CHART_TYPES[spec.type], range(sheet, first.y), 'Columns');
  chart.title.text = spec.title;
  chart.width = pointsFromPixels(spec.width);
  chart.height = pointsFromPixels(spec.height);
  chart.setPosition(sheet.getRangeByIndexes(spec.anchor.row, spec.anchor.col, 1, 1));
  chart.legend.position = 'Bottom';
  if (spec.xTitle) { chart.axes.categoryAxis.title.text = spec.xTitle; }
  if (spec.yTitle) { chart.axes.valueAxis.title.text = spec.yTitle; }
  if (spec.xFormat) chart.axes.categoryAxis.numberFormat = spec.xFormat;
  if (spec.yFormat) chart.axes.valueAxis.numberFormat = spec.yFormat;
  const styleSeries = (s: Excel.ChartSeries, def: typeof first) => {
    s.name = def.name;
    s.setXAxisValues(range(sheet, spec.x));
    if (def.color) s.format.line.color = def.color;
    if (def.line === false) s.format.line.lineStyle = 'None';
    s.markerStyle = def.marker ? 'Circle' : 'None';
    if (def.marker && def.color) { s.markerBackgroundColor = def.color; s.markerForegroundColor = def.color; }
  };
  styleSeries(chart.series.getItemAt(0), first);
  for (const def of rest) {
    const s = chart.series.add(def.name);
    s.setValues(range(sheet, def.y));
    styleSeries(s, def);
  }
}
