/**
 * Today's (until issue 16) reader, kept verbatim as the oracle of the differential test: the whole
 * workbook loaded with ExcelJS (`wb.xlsx.load`). Not used by the product.
 */
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { excelJs } from '../../cli/excel-js.js';
import { jsZip } from '../../cli/jszip.js';
import { NO_CACHED_VALUE, SheetNotFound, type XlsxSheet } from '../../cli/read-xlsx.js';
import { sheetPaths } from '../../cli/xlsx-parts.js';
import type { UnreadCell } from '../../core/read-rows.js';
import type { CellValue } from '../../core/types.js';

/**
 * Reads one sheet: `sheet` by name, or else the first visible sheet for which `holdsTable` is
 * true (hidden sheets never); when none is, the error lists the sheets and mentions --sheet.
 */
export async function readXlsxWhole(
  bytes: Uint8Array,
  options: { sheet?: string; holdsTable?: (values: CellValue[][]) => boolean; zip?: JSZip } = {},
): Promise<XlsxSheet> {
  const XL = await excelJs();
  const wb = new XL.Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never, {
    ignoreNodes: ['tableParts'],
  });
  const all = wb.worksheets;
  const hidden = (w: ExcelJS.Worksheet) => w.state === 'hidden' || w.state === 'veryHidden';
  const list = all.map((w) => `"${w.name}"${hidden(w) ? ' (hidden)' : ''}`).join(', ');
  const read = (ws: ExcelJS.Worksheet) => sheetValues(ws, bytes, options.zip);
  if (options.sheet !== undefined) {
    const wanted = options.sheet.toLowerCase();
    const ws = wb.getWorksheet(options.sheet) ?? all.find((w) => w.name.toLowerCase() === wanted);
    if (!ws) throw new SheetNotFound(`no sheet "${options.sheet}" (sheets: ${list})`);
    return read(ws);
  }
  if (all.length === 0) throw new SheetNotFound('the workbook has no sheets');
  const visible = all.filter((w) => !hidden(w));
  for (const [i, ws] of visible.entries()) {
    const t = await read(ws);
    if (options.holdsTable && !options.holdsTable(t.values)) continue;
    if (ws === all[0]) return t;
    const skipped = visible.slice(0, i).map((w) => `"${w.name}"`);
    return {
      ...t,
      note: `read sheet "${ws.name}", the first visible sheet with a customer table${skipped.length ? ` (${skipped.join(', ')} ${skipped.length === 1 ? 'holds' : 'hold'} none)` : ''}`,
    };
  }
  // One sheet and nothing hidden: the core says what its header lacks.
  if (all.length === 1) return read(all[0]);
  throw new SheetNotFound(
    `no visible sheet holds a customer table (a header with a customer and a revenue column); sheets: ${list}; name the one to read with --sheet NAME`,
  );
}

async function sheetValues(
  ws: ExcelJS.Worksheet,
  bytes: Uint8Array,
  zip: JSZip | undefined,
): Promise<XlsxSheet> {
  const XL = await excelJs();
  const values: CellValue[][] = [];
  const width = ws.columnCount;
  const noResult: { row: number; column: number; address: string }[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out: CellValue[] = new Array(width).fill(null);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === XL.ValueType.Merge) return; // read once, in the merge's top-left cell
      if (cell.type === XL.ValueType.Formula) {
        // ExcelJS leaves a cached result of 0 out of cell.value, so read cell.result
        const result = cell.result as ExcelJS.CellValue | undefined;
        if (result === undefined)
          noResult.push({ row: r - 1, column: c - 1, address: cell.address });
        else out[c - 1] = plain(result);
      } else out[c - 1] = plain(cell.value);
    });
    values.push(out);
  }
  const unread: UnreadCell[] = [];
  if (noResult.length) {
    // ExcelJS gives an empty cached text (<v></v>, a formula returning "") no result either
    const empty = await cachedEmpty(
      zip ?? (await (await jsZip()).loadAsync(bytes)),
      ws.name,
      noResult,
    );
    for (const f of noResult)
      if (!empty.has(f.address))
        unread.push({ row: f.row, column: f.column, reason: NO_CACHED_VALUE });
  }
  return { values, sheet: ws.name, unread };
}

/** The addresses among `cells` whose XML holds a cached value element, empty (`<v></v>`, `<v/>`). */
async function cachedEmpty(
  zip: JSZip,
  sheet: string,
  cells: { address: string }[],
): Promise<Set<string>> {
  const path = (await sheetPaths(zip).catch(() => new Map<string, string>())).get(sheet);
  const xml = path ? await zip.file(path)?.async('string') : undefined;
  const found = new Set<string>();
  if (!xml) return found;
  const wanted = new Set(cells.map((c) => c.address));
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const address = /\br="([A-Z]+[0-9]+)"/.exec(m[1])?.[1];
    if (address && wanted.has(address) && m[2] !== undefined && /<v\s*\/>|<v>/.test(m[2]))
      found.add(address);
  }
  return found;
}

function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('error' in v) return String(v.error);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plain(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('sharedFormula' in v || 'formula' in v) return null;
  }
  return String(v);
}
