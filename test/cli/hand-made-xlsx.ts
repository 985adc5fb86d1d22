/**
 * Workbooks made part by part, for the oddities other tools write: openpyxl's absolute part
 * paths, inline strings, no `<dimension>`, cells without `r`, shared strings after the sheets (as
 * Excel orders them), the 1904 date system, Strict OOXML's namespaces, element names with a
 * namespace prefix (`<x:c>`, as .NET's OpenXML SDK writes), sheet parts named otherwise. Style 1
 * is a date format (numFmtId 14), style 2 a number format (0.00), styles 3… the `formats` given.
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
const MAIN_T = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_T = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function workbook(w: {
  sheets: HandMadeSheet[];
  strings?: string[];
  styles?: boolean;
  date1904?: boolean;
  /** Relationship targets as openpyxl writes them: /xl/worksheets/sheet1.xml. */
  absolute?: boolean;
  /** Shared strings as `<si>` contents (rich and phonetic runs), instead of `strings`. */
  stringsXml?: string[];
  /** Custom number formats (numFmtId 164…), styles 3… (implies styles). */
  formats?: string[];
  /** Strict OOXML's namespaces (http://purl.oclc.org/ooxml/…). */
  strict?: boolean;
  /** A prefix on every element of the workbook parts, e.g. `x` for `<x:worksheet>`. */
  prefix?: string;
  /** The relationship target of sheet i (0-based), instead of worksheets/sheet{i+1}.xml. */
  target?: (i: number) => string;
}): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2024, 0, 1));
  const MAIN = w.strict ? 'http://purl.oclc.org/ooxml/spreadsheetml/main' : MAIN_T;
  const REL = w.strict ? 'http://purl.oclc.org/ooxml/officeDocument/relationships' : REL_T;
  const p = w.prefix;
  // <tag → <p:tag, </tag → </p:tag, and the root's default namespace → the prefix's
  const prefixed = (xml: string) =>
    p
      ? xml
          .replace(/<(\/?)(?=[A-Za-z])/g, `<$1${p}:`)
          .replace(`xmlns="${MAIN}"`, `xmlns:${p}="${MAIN}"`)
      : xml;
  const add = (path: string, text: string) =>
    zip.file(path, path.startsWith('xl/') && !path.includes('_rels') ? prefixed(text) : text, {
      date,
      createFolders: false,
    });
  const strings = w.stringsXml ?? w.strings?.map((s) => `<t xml:space="preserve">${esc(s)}</t>`);
  const styles = w.styles || w.formats !== undefined;
  const formats = w.formats ?? [];
  const parts = w.sheets.map((_, i) => `worksheets/sheet${i + 1}.xml`);
  const targets = w.sheets.map((_, i) => w.target?.(i) ?? `${w.absolute ? '/xl/' : ''}${parts[i]}`);
  // the zip entry a target names: relative to xl/, or absolute
  const entry = (t: string) =>
    (t.startsWith('/') ? t.slice(1) : `xl/${t}`)
      .split('/')
      .reduce<string[]>((a, seg) => {
        if (seg === '..') a.pop();
        else a.push(seg);
        return a;
      }, [])
      .join('/');
  const types = [
    ...parts.map(
      (p) =>
        `<Override PartName="/${entry(targets[parts.indexOf(p)])}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    ),
    strings
      ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      : '',
    styles
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
    `${XML}<Relationships xmlns="${PKG}">${targets.map((t, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${t}"/>`).join('')}${strings ? `<Relationship Id="rId${n + 1}" Type="${REL}/sharedStrings" Target="${w.absolute ? '/xl/' : ''}sharedStrings.xml"/>` : ''}${styles ? `<Relationship Id="rId${n + 2}" Type="${REL}/styles" Target="styles.xml"/>` : ''}</Relationships>`,
  );
  if (styles)
    add(
      'xl/styles.xml',
      `${XML}<styleSheet xmlns="${MAIN}">${formats.length ? `<numFmts count="${formats.length}">${formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f).replace(/"/g, '&quot;')}"/>`).join('')}</numFmts>` : ''}<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${3 + formats.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>${formats.map((_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`,
    );
  w.sheets.forEach((s, i) => {
    add(
      entry(targets[i]),
      `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${s.xml}</sheetData>${s.tail ?? ''}</worksheet>`,
    );
    if (s.rels?.length)
      add(
        entry(targets[i]).replace(/([^/]+)$/, '_rels/$1.rels'),
        `${XML}<Relationships xmlns="${PKG}">${s.rels.map((id) => `<Relationship Id="${id}" Type="${REL}/hyperlink" Target="https://example.com/${id}" TargetMode="External"/>`).join('')}</Relationships>`,
      );
  });
  // after the sheets, as Excel writes it
  if (strings)
    add(
      'xl/sharedStrings.xml',
      `${XML}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si>${s}</si>`).join('')}</sst>`,
    );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
