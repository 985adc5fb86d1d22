/**
 * Adding parts to an xlsx file (a zip of XML) that ExcelJS's streaming writer cannot write:
 * charts (xlsx-chart.ts) and tables (xlsx-table.ts). A part set is built once and then either
 * written into ExcelJS's own zip while it streams (`streamParts`, the report: no second pass over
 * the sheets) or added to a written file opened with JSZip (`addParts`, the template, which edits
 * its file afterwards anyway).
 */
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { jsZip } from './jszip.js';
import { type SheetTail, sheetTail, type TailElement, WORKSHEET_TAIL } from './xlsx-sheet-tail.js';

/** New parts of a workbook and the links from its sheets to them. */
export interface Parts {
  /** Path inside the zip (`xl/charts/chart1.xml`), XML, and the content type when it needs an override. */
  files: { path: string; xml: string; contentType?: string }[];
  links: SheetLink[];
}

/** A relationship from a sheet to a new part, and the sheet element that names it by its id. */
export interface SheetLink {
  sheet: string;
  /** Relationship type URI. */
  type: string;
  /** Relative to the sheet's folder: `../tables/table1.xml`. */
  target: string;
  /** The element's name: its place in the worksheet (WORKSHEET_TAIL). */
  tag: TailElement;
  element: (rId: string) => string;
  /** A table brings its own filter: a sheet-level autoFilter as well corrupts the file for Excel. */
  dropAutoFilter?: boolean;
}

export function joinParts(...sets: Parts[]): Parts {
  return { files: sets.flatMap((s) => s.files), links: sets.flatMap((s) => s.links) };
}

/**
 * Opens an xlsx file once, applies the edits in order, and zips it once: each pass over a
 * million-row sheet costs seconds.
 */
export async function editXlsx(
  xlsx: Uint8Array,
  ...edits: ((zip: JSZip) => Promise<void>)[]
): Promise<Uint8Array> {
  const zip = await (await jsZip()).loadAsync(xlsx);
  for (const edit of edits) await edit(zip);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Adds `parts` to an opened xlsx file (see editXlsx). */
export async function addParts(zip: JSZip, parts: Parts): Promise<void> {
  if (parts.files.length === 0 && parts.links.length === 0) return;
  let types = await text(zip, '[Content_Types].xml');
  for (const f of parts.files) {
    if (zip.file(f.path)) throw new Error(`addParts: the workbook already has ${f.path}`);
    zip.file(f.path, f.xml);
    if (f.contentType) types = addOverride(types, `/${f.path}`, f.contentType);
  }
  zip.file('[Content_Types].xml', types);
  const sheetFiles = await sheetPaths(zip);
  for (const [sheet, links] of bySheet(parts.links)) {
    const sheetPath = sheetFiles.get(sheet);
    if (!sheetPath) throw new Error(`addParts: no sheet "${sheet}" in the workbook`);
    const relsPath = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
    let sheetRels = zip.file(relsPath) ? await text(zip, relsPath) : rels([]);
    let xml = await text(zip, sheetPath);
    if (links.some((l) => l.dropAutoFilter))
      xml = xml.replace(/<autoFilter\b[^>]*?(\/>|>[\s\S]*?<\/autoFilter>)/, '');
    if (!xml.includes('xmlns:r='))
      xml = xml.replace('<worksheet ', `<worksheet xmlns:r="${R_NS}" `);
    for (const l of links) {
      let n = 1;
      while (sheetRels.includes(`Id="rId${n}"`)) n++;
      sheetRels = sheetRels.replace(
        '</Relationships>',
        `<Relationship Id="rId${n}" Type="${l.type}" Target="${l.target}"/></Relationships>`,
      );
      xml = insertInTail(xml, l.tag, l.element(`rId${n}`));
    }
    zip.file(relsPath, sheetRels);
    zip.file(sheetPath, xml);
  }
}

/** Puts `el` before the first element that must follow a `tag` element, else before `</worksheet>`. */
function insertInTail(sheetXml: string, tag: SheetLink['tag'], el: string): string {
  for (const name of WORKSHEET_TAIL.slice(WORKSHEET_TAIL.indexOf(tag) + 1)) {
    const i = sheetXml.lastIndexOf(`<${name}`);
    if (i >= 0) return sheetXml.slice(0, i) + el + sheetXml.slice(i);
  }
  const end = sheetXml.lastIndexOf('</worksheet>');
  return sheetXml.slice(0, end) + el + sheetXml.slice(end);
}

/** What ExcelJS's streaming writer keeps to itself and `streamParts` hooks into (exceljs 4.4). */
interface StreamingInternals {
  zip: { append(source: unknown, data: { name: string }): unknown };
}
interface SheetWriterInternals {
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  autoFilter: unknown;
}

/**
 * Writes `parts` into a streaming ExcelJS workbook as it is written, so the file is zipped once by
 * ExcelJS (native deflate) instead of inflated and deflated again in JavaScript (about 4 s and
 * 300 MB at 100,000 customers, measured). Call before the first sheet is committed; each sheet
 * with links must go through `linkSheet` before its commit. Returns a check to run after
 * `wb.commit()`: it throws when a hook did not fire (an ExcelJS that works differently), so a
 * broken file is never reported as written.
 */
export function streamParts(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  parts: Parts,
): { linkSheet(ws: ExcelJS.Worksheet): void; check(): void } {
  const zip = (wb as unknown as StreamingInternals).zip;
  const append = zip.append.bind(zip);
  let typed = parts.files.every((f) => !f.contentType);
  zip.append = (source, data) => {
    if (data.name !== '[Content_Types].xml' || typeof source !== 'string')
      return append(source, data);
    typed = true;
    return append(
      parts.files.reduce(
        (types, f) => (f.contentType ? addOverride(types, `/${f.path}`, f.contentType) : types),
        source,
      ),
      data,
    );
  };
  for (const f of parts.files) append(f.xml, { name: f.path });
  const links = bySheet(parts.links);
  const tails: SheetTail[] = [];
  return {
    linkSheet(ws) {
      const mine = links.get(ws.name);
      if (!mine) return;
      const w = ws as unknown as SheetWriterInternals;
      const tail = sheetTail(ws); // puts the elements in their places (xlsx-sheet-tail.ts)
      for (const l of mine)
        tail.extra.push(
          l.element(w._sheetRelsWriter.addRelationship({ Type: l.type, Target: l.target })),
        );
      if (mine.some((l) => l.dropAutoFilter)) w.autoFilter = null;
      tails.push(tail);
    },
    check() {
      if (!typed || tails.length < links.size || tails.some((t) => !t.written))
        throw new Error(
          "xlsx: the charts and tables were not all written into the workbook; does ExcelJS's streaming writer still work as in 4.4?",
        );
    },
  };
}

function bySheet(links: SheetLink[]): Map<string, SheetLink[]> {
  const out = new Map<string, SheetLink[]>();
  for (const l of links) out.set(l.sheet, [...(out.get(l.sheet) ?? []), l]);
  return out;
}

export const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Sheet name → part path, from workbook.xml and its rels. */
export async function sheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const wb = await text(zip, 'xl/workbook.xml'),
    wbRels = await text(zip, 'xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1],
      target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1],
      id = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && id && targets.has(id)) out.set(unescapeXml(name), targets.get(id)!);
  }
  return out;
}

export function rels(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">${items.join('')}</Relationships>`;
}

export function addOverride(types: string, part: string, contentType: string): string {
  return types.replace(
    '</Types>',
    `<Override PartName="${part}" ContentType="${contentType}"/></Types>`,
  );
}

export async function text(zip: JSZip, path: string): Promise<string> {
  const f = zip.file(path);
  if (!f) throw new Error(`xlsx: the workbook has no ${path}`);
  return f.async('string');
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
