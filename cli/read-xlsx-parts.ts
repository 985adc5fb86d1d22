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
    parseStream(text: AsyncIterable<string>): Promise<{ Id: string; Target: string }[]>;
  };
  SharedStringsXform: new () => {
    parseStream(text: AsyncIterable<string>): Promise<unknown>;
    getString(i: number): string | { richText: { text?: string }[] } | undefined;
  };
  StylesXform: new () => {
    parseStream(text: AsyncIterable<string>): Promise<unknown>;
    getStyleModel(id: number): { numFmt?: string } | null;
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
 * splits a character whose bytes straddle two chunks); undefined when the part is missing.
 */
export function partText(zip: JSZip, path: string): AsyncIterable<string> | undefined {
  const file = zip.file(path);
  if (!file) return undefined;
  return (async function* () {
    const decoder = new TextDecoder();
    for await (const chunk of inflate(file)) {
      const s = decoder.decode(chunk, { stream: true });
      if (s) yield s;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  })();
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
}

/**
 * The worksheets as ExcelJS's whole load lists them: each `<sheet>` of workbook.xml whose
 * relationship targets a part named like `xl/worksheets/sheetN.xml` that the zip holds (openpyxl's
 * absolute targets, `/xl/worksheets/…`, included).
 */
export async function readWorkbook(zip: JSZip): Promise<Workbook> {
  const X = excelJsParts();
  const wbText = partText(zip, 'xl/workbook.xml');
  if (!wbText) throw new Error('the workbook has no xl/workbook.xml');
  const wb = await new X.WorkbookXform().parseStream(wbText);
  const relsText = partText(zip, 'xl/_rels/workbook.xml.rels');
  const rels = relsText ? await new X.RelationshipsXform().parseStream(relsText) : [];
  const targets = new Map(rels.map((r) => [r.Id, r.Target]));
  const entries = new Set(
    Object.values(zip.files)
      .filter((f) => !f.dir && /xl\/worksheets\/sheet(\d+)[.]xml/.test(f.name))
      .map((f) => f.name.replace(/^\//, '')),
  );
  const sheets: SheetPart[] = [];
  for (const s of wb.sheets ?? []) {
    const target = targets.get(s.rId);
    if (target === undefined) continue;
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!entries.has(path)) continue;
    const name = String(s.name);
    sheets.push({ name, hidden: s.state === 'hidden' || s.state === 'veryHidden', path });
  }
  return { sheets, date1904: Boolean(wb.properties?.date1904) };
}

/** Shared strings (a string, or rich text as runs) by index, and whether a style is a date format. */
export interface CellParts {
  sharedString(i: number): string | { richText: { text?: string }[] } | undefined;
  /** False when the workbook has no shared strings part (a cell's index is then its value). */
  hasSharedStrings: boolean;
  isDate(styleId: number): boolean;
}

export async function readCellParts(zip: JSZip): Promise<CellParts> {
  const X = excelJsParts();
  const ssText = partText(zip, 'xl/sharedStrings.xml');
  const ss = new X.SharedStringsXform();
  if (ssText) await ss.parseStream(ssText);
  const stText = partText(zip, 'xl/styles.xml');
  const styles = stText ? new X.StylesXform() : undefined;
  if (styles && stText) await styles.parseStream(stText);
  const dates = new Map<number, boolean>();
  return {
    sharedString: (i) => ss.getString(i),
    hasSharedStrings: ssText !== undefined,
    isDate(id) {
      let d = dates.get(id);
      if (d === undefined) {
        const style = styles?.getStyleModel(id);
        d = Boolean(style && X.utils.isDateFmt(style.numFmt));
        dates.set(id, d);
      }
      return d;
    },
  };
}
