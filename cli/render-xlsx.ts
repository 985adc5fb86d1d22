/**
 * The xlsx renderer: SheetSpec[] (core/report) → an ExcelJS workbook. One of the three thin
 * renderers of the same sheet descriptions (Office.js, SpreadsheetApp, this one); it decides no
 * content, it only draws values and rectangles. Charts are not drawn here: ExcelJS cannot write
 * them, xlsx-chart.ts adds them to the written file.
 *
 * Strings are safe by construction: ExcelJS stores a JS string as a string cell, never a formula
 * (formulas need `{ formula }` objects), so `=HYPERLINK(…)` in a customer name stays text.
 */
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { columnLetter } from '../core/cell-address.js';
import { LOSS_FONT, SCALE_COLOURS } from '../core/report/colours.js';
import {
  type ConditionalSpec,
  PAGE_FOOTER,
  PAGE_HEADER,
  type Rect,
  type SheetSpec,
} from '../core/report/sheet-spec.js';
import { excelJs } from './excel-js.js';
import { type Parts, streamParts } from './xlsx-parts.js';
import { directSharedStrings, rowWriter } from './xlsx-rows.js';
import { sheetTail } from './xlsx-sheet-tail.js';

/** Per-cell look collected from the spec's rectangles; cells with the same look share one style object. */
interface Look {
  numFmt?: string;
  fill?: string;
  color?: string;
  bold?: boolean;
  title?: boolean;
  wrap?: boolean;
}

const TITLE_SIZE = 14;

/**
 * Extra content a sheet description cannot carry: the template's live formulas (row-major, sparse;
 * without the leading `=`), and drop-down lists on cells.
 */
export interface SheetExtras {
  formulas?: (string | undefined)[][];
  lists?: { cell: string; values: string[] }[];
}

/** How xlsxBytes writes: see there. */
export interface XlsxOptions {
  extras?: Map<string, SheetExtras>;
  /** Workbook names: `{ name: 'Revenue', ref: 'Customers!$C$5:$C$1004' }`. */
  names?: { name: string; ref: string }[];
  onSheet?: (done: number, total: number, next: string) => void;
  /** Charts and tables, written into the same zip as it streams (xlsx-parts.ts). */
  parts?: Parts;
  /** 'exceljs': rows and shared strings through ExcelJS's own writers (the reference; tests). */
  writer?: Writer;
}

/** 'direct': rows and shared strings as XML strings (xlsx-rows.ts); 'exceljs': ExcelJS's own. */
export type Writer = 'direct' | 'exceljs';

/**
 * Renders the sheets into a streaming ExcelJS writer and returns the xlsx bytes. Streaming, because
 * the in-memory workbook took 35 s and 1 GB for 100k customers (measured); rows are written in
 * order and committed, so every look is resolved per row.
 */
export async function xlsxBytes(
  sheets: SheetSpec[],
  {
    extras = new Map(),
    names = [],
    onSheet = () => {},
    parts = { files: [], links: [] },
    writer = 'direct',
  }: XlsxOptions = {},
): Promise<Uint8Array> {
  let check = () => {};
  const bytes = await streamWorkbook(
    names,
    (wb) => {
      const stream = streamParts(wb, parts);
      check = stream.check;
      for (const [i, spec] of sheets.entries()) {
        onSheet(i, sheets.length, spec.name);
        const ws = renderSheet(wb, spec, extras.get(spec.name), writer);
        stream.linkSheet(ws);
        ws.commit();
      }
    },
    writer,
  );
  check();
  return bytes;
}

/**
 * A streaming ExcelJS workbook (shared strings, styles, the given workbook names) into memory:
 * `draw` adds and commits the sheets, in order; returns the xlsx bytes.
 */
export async function streamWorkbook(
  names: { name: string; ref: string }[],
  draw: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>,
  writer: Writer = 'direct',
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const XL = await excelJs();
  const wb = new XL.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
  });
  if (writer === 'direct') directSharedStrings(wb);
  // every sheet's last elements in the schema's order, which ExcelJS does not keep
  const add = wb.addWorksheet.bind(wb);
  wb.addWorksheet = (...args: Parameters<typeof add>) => {
    const ws = add(...args);
    sheetTail(ws);
    return ws;
  };
  wb.creator = 'Profit Tiers';
  for (const n of names) wb.definedNames.add(n.ref, n.name);
  await draw(wb);
  await wb.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Draws one sheet: values (formulas where given), looks by rectangle, widths, filter, rules.
 * `rows: 'exceljs'` writes every row through ExcelJS's own row writer, the reference the direct
 * one (xlsx-rows.ts) must match byte for byte.
 */
export function renderSheet(
  wb: ExcelJS.Workbook,
  spec: SheetSpec,
  extras: SheetExtras = {},
  rows: Writer = 'direct',
): ExcelJS.Worksheet {
  const frozen = spec.freezeRows || spec.freezeCols;
  const ws = wb.addWorksheet(spec.name, {
    ...(frozen
      ? {
          views: [
            {
              state: 'frozen',
              ...(spec.freezeCols ? { xSplit: spec.freezeCols } : {}),
              ...(spec.freezeRows ? { ySplit: spec.freezeRows } : {}),
            },
          ],
        }
      : {}),
    pageSetup: pageSetup(spec),
    // the sheet's name on top of every page, "Page 2 of 5" below (PAGE_HEADER, PAGE_FOOTER)
    ...(spec.print
      ? { headerFooter: { oddHeader: `&C${PAGE_HEADER}`, oddFooter: `&C${PAGE_FOOTER}` } }
      : {}),
  });
  spec.columnWidths.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
  if (spec.table && spec.table.range.rows > 0) {
    // Filter buttons; write-report.ts makes this range an Excel table instead when it has rows
    // (xlsx-table.ts: ExcelJS's streaming writer has no tables).
    ws.autoFilter = a1(spec.table.range);
  }
  for (const cf of spec.conditional) ws.addConditionalFormatting(conditional(cf));
  for (const m of spec.merges) ws.mergeCells(a1(m));
  const heights = new Map(spec.rowHeights.map((h) => [h.row, h.points]));
  for (const l of extras.lists ?? []) {
    (
      ws as unknown as { dataValidations: { add(cell: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add(l.cell, {
      type: 'list',
      allowBlank: false,
      formulae: [`"${l.values.join(',')}"`],
    });
  }
  const styleRow = rowStyles(lookLayers(spec));
  const direct = rows === 'direct' ? rowWriter(ws) : null;
  const height = Math.max(spec.values.length, extras.formulas?.length ?? 0);
  for (let r = 0; r < height; r++) {
    const values = spec.values[r] ?? [],
      formulas = extras.formulas?.[r];
    const styles = styleRow(r);
    // Rows with formulas, and rows ExcelJS already holds (the cells of a merge), go through ExcelJS.
    if (direct && !formulas?.some((f) => f !== undefined) && !ws.findRow(r + 1)) {
      direct.row(r + 1, values, styles, heights.get(r), NO_LOOK);
      continue;
    }
    direct?.flush();
    const row = ws.getRow(r + 1);
    const width = Math.max(values.length, formulas?.length ?? 0, styles.length);
    for (let c = 0; c < width; c++) {
      const f = formulas?.[c],
        v = values[c],
        style = styles[c];
      const value = f !== undefined || (v !== null && v !== undefined);
      if (!value && !style) continue;
      const cell = row.getCell(c + 1);
      if (f !== undefined) cell.value = { formula: f } as ExcelJS.CellFormulaValue;
      else if (value) cell.value = v; // a JS string is always a text cell
      // One shared, never-mutated object per look (assigning, not mutating, avoids ExcelJS's
      // shared-style trap); ExcelJS remembers the id of a style object it has seen, so a cell
      // without a look shares one too instead of ExcelJS's fresh {} per cell.
      cell.style = style ?? NO_LOOK;
    }
    const points = heights.get(r);
    if (points !== undefined) row.height = points;
    row.commit();
  }
  direct?.flush();
  return ws;
}

const NO_LOOK: Partial<ExcelJS.Style> = {};

/**
 * Row → the style of each column (sparse), one shared object per distinct look. Rows covered by
 * the same rectangles share one array: the per-cell looks are worked out once per kind of row,
 * not for each of 100,000 rows.
 */
function rowStyles(
  layers: ReturnType<typeof lookLayers>,
): (r: number) => (Partial<ExcelJS.Style> | undefined)[] {
  const byKey = new Map<string, Partial<ExcelJS.Style>>();
  const byRowKind = new Map<string, (Partial<ExcelJS.Style> | undefined)[]>();
  return (r) => {
    let kind = '';
    layers.forEach(({ range }, i) => {
      if (r >= range.row && r < range.row + range.rows) kind += `${i},`;
    });
    let out = byRowKind.get(kind);
    if (!out) {
      out = [];
      for (const [c, l] of looksOfRow(layers, r)) {
        const key = `${l.numFmt}|${l.fill}|${l.color}|${l.bold}|${l.title}|${l.wrap}`;
        let style = byKey.get(key);
        if (!style) {
          style = toStyle(l);
          byKey.set(key, style);
        }
        out[c] = style;
      }
      byRowKind.set(kind, out);
    }
    return out;
  };
}

/**
 * Printed (and PDF) pages: the print area, landscape or portrait, `pagesWide` pages wide (and one
 * tall with `onePage`), the frozen header rows and the key columns repeated on every page.
 */
function pageSetup(spec: SheetSpec): Partial<ExcelJS.PageSetup> {
  const p = spec.print;
  return {
    orientation: !p || p.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: p?.pagesWide ?? 1,
    fitToHeight: p?.onePage ? 1 : 0,
    // always "from:to": ExcelJS splits the print area at its colon
    ...(p ? { printArea: `${a1({ ...p.area, rows: 1, cols: 1 })}:${a1(lastCell(p.area))}` } : {}),
    ...(spec.freezeRows ? { printTitlesRow: `1:${spec.freezeRows}` } : {}),
    ...(p?.titleCols ? { printTitlesColumn: `A:${columnLetter(p.titleCols - 1)}` } : {}),
  };
}

/** The spec's rectangles as one list of painters, applied in order (later wins). */
function lookLayers(spec: SheetSpec): { range: Rect; paint: (l: Look) => void }[] {
  return [
    ...spec.formats.map((x) => ({
      range: x.range,
      paint: (l: Look) => {
        l.numFmt = x.format;
      },
    })),
    ...spec.fills.map((x) => ({
      range: x.range,
      paint: (l: Look) => {
        l.fill = argb(x.color);
      },
    })),
    ...spec.fontColors.map((x) => ({
      range: x.range,
      paint: (l: Look) => {
        l.color = argb(x.color);
      },
    })),
    ...spec.bold.map((range) => ({
      range,
      paint: (l: Look) => {
        l.bold = true;
      },
    })),
    ...spec.titles.map((range) => ({
      range,
      paint: (l: Look) => {
        l.title = true;
        l.bold = true;
      },
    })),
    ...spec.wrap.map((range) => ({
      range,
      paint: (l: Look) => {
        l.wrap = true;
      },
    })),
  ];
}

function looksOfRow(layers: ReturnType<typeof lookLayers>, r: number): Map<number, Look> {
  const out = new Map<number, Look>();
  for (const { range, paint } of layers) {
    if (r < range.row || r >= range.row + range.rows) continue;
    for (let c = range.col; c < range.col + range.cols; c++) {
      let l = out.get(c);
      if (!l) {
        l = {};
        out.set(c, l);
      }
      paint(l);
    }
  }
  return out;
}

function toStyle(l: Look): Partial<ExcelJS.Style> {
  const s: Partial<ExcelJS.Style> = {};
  if (l.numFmt) s.numFmt = l.numFmt;
  if (l.fill) s.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: l.fill } };
  if (l.color || l.bold || l.title) {
    // Name and size always: a font without them falls back to a serif face in LibreOffice.
    s.font = {
      name: 'Calibri',
      size: l.title ? TITLE_SIZE : 11,
      ...(l.bold ? { bold: true } : {}),
      ...(l.color ? { color: { argb: l.color } } : {}),
    };
  }
  if (l.wrap) s.alignment = { wrapText: true };
  return s;
}

function conditional(cf: ConditionalSpec): ExcelJS.ConditionalFormattingOptions {
  const ref = a1(cf.range);
  if (cf.type === 'negative') {
    return {
      ref,
      rules: [
        {
          type: 'cellIs',
          operator: 'lessThan',
          formulae: [0],
          priority: 1,
          style: { font: { color: { argb: argb(LOSS_FONT) } } },
        },
      ],
    };
  }
  if (cf.type === 'text') {
    return {
      ref,
      rules: (cf.texts ?? []).map((t, i) => ({
        type: 'cellIs',
        operator: 'equal',
        formulae: [`"${t.text.replace(/"/g, '""')}"`],
        priority: i + 1,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(t.color) } } },
      })),
    };
  }
  return {
    ref,
    rules: [
      {
        type: 'colorScale',
        priority: 1,
        cfvo: [{ type: 'min' }, { type: 'num', value: 0 }, { type: 'max' }],
        color: SCALE_COLOURS.map((c) => ({ argb: argb(c) })),
      },
    ],
  };
}

/** '#1F4E5F' → 'FF1F4E5F'. */
export function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

const lastCell = (r: Rect): Rect => ({
  row: r.row + r.rows - 1,
  col: r.col + r.cols - 1,
  rows: 1,
  cols: 1,
});

/** A rectangle as an A1 range: rect(1, 0, 3, 2) → 'A2:B4'. */
export function a1(r: Rect): string {
  const from = `${columnLetter(r.col)}${r.row + 1}`;
  const to = `${columnLetter(r.col + r.cols - 1)}${r.row + r.rows}`;
  return from === to ? from : `${from}:${to}`;
}
