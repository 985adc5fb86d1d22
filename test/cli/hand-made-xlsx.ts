/**
 * Workbooks made part by part, for the oddities other tools write: openpyxl's absolute part
 * paths, inline strings, no `<dimension>`, cells without `r`, shared strings after the sheets (as
 * Excel orders them), the 1904 date system. Style 1 is a date format (numFmtId 14), style 2 a
 * number format (0.00).
 */
import JSZip from 'jszip';

export interface HandMadeSheet {
  name?: string;
  state?: 'hidden' | 'veryHidden';
  /** The inside of `<sheetData>`. */
  xml: string;
  /** XML after `</sheetData>` (mergeCells, hyperlinks). */
  tail?: string;
  /** Relationship ids the sheet's hyperlinks use. */
  rels?: string[];
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function workbook(w: {
  sheets: HandMadeSheet[];
  strings?: string[];
  styles?: boolean;
  date1904?: boolean;
  /** Relationship targets as openpyxl writes them: /xl/worksheets/sheet1.xml. */
  absolute?: boolean;
}): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2024, 0, 1));
  const add = (path: string, text: string) => zip.file(path, text, { date, createFolders: false });
  const parts = w.sheets.map((_, i) => `worksheets/sheet${i + 1}.xml`);
  const types = [
    ...parts.map(
      (p) =>
        `<Override PartName="/xl/${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    ),
    w.strings
      ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      : '',
    w.styles
      ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      : '',
  ].join('');
  add(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${types}</Types>`,
  );
  add(
    '_rels/.rels',
    `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  add(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}">${w.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${w.sheets.map((s, i) => `<sheet name="${esc(s.name ?? `Sheet${i + 1}`)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  const n = w.sheets.length;
  add(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="${PKG}">${parts.map((p, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${w.absolute ? '/xl/' : ''}${p}"/>`).join('')}${w.strings ? `<Relationship Id="rId${n + 1}" Type="${REL}/sharedStrings" Target="${w.absolute ? '/xl/' : ''}sharedStrings.xml"/>` : ''}${w.styles ? `<Relationship Id="rId${n + 2}" Type="${REL}/styles" Target="styles.xml"/>` : ''}</Relationships>`,
  );
  if (w.styles)
    add(
      'xl/styles.xml',
      `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    );
  w.sheets.forEach((s, i) => {
    add(
      `xl/${parts[i]}`,
      `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${s.xml}</sheetData>${s.tail ?? ''}</worksheet>`,
    );
    if (s.rels?.length)
      add(
        `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        `${XML}<Relationships xmlns="${PKG}">${s.rels.map((id) => `<Relationship Id="${id}" Type="${REL}/hyperlink" Target="https://example.com/${id}" TargetMode="External"/>`).join('')}</Relationships>`,
      );
  });
  // after the sheets, as Excel writes it
  if (w.strings)
    add(
      'xl/sharedStrings.xml',
      `${XML}<sst xmlns="${MAIN}" count="${w.strings.length}" uniqueCount="${w.strings.length}">${w.strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
    );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
