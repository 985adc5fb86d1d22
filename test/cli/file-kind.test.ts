/**
 * Files that are not what their name says (test/fixtures): each is named in words with what to do,
 * never with a zip library's message.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileKind } from '../../cli/file-kind.js';

const kindOf = async (name: string) => {
  const k = await fileKind(new Uint8Array(readFileSync(`test/fixtures/${name}`)));
  return k.kind === 'other' ? k.what : k.kind;
};

describe('fileKind', () => {
  it('names an old .xls (an OLE2 file with a Workbook stream, written by LibreOffice)', async () => {
    expect(await kindOf('real.xls')).toBe(
      'an old Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx or CSV',
    );
  });

  it('names an encrypted workbook: an OLE2 file with EncryptionInfo, or an .xls with FILEPASS', async () => {
    const encrypted = 'an encrypted workbook: remove the password in Excel and save again';
    expect(await kindOf('encrypted.xlsx')).toBe(encrypted);
    expect(await kindOf('encrypted.xls')).toBe(encrypted);
  });

  it('names an .ods', async () => {
    expect(await kindOf('sheet.ods')).toBe(
      'an OpenDocument spreadsheet (.ods), not an xlsx workbook: save it as .xlsx or CSV (File › Save As)',
    );
  });

  it('knows a CSV named .xlsx is text, and an xlsx is an xlsx whatever its tables', async () => {
    expect(await kindOf('csv-named.xlsx')).toBe('text');
    expect(await kindOf('openpyxl-table.xlsx')).toBe('xlsx');
    expect(await kindOf('utf16le-bom.txt')).toBe('text');
  });

  it('names an HTML page saved as .xls and a PDF', async () => {
    const html = new TextEncoder().encode('\uFEFF  <html><body><table><tr><td>1</td></tr></table>');
    expect(await fileKind(html)).toEqual({
      kind: 'other',
      what: 'an HTML page, not a workbook (what many "Export to Excel" buttons write): open it in Excel and save it as .xlsx or CSV',
    });
    expect(await fileKind(new TextEncoder().encode('%PDF-1.7\n'))).toEqual({
      kind: 'other',
      what: 'a PDF document',
    });
  });

  it('survives a damaged compound file without throwing', async () => {
    const broken = new Uint8Array(readFileSync('test/fixtures/real.xls').subarray(0, 700));
    broken.fill(0xff, 0x30, 0x34); // the directory's first sector: out of range
    expect(await fileKind(broken)).toEqual({
      kind: 'other',
      what: 'an Office 97-2003 file that is not a workbook',
    });
  });
});
