/// <reference types="office-js" />
/**
 * Draws the report's sheet descriptions (core/report) into the workbook with Office.js.
 *
 * - Where the sheets go is the core's plan (core/report/sheet-plan.ts), carried out here: marked
 *   sheets are reused in place (their cells, formats, conditional formats, charts and table
 *   cleared first), a user's sheet of a report name is never touched, stale sheets of ours go.
 *   Our mark is the worksheet custom property "ProfitTiers" (value: the report sheet it holds).
 * - Values first, then formats, in blocks: writes are queued until the next one would push the
 *   request past WRITE_BUDGET bytes (Office.js rejects requests over 5 MB), then synced. So
 *   syncs = 2 (find the sheets) + blocks, where ⌈bytes / budget⌉ ≤ blocks ≤ ⌈bytes / (15/16 budget)⌉:
 *   3 for any report that fits one request (≈ 4 MB, some 20k customers), growing only with blocks.
 * - Strings the host would read as formula, number or date (`textNeedsGuard`) get a leading
 *   apostrophe, so a customer named =HYPERLINK(…) stays text.
 */
import { columnLetter } from '../core/cell-address.js';
import { LOSS_FONT, SCALE_COLOURS } from '../core/report/colours.js';
import { planSheets } from '../core/report/sheet-plan.js';
import {
  freeName,
  PAGE_FOOTER,
  PAGE_HEADER,
  type PrintSpec,
  type Rect,
  rectangular,
  type SheetSpec,
  type SheetValue,
  typedInputCell,
} from '../core/report/sheet-spec.js';

export const OWNER_KEY = 'ProfitTiers';
/** The mark's value on sheets of versions that did not record which report sheet they hold. */
const LEGACY_MARK = 'report';
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
  constructor(
    private context: Excel.RequestContext,
    private budget: number,
    private onSync: () => void,
  ) {}
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
  return rows.map((row) => row.map(typedInputCell));
}

/** Bytes a block of values adds to a request, as Office.js serialises it (JSON, UTF-8). */
export function payloadBytes(rows: SheetValue[][]): number {
  let bytes = 2;
  for (const row of rows) {
    bytes += 2;
    for (const v of row) {
      if (typeof v === 'string') {
        bytes += v.length + 4;
        for (let i = 0; i < v.length; i++)
          if (v.charCodeAt(i) > 0x7f || v[i] === '"' || v[i] === '\\') bytes += 5; // escapes, multi-byte
      } else bytes += v === null ? 3 : 24;
    }
  }
  return bytes;
}

/**
 * Which report sheet a marked worksheet holds: the mark's value, or for a legacy mark ("report") the
 * sheet's name without the " (2)" that a user's sheet of the same name made us add.
 */
export function reportOf(mark: string, sheetName: string): string {
  return mark && mark !== LEGACY_MARK ? mark : sheetName.replace(/ \(\d+\)$/, '');
}

const range = (sheet: Excel.Worksheet, r: Rect) =>
  sheet.getRangeByIndexes(r.row, r.col, r.rows, r.cols);
const FORMAT_OP_BYTES = 300;
const CHART_TYPES = {
  'scatter-line': 'XYScatterLinesNoMarkers',
  column: 'ColumnClustered',
  line: 'LineMarkers',
} as const;
const pointsFromPixels = (px: number) => Math.round(px * 0.75);
/** Excel's column width is in points; a character of Calibri 11 is about 7 px wide plus padding. */
const pointsFromChars = (chars: number) => Math.round((chars * 7 + 5) * 0.75);

/**
 * Writes the report sheets. `context` is the one of an `Excel.run`; `onProgress` gets 0…1 as blocks
 * are written. Example: `await Excel.run((c) => renderSheets(c, reportSheets(analysis)))`.
 */
export async function renderSheets(
  context: Excel.RequestContext,
  specs: SheetSpec[],
  onProgress: (fraction: number) => void = () => {},
  budget = WRITE_BUDGET,
  keepOthers = false,
): Promise<RenderResult> {
  const totalBytes = specs.reduce((n, s) => n + payloadBytes(s.values), 0) || 1;
  let written = 0;
  const batch = new Batch(context, budget, () => onProgress(Math.min(1, written / totalBytes)));

  // 1–2: which sheets exist, which of them are ours (and for which report sheet), and the tables and
  // charts on them (two reads, whatever the workbook size).
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  const tables = context.workbook.tables;
  tables.load('items/name,items/worksheet/name');
  await batch.sync();
  const marks = worksheets.items.map((ws) =>
    ws.customProperties.getItemOrNullObject(OWNER_KEY).load('value'),
  );
  const charts = worksheets.items.map((ws) => ws.charts.load('items/name'));
  await batch.sync();

  // Where each report sheet goes: the core's plan over the sheets there are and our marks on them.
  const existing = worksheets.items.map((ws, i) => ({
    name: ws.name,
    report: marks[i].isNullObject ? null : reportOf(String(marks[i].value ?? ''), ws.name),
  }));
  // keepOthers: a What-if writes only its Scenarios sheet; the rest of the report stays
  const plan = planSheets(
    existing,
    specs.map((s) => s.name),
    { keepOthers },
  );
  const byName = new Map(worksheets.items.map((ws, i) => [ws.name, i]));
  // The sheets the plan leaves alone: the user's, and the other report's (scratch or real).
  const ourNames = new Set([
    ...plan.remove,
    ...plan.steps.filter((s) => s.action === 'reuse').map((s) => s.name),
  ]);
  const users = new Set(existing.map((e) => e.name).filter((n) => !ourNames.has(n)));
  // Table names are workbook-wide: keep clear of the user's tables (ours are deleted first).
  const tableNames = new Set(
    tables.items.filter((t) => users.has(t.worksheet.name)).map((t) => t.name),
  );

  // 3…: carry the plan out — clear the sheets we reuse, add the missing ones where the plan puts
  // them, then delete the stale ones (last, so the workbook never has to lose its last sheet).
  const targets: { sheet: Excel.Worksheet; spec: SheetSpec; name: string; reused: boolean }[] = [];
  const ops =
    specs.length * 4 +
    plan.remove.length +
    plan.steps.reduce(
      (n, step) =>
        n + (step.action === 'reuse' ? 7 + charts[byName.get(step.name)!].items.length : 0),
      0,
    ) +
    tables.items.length;
  await batch.queue(FORMAT_OP_BYTES * ops, () => {
    plan.steps.forEach((step, i) => {
      const spec = specs[i];
      if (step.action === 'reuse') {
        const k = byName.get(step.name)!;
        const ws = worksheets.items[k];
        clearSheet(
          ws,
          charts[k].items,
          tables.items.filter((t) => t.worksheet.name === ws.name),
        );
        ws.customProperties.add(OWNER_KEY, spec.name); // (re)marks a legacy "report" mark too
        targets.push({ sheet: ws, spec, name: step.name, reused: true });
        return;
      }
      const sheet = worksheets.add(step.name);
      sheet.customProperties.add(OWNER_KEY, spec.name);
      sheet.position = step.at;
      targets.push({ sheet, spec, name: step.name, reused: false });
    });
    for (const name of plan.remove) worksheets.items[byName.get(name)!].delete();
  });

  // Values, in row blocks of at most WRITE_CHUNK bytes, so that packing them into requests wastes
  // at most one chunk per request.
  for (const { sheet, spec } of targets) {
    const rows = rectangular(spec.values, spec.width);
    for (let from = 0; from < rows.length; ) {
      let to = from,
        bytes = 2;
      while (to < rows.length && (to === from || bytes < budget / CHUNKS_PER_REQUEST))
        bytes += payloadBytes([rows[to++]]) - 2;
      const block = rows.slice(from, to),
        at = from;
      await batch.queue(bytes, () => {
        sheet.getRangeByIndexes(at, 0, block.length, spec.width).values = cellsForExcel(block);
      });
      written += bytes;
      from = to;
    }
  }
  // Formats, by rectangle: a handful of requests-worth of bytes, whatever the row count.
  for (const { sheet, spec } of targets) {
    const ops =
      spec.formats.length +
      spec.fills.length +
      spec.fontColors.length +
      spec.bold.length +
      spec.titles.length +
      spec.wrap.length +
      spec.conditional.length +
      spec.merges.length * 2 + // a merge, and its row's height
      12;
    await batch.queue(FORMAT_OP_BYTES * ops, () => formatSheet(sheet, spec, tableNames));
    for (const chart of spec.charts)
      await batch.queue(FORMAT_OP_BYTES * (6 + chart.series.length * 6), () =>
        addChart(sheet, chart),
      );
  }
  if (targets.length) {
    const first = targets[0];
    if (first.reused) first.sheet.visibility = 'Visible'; // the user may have hidden it: activate() would fail
    first.sheet.activate();
  }
  await batch.flush();
  onProgress(1);
  return { sheets: targets.map((a) => a.name), syncs: batch.syncs, blocks: batch.blocks };
}

/**
 * Empties one of our sheets for a re-run, keeping the sheet itself (its position, its name, the
 * formulas elsewhere that point into it): its table and charts go, then cells and formats,
 * conditional formats and frozen panes. Queued operations only, a handful per sheet.
 */
function clearSheet(ws: Excel.Worksheet, charts: Excel.Chart[], tables: Excel.Table[]): void {
  for (const t of tables) t.delete();
  for (const c of charts) c.delete();
  const all = ws.getRange();
  all.conditionalFormats.clearAll();
  all.unmerge(); // the notes merged by the last run
  all.clear('All');
  ws.freezePanes.unfreeze();
}

function formatSheet(sheet: Excel.Worksheet, spec: SheetSpec, tableNames: Set<string>): void {
  for (const f of spec.formats) range(sheet, f.range).numberFormat = [[f.format]]; // one value fills the range
  for (const f of spec.fills) range(sheet, f.range).format.fill.color = f.color;
  for (const f of spec.fontColors) range(sheet, f.range).format.font.color = f.color;
  for (const r of spec.bold) range(sheet, r).format.font.bold = true;
  for (const r of spec.titles) {
    const font = range(sheet, r).format.font;
    font.bold = true;
    font.size = 14;
  }
  for (const r of spec.wrap) range(sheet, r).format.wrapText = true;
  spec.columnWidths.forEach((w, c) => {
    sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = pointsFromChars(w);
  });
  for (const m of spec.merges) range(sheet, m).merge(false);
  // Excel grows rows for wrapped text (autofit), never for a merged cell: those get their height.
  if (spec.values.length && spec.wrap.length)
    sheet.getRangeByIndexes(0, 0, spec.values.length, Math.max(1, spec.width)).format.autofitRows();
  const mergedRows = new Set(spec.merges.map((m) => m.row));
  for (const h of spec.rowHeights)
    if (mergedRows.has(h.row)) sheet.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.points;
  if (spec.freezeRows && spec.freezeCols)
    sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, spec.freezeRows, spec.freezeCols));
  else if (spec.freezeCols) sheet.freezePanes.freezeColumns(spec.freezeCols);
  else if (spec.freezeRows) sheet.freezePanes.freezeRows(spec.freezeRows);
  if (spec.print) printSetup(sheet, spec, spec.print);
  if (spec.table) {
    const table = sheet.tables.add(range(sheet, spec.table.range), true);
    table.name = freeName(spec.table.name, tableNames).replace(/[^A-Za-z0-9_]/g, '_');
    tableNames.add(table.name);
  }
  for (const c of spec.conditional) {
    const r = range(sheet, c.range);
    if (c.type === 'negative') {
      const cf = r.conditionalFormats.add('CellValue');
      cf.cellValue.format.font.color = LOSS_FONT;
      cf.cellValue.rule = { formula1: '0', operator: 'LessThan' };
    } else if (c.type === 'text') {
      for (const t of c.texts ?? []) {
        const cf = r.conditionalFormats.add('CellValue');
        cf.cellValue.format.fill.color = t.color;
        cf.cellValue.rule = { formula1: `="${t.text.replace(/"/g, '""')}"`, operator: 'EqualTo' };
      }
    } else {
      const cf = r.conditionalFormats.add('ColorScale');
      cf.colorScale.criteria = {
        minimum: { type: 'LowestValue', color: SCALE_COLOURS[0] },
        midpoint: { formula: '0', type: 'Number', color: SCALE_COLOURS[1] },
        maximum: { type: 'HighestValue', color: SCALE_COLOURS[2] },
      };
    }
  }
}

/**
 * Page setup (ExcelApi 1.9): the print area, orientation, `pagesWide` pages wide (and one tall
 * with onePage), the header rows and key columns on every page, the sheet's name above and "Page 1 of 3" below.
 */
function printSetup(sheet: Excel.Worksheet, spec: SheetSpec, p: PrintSpec): void {
  const layout = sheet.pageLayout;
  layout.orientation = p.landscape ? 'Landscape' : 'Portrait';
  // 0 pages tall: as many as it takes (Excel's "Automatic")
  layout.zoom = { horizontalFitToPages: p.pagesWide, verticalFitToPages: p.onePage ? 1 : 0 };
  layout.setPrintArea(range(sheet, p.area));
  if (spec.freezeRows) layout.setPrintTitleRows(`$1:$${spec.freezeRows}`);
  if (p.titleCols) layout.setPrintTitleColumns(`$A:$${columnLetter(p.titleCols - 1)}`);
  layout.headersFooters.defaultForAllPages.centerHeader = PAGE_HEADER;
  layout.headersFooters.defaultForAllPages.centerFooter = PAGE_FOOTER;
}

function addChart(sheet: Excel.Worksheet, spec: SheetSpec['charts'][number]): void {
  const [first, ...rest] = spec.series;
  const chart = sheet.charts.add(CHART_TYPES[spec.type], range(sheet, first.y), 'Columns');
  chart.title.text = spec.title;
  chart.width = pointsFromPixels(spec.width);
  chart.height = pointsFromPixels(spec.height);
  chart.setPosition(sheet.getRangeByIndexes(spec.anchor.row, spec.anchor.col, 1, 1));
  chart.legend.position = 'Bottom';
  if (spec.xTitle) {
    chart.axes.categoryAxis.title.text = spec.xTitle;
  }
  if (spec.yTitle) {
    chart.axes.valueAxis.title.text = spec.yTitle;
  }
  if (spec.xFormat) chart.axes.categoryAxis.numberFormat = spec.xFormat;
  if (spec.yFormat) chart.axes.valueAxis.numberFormat = spec.yFormat;
  const styleSeries = (s: Excel.ChartSeries, def: typeof first) => {
    s.name = def.name;
    s.setXAxisValues(range(sheet, spec.x));
    if (def.color) s.format.line.color = def.color;
    if (def.line === false) s.format.line.lineStyle = 'None';
    s.markerStyle = def.marker ? 'Circle' : 'None';
    if (def.marker && def.color) {
      s.markerBackgroundColor = def.color;
      s.markerForegroundColor = def.color;
    }
  };
  styleSeries(chart.series.getItemAt(0), first);
  for (const def of rest) {
    const s = chart.series.add(def.name);
    s.setValues(range(sheet, def.y));
    styleSeries(s, def);
  }
}
