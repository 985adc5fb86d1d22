/**
 * What a file really is, from its first bytes, whatever its name says: an xlsx workbook, text (a
 * CSV), or something this tool does not read — an old .xls, an encrypted workbook, an .ods, a PDF,
 * an HTML page saved as .xls — named in words with what to do, instead of a zip library's error.
 */
import type JSZip from 'jszip';
import { jsZip } from './jszip.js';

export type FileKind =
  | { kind: 'xlsx'; zip: JSZip }
  | { kind: 'text' }
  /** `what`: the file in words and what to do, e.g. "an encrypted workbook: remove the password…". */
  | { kind: 'other'; what: string };

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED = 'an encrypted workbook: remove the password in Excel and save again';

export async function fileKind(bytes: Uint8Array): Promise<FileKind> {
  if (startsWith(bytes, OLE2)) return { kind: 'other', what: oleKind(bytes) };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return zipKind(bytes);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return other('a PDF document');
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, 2048))
    .replaceAll('\u0000', '') // UTF-16's zero bytes
    .replace(/^(\u00ef\u00bb\u00bf|\u00ff\u00fe|\u00fe\u00ff)/, '') // BOMs
    .trimStart()
    .toLowerCase();
  if (/^(<!doctype html|<html|<table)/.test(head))
    return other(
      'an HTML page, not a workbook (what many "Export to Excel" buttons write): open it in Excel and save it as .xlsx or CSV',
    );
  if (head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet'))
    return other('an Excel 2003 XML spreadsheet: open it in Excel and save it as .xlsx or CSV');
  return { kind: 'text' };
}

const other = (what: string): FileKind => ({ kind: 'other', what });

async function zipKind(bytes: Uint8Array): Promise<FileKind> {
  const zip = await (await jsZip()).loadAsync(bytes).catch(() => null);
  if (!zip) return other('a damaged zip archive, not a readable xlsx workbook');
  if (zip.file('xl/workbook.xml')) return { kind: 'xlsx', zip };
  const mime = await zip.file('mimetype')?.async('string');
  if (mime?.startsWith('application/vnd.oasis.opendocument.spreadsheet'))
    return other(
      'an OpenDocument spreadsheet (.ods), not an xlsx workbook: save it as .xlsx or CSV (File › Save As)',
    );
  if (mime?.startsWith('application/vnd.oasis.opendocument'))
    return other('an OpenDocument file, not a spreadsheet');
  if (zip.file('word/document.xml')) return other('a Word document, not a workbook');
  if (zip.file('ppt/presentation.xml')) return other('a PowerPoint file, not a workbook');
  return other('a zip archive, not an xlsx workbook');
}

/** An OLE2 compound file: what its streams say it is. */
function oleKind(bytes: Uint8Array): string {
  const entries = compoundEntries(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return ENCRYPTED;
  const book = entries.find((e) => e.name === 'Workbook' || e.name === 'Book');
  if (book) {
    if (biffFilePass(bytes, book)) return ENCRYPTED;
    return 'an old Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx or CSV';
  }
  if (names.has('WordDocument')) return 'an old Word document (.doc), not a workbook';
  return 'an Office 97-2003 file that is not a workbook';
}

interface CompoundEntry {
  name: string;
  start: number;
  size: number;
}

/**
 * The directory of an OLE2 compound file (MS-CFB): the header's and the DIFAT chain's FAT
 * sectors, then the directory sectors' chain, 128 bytes per entry. Bounded: a damaged chain ends
 * the walk instead of looping.
 */
function compoundEntries(bytes: Uint8Array): CompoundEntry[] {
  if (bytes.length < 512) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : 0xffffffff);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return [];
  const size = 1 << shift,
    perSector = size / 4;
  const offset = (s: number) => (s + 1) * size;
  const maxSectors = Math.ceil(bytes.length / size);
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(u32(0x4c + 4 * i));
  for (let s = u32(0x44), k = 0; s < maxSectors && k < maxSectors; k++) {
    for (let i = 0; i < perSector - 1; i++) fatSectors.push(u32(offset(s) + 4 * i));
    s = u32(offset(s) + size - 4);
  }
  const next = (s: number) => {
    const f = fatSectors[Math.floor(s / perSector)];
    return f === undefined || f >= maxSectors ? 0xfffffffe : u32(offset(f) + 4 * (s % perSector));
  };
  const out: CompoundEntry[] = [];
  for (let s = u32(0x30), k = 0; s < maxSectors && k < maxSectors; k++, s = next(s)) {
    for (let e = offset(s); e + 128 <= offset(s) + size && e + 128 <= bytes.length; e += 128) {
      const length = Math.min(view.getUint16(e + 0x40, true), 64);
      if (length < 2) continue;
      const name = new TextDecoder('utf-16le').decode(bytes.subarray(e, e + length - 2));
      out.push({ name, start: u32(e + 0x74), size: u32(e + 0x78) });
    }
  }
  return out;
}

/** A BIFF8 workbook stream whose second record is FILEPASS (0x002F): a password-encrypted .xls. */
function biffFilePass(bytes: Uint8Array, book: CompoundEntry): boolean {
  if (book.size < 4096) return false; // in the mini stream: not worth following for a message
  const size = 1 << (bytes[0x1e] | (bytes[0x1f] << 8));
  const at = (book.start + 1) * size;
  if (at + 8 > bytes.length) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(at, true) !== 0x0809) return false; // BOF
  const second = at + 4 + view.getUint16(at + 2, true);
  return second + 2 <= bytes.length && view.getUint16(second, true) === 0x002f;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
