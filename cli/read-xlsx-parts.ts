/**
 * The workbook-level parts of an xlsx file that reading one sheet needs, parsed by ExcelJS's own
 * streaming parsers (the xforms and SAX helper its readers use), so every rule is the one its
 * whole-workbook load applies: the sheet list (order, names, hidden state, part paths, chart
 * sheets left out), the 1904 date system, the shared strings, and which cell styles are dates.
 * Parts are read from the zip in the order they are needed, whatever their order in the file
 * (Excel and ExcelJS write sharedStrings.xml after the sheets, which makes ExcelJS's
 * WorkbookReader spill every sheet to a temporary file first).
 */
import { createRequire } from 'node:module';
import type JSZip from 'jszip';

export interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: { name: string; attributes: Record<string, string> } | string;
}

interface ExcelJsParts {
  parseSax(text: AsyncIterable<string>): AsyncIterable<SaxEvent[]>;
  utils: {
    xmlDecode(s: string): string;
    isDateFmt(format: string | undefined): boolean;
    excelToDate(serial: number, date1904?: boolean): Date;
  };
  WorkbookXform: new () => {
    parseStream(text: AsyncIterable<string>): Promise<{
      sheets?: { name: string; rId: string; state?: string }[];
      properties?: { date1904?: boolean };
    }>;
  };
  RelationshipsXform: new () => {
    parseStream(
      text: AsyncIterable<string>,
    ): Promise<{ Id: string; Target: string; Type?: string; TargetMode?: string }[]>;
  };
  SharedStringsXform: new () => {
    parseStream(text: AsyncIterable<string>): Promise<unknown>;
    getString(i: number): string | { richText: { text?: string }[] } | undefined;
  };
  StylesXform: new () => {
    parseStream(text: AsyncIterable<string>): Promise<unknown>;
    getStyleModel(id: number): { numFmt?: string } | null;
    /** The cell formats (cellXfs) as parsed. */
    model?: { styles?: ({ numFmtId?: number } | undefined)[] };
  };
}

let parts: ExcelJsParts | undefined;

/** ExcelJS's parsers, loaded on first use (the CLI loads ExcelJS only when a workbook is read). */
export function excelJsParts(): ExcelJsParts {
  if (parts) return parts;
  const require = createRequire(import.meta.url);
  const lib = (path: string) => require(`exceljs/lib/${path}`);
  parts = {
    parseSax: lib('utils/parse-sax.js'),
    utils: lib('utils/utils.js'),
    WorkbookXform: lib('xlsx/xform/book/workbook-xform.js'),
    RelationshipsXform: lib('xlsx/xform/core/relationships-xform.js'),
    SharedStringsXform: lib('xlsx/xform/strings/shared-strings-xform.js'),
    StylesXform: lib('xlsx/xform/style/styles-xform.js'),
  };
  return parts;
}

/**
 * A part's text as it inflates, decoded across chunk boundaries (ExcelJS's own stream decoding
 * splits a character whose bytes straddle two chunks), with the main namespace's prefix taken off
 * element names when the part uses one (`<x:c>`, as .NET's OpenXML SDK writes: ExcelJS's parsers
 * know elements by their local names); undefined when the part is missing. `path` is looked up
 * as OPC names parts, without regard to case.
 */
export function partText(zip: JSZip, path: string): AsyncIterable<string> | undefined {
  const file = zipEntry(zip, path);
  if (!file) return undefined;
  return unprefixed(
    path,
    (async function* () {
      const decoder = new TextDecoder();
      for await (const chunk of inflate(file)) {
        const s = decoder.decode(chunk, { stream: true });
        if (s) yield s;
      }
      const tail = decoder.decode();
      if (tail) yield tail;
    })(),
  );
}

/** The zip entry of a part name, matched exactly, else without regard to case (OPC's rule). */
export function zipEntry(zip: JSZip, path: string): JSZip.JSZipObject | undefined {
  const exact = zip.file(path);
  if (exact) return exact;
  const wanted = path.toLowerCase();
  return Object.values(zip.files).find((f) => !f.dir && f.name.toLowerCase() === wanted);
}

/** The namespaces whose prefix, on a part's root element, is taken off every element name. */
const MAIN_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main', // Strict OOXML
  'http://schemas.openxmlformats.org/package/2006/relationships',
]);

/**
 * XML text with `<p:name` and `</p:name` turned into `<name` and `</name` when the root element
 * is `p:name` with `p` bound to a main namespace; unchanged, chunk for chunk, otherwise. Throws
 * when the text ends before the root element does: a part cut short (its SAX parser would just
 * stop, and the rows after the cut would be missing without a word).
 */
async function* unprefixed(path: string, text: AsyncIterable<string>): AsyncIterable<string> {
  let head = '';
  let strip: RegExp | undefined;
  let root: RegExpExecArray | null = null;
  let end = ''; // the text's last characters, to see the root element close
  for await (const chunk of text) {
    end = (end.length > 256 ? end.slice(-256) : end) + chunk.slice(-256);
    if (root && !strip) {
      yield chunk;
      continue;
    }
    head += chunk;
    if (!root) {
      // the root element: the first start tag that is not a declaration, comment or instruction
      root = /<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?(\s[^>]*)?>/.exec(
        head.replace(/<[?!][^>]*>/g, (m) => ' '.repeat(m.length)),
      );
      if (!root) continue;
      const prefix = root[2] === undefined ? undefined : root[1];
      const ns =
        prefix && new RegExp(`xmlns:${prefix}\\s*=\\s*["']([^"']*)["']`).exec(root[3] ?? '');
      if (prefix && ns && MAIN_NAMESPACES.has(ns[1])) strip = new RegExp(`<(/?)${prefix}:`, 'g');
      if (!strip) {
        yield head;
        head = '';
        continue;
      }
    }
    // a tag cut at the chunk's end waits for the next chunk
    const cut = head.lastIndexOf('<');
    const keep = cut >= 0 && head.indexOf('>', cut) < 0 ? cut : head.length;
    const out = head.slice(0, keep).replace(strip as RegExp, '<$1');
    head = head.slice(keep);
    if (out) yield out;
  }
  if (head) yield strip ? head.replace(strip, '<$1') : head;
  if (root && !root[0].endsWith('/>')) {
    const name = root[2] === undefined ? root[1] : `${root[1]}:${root[2]}`;
    const last = end.replace(/(<!--[\s\S]*?-->|\s)*$/, '');
    if (!last.endsWith(`</${name}>`) && !new RegExp(`</${name}\\s+>$`).test(last))
      throw new Error(`${path} is cut short (it ends before </${name}>)`);
  }
}

/** JSZip's StreamHelper (public in its documentation, missing from its types). */
interface JSZipStream {
  on(event: 'data', f: (chunk: Uint8Array) => void): JSZipStream;
  on(event: 'error', f: (e: Error) => void): JSZipStream;
  on(event: 'end', f: () => void): JSZipStream;
  pause(): JSZipStream;
  resume(): JSZipStream;
}

/** A zip entry's bytes as they inflate (JSZip's own stream: its node stream is not in every build). */
async function* inflate(file: JSZip.JSZipObject): AsyncIterable<Uint8Array> {
  const queue: Uint8Array[] = [];
  let done = false,
    failed: Error | undefined,
    wake: (() => void) | undefined;
  const stream = (file as unknown as { internalStream(type: 'uint8array'): JSZipStream })
    .internalStream('uint8array')
    .on('data', (chunk: Uint8Array) => {
      queue.push(chunk);
      if (queue.length >= 16) stream.pause(); // bounded: inflate no faster than it is parsed
      wake?.();
    })
    .on('error', (e: Error) => {
      failed = e;
      wake?.();
    })
    .on('end', () => {
      done = true;
      wake?.();
    });
  stream.resume();
  for (;;) {
    if (queue.length) {
      yield queue.shift() as Uint8Array;
      if (queue.length === 0 && !done) stream.resume();
      continue;
    }
    if (failed) throw failed;
    if (done) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
  }
}

export interface SheetPart {
  name: string;
  hidden: boolean;
  /** The sheet's XML part in the zip, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

export interface Workbook {
  /** Worksheets in workbook order (chart sheets and parts ExcelJS does not read left out). */
  sheets: SheetPart[];
  date1904: boolean;
  /** The shared strings and styles parts, where the workbook's relationships put them. */
  sharedStrings: string;
  styles: string;
}

/**
 * A relationship's target → the part's name in the zip: absolute (`/xl/worksheets/sheet1.xml`,
 * as openpyxl writes) or relative to the folder of the part that names it, `..` resolved.
 */
export function partName(base: string, target: string): string {
  const path = target.trim().startsWith('/') ? target.trim() : `${base}/${target.trim()}`;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** The relationships of a part (by id: type and part name); none when it has no .rels part. */
async function relationships(
  zip: JSZip,
  part: string,
): Promise<Map<string, { type: string; path: string }>> {
  const slash = part.lastIndexOf('/');
  const dir = part.slice(0, Math.max(slash, 0));
  const text = partText(zip, `${dir ? `${dir}/` : ''}_rels/${part.slice(slash + 1)}.rels`);
  const rels = text ? await new (excelJsParts().RelationshipsXform)().parseStream(text) : [];
  return new Map(
    (rels ?? [])
      .filter((r) => r?.Target !== undefined && r.TargetMode !== 'External')
      .map((r) => [r.Id, { type: String(r.Type ?? ''), path: partName(dir, r.Target) }]),
  );
}

/** The first relationship of a type (`worksheet`, `styles`: the end of its type URI). */
const ofType = (rels: Map<string, { type: string; path: string }>, type: string) =>
  [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.path;

/**
 * The worksheets as a spreadsheet lists them: each `<sheet>` of the workbook part whose
 * relationship is a worksheet the zip holds, wherever the part is and whatever its name (ExcelJS's
 * whole load, the reader before, knew only parts named `xl/worksheets/sheetN.xml`).
 */
export async function readWorkbook(zip: JSZip): Promise<Workbook> {
  const X = excelJsParts();
  const book = ofType(await relationships(zip, ''), 'officeDocument') ?? 'xl/workbook.xml';
  const wbText = partText(zip, book) ?? partText(zip, 'xl/workbook.xml');
  if (!wbText) throw new Error(`the workbook has no ${book}`);
  const wb = await new X.WorkbookXform().parseStream(wbText);
  if (!wb) throw new Error(`${book} holds no workbook`);
  const rels = await relationships(zip, book);
  const sheets: SheetPart[] = [];
  for (const s of wb.sheets ?? []) {
    const rel = rels.get(s.rId);
    if (rel === undefined || !zipEntry(zip, rel.path)) continue;
    const worksheet = rel.type
      ? rel.type.endsWith('/worksheet')
      : /^xl\/worksheets\/sheet\d+[.]xml$/i.test(rel.path);
    if (!worksheet) continue; // a chart sheet, a dialog or macro sheet: no cells to read
    const name = String(s.name);
    sheets.push({
      name,
      hidden: s.state === 'hidden' || s.state === 'veryHidden',
      path: rel.path,
    });
  }
  const dir = book.slice(0, Math.max(book.lastIndexOf('/'), 0));
  return {
    sheets,
    date1904: Boolean(wb.properties?.date1904),
    sharedStrings: ofType(rels, 'sharedStrings') ?? partName(dir, 'sharedStrings.xml'),
    styles: ofType(rels, 'styles') ?? partName(dir, 'styles.xml'),
  };
}

/** Shared strings (a string, or rich text as runs) by index, and whether a style is a date format. */
export interface CellParts {
  sharedString(i: number): string | { richText: { text?: string }[] } | undefined;
  /** False when the workbook has no shared strings part (a cell's index is then its value). */
  hasSharedStrings: boolean;
  isDate(styleId: number): boolean;
}

export async function readCellParts(
  zip: JSZip,
  parts: { sharedStrings: string; styles: string },
): Promise<CellParts> {
  const X = excelJsParts();
  const ssText = partText(zip, parts.sharedStrings);
  const ss = new X.SharedStringsXform();
  if (ssText) await ss.parseStream(ssText);
  const stText = partText(zip, parts.styles);
  const styles = stText ? new X.StylesXform() : undefined;
  // the format codes as written: ExcelJS takes their escapes off (`0\ \h` → `0 h`)
  const codes = new Map<number, string>();
  let head = '';
  if (styles && stText)
    await styles.parseStream(
      (async function* () {
        for await (const chunk of stText) {
          if (head.length < 1 << 20 && !head.includes('</numFmts>')) head += chunk;
          yield chunk;
        }
      })(),
    );
  for (const m of head.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)>/g)) {
    const id = /\bnumFmtId\s*=\s*["'](\d+)["']/.exec(m[1]);
    const code = /\bformatCode\s*=\s*"([^"]*)"|\bformatCode\s*=\s*'([^']*)'/.exec(m[1]);
    if (id && code) codes.set(Number(id[1]), excelJsParts().utils.xmlDecode(code[1] ?? code[2]));
  }
  // a part whose root is not the one expected leaves its parser without a model, which would
  // fail cell by cell on a TypeError
  const holds = (f: () => unknown, part: string, what: string) => {
    try {
      f();
    } catch {
      throw new Error(`${part} holds no ${what}`);
    }
  };
  if (ssText) holds(() => ss.getString(0), parts.sharedStrings, 'shared strings (<sst>)');
  if (styles) holds(() => styles.getStyleModel(0), parts.styles, 'style sheet (<styleSheet>)');
  const dates = new Map<number, boolean>();
  return {
    sharedString: (i) => ss.getString(i),
    hasSharedStrings: ssText !== undefined,
    isDate(id) {
      let d = dates.get(id);
      if (d === undefined) {
        const style = styles?.getStyleModel(id);
        const fmtId = styles?.model?.styles?.[id]?.numFmtId;
        d = Boolean(style && isDateFormat(codes.get(fmtId ?? -1) ?? style.numFmt));
        dates.set(id, d);
      }
      return d;
    },
  };
}

/**
 * Whether a number format shows a date or a time, so a number in it is a Date: ExcelJS's rule
 * (a y, m, d, h, s or b outside quotes and brackets, as in `yyyy-mm-dd`, `[$-409]d-mmm-yy`), except
 * that escaped and padding characters (`0\ \h`, `_m`, `*s`) are no codes, and an elapsed time
 * (`[h]:mm`, `[mm]:ss`: hours or minutes worked) is a number: ExcelJS read them as dates.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  if (/\[(h+|m+|s+)\]/i.test(format)) return false;
  const codes = format
    .replace(/"[^"]*"/g, '')
    .replace(/[\\_*]./g, '')
    .replace(/\[[^\]]*]/g, '');
  return /[ymdhMsb]/.test(codes);
}
