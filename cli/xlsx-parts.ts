/**
 * Small helpers for adding parts to an xlsx file (a zip of XML) after ExcelJS wrote it: charts
 * (xlsx-chart.ts) and tables (xlsx-table.ts), which ExcelJS's streaming writer cannot write.
 */
import type JSZip from 'jszip';
import { jsZip } from './jszip.js';

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

export const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

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
