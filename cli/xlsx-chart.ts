/**
 * Native Excel charts added to a written xlsx file.
 *
 * Why by hand: ExcelJS (and SheetJS community, xlsx-populate) cannot write charts, and the JS
 * libraries that can (officegen, xlsx-chart) are unmaintained and write whole workbooks of their
 * own. A scatter chart is ~100 lines of DrawingML, so this module writes the parts beside ExcelJS's
 * (xlsx-parts.ts): xl/charts/chartN.xml, xl/drawings/drawingN.xml with their rels, the sheet's
 * `<drawing r:id>` and the [Content_Types].xml overrides. Excel, LibreOffice and Google Sheets draw
 * it natively and redraw it when the cells change (the template's curve is live).
 */
import type JSZip from 'jszip';
import type { ChartSpec, Rect, SheetValue } from '../core/report/sheet-spec.js';
import { a1 } from './render-xlsx.js';
import { addParts, escapeXml, type Parts, rels } from './xlsx-parts.js';

/** One chart, with its data as sheet ranges (`'Whale Curve'!$A$6:$A$106`) and optional cached values. */
export interface ChartPart {
  sheet: string;
  type: ChartSpec['type'];
  title: string;
  series: {
    name: string;
    x: string;
    y: string;
    /** Values shown before the workbook recalculates (Excel draws from these until then). */
    xCache?: (number | null)[];
    yCache?: (number | null)[];
    /** Category labels (column and line charts): the x cells as text. */
    xLabels?: string[];
    line: boolean;
    marker: boolean;
    color: string;
    label?: boolean;
  }[];
  xTitle?: string;
  yTitle?: string;
  xFormat?: string;
  yFormat?: string;
  /** Fixed x axis bounds (the whale curve's x runs 0–100 %). */
  xMin?: number;
  xMax?: number;
  anchor: { row: number; col: number };
  width: number;
  height: number;
}

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
};
const REL_TYPE = { drawing: `${NS.r}/drawing`, chart: `${NS.r}/chart` };
const EMU_PER_PX = 9525;

/** A report ChartSpec (0-based rectangles on its sheet) → a ChartPart with cached values from the sheet. */
export function chartPart(sheet: string, spec: ChartSpec, values: SheetValue[][]): ChartPart {
  const column = (r: Rect) =>
    Array.from({ length: r.rows }, (_, i) => {
      const v = values[r.row + i]?.[r.col];
      return typeof v === 'number' ? v : null;
    });
  const labels = (r: Rect) =>
    Array.from({ length: r.rows }, (_, i) => {
      const v = values[r.row + i]?.[r.col];
      return v === null || v === undefined ? '' : String(v);
    });
  const scatter = spec.type === 'scatter-line';
  return {
    sheet,
    type: spec.type,
    title: spec.title,
    series: spec.series.map((s) => ({
      name: s.name,
      x: ref(sheet, spec.x),
      y: ref(sheet, s.y),
      ...(scatter ? { xCache: column(spec.x) } : { xLabels: labels(spec.x) }),
      yCache: column(s.y),
      line: s.line ?? true,
      marker: s.marker ?? false,
      color: (s.color ?? '#1F7A8C').replace('#', ''),
      label: s.marker && s.line === false,
    })),
    xTitle: spec.xTitle,
    yTitle: spec.yTitle,
    xFormat: spec.xFormat,
    yFormat: spec.yFormat,
    xMin: spec.type === 'scatter-line' ? 0 : undefined,
    xMax: spec.type === 'scatter-line' ? 1 : undefined,
    anchor: spec.anchor,
    width: spec.width,
    height: spec.height,
  };
}

/** `'Whale Curve'!$A$6:$A$106` for a rectangle of a sheet. */
export function ref(sheet: string, r: Rect): string {
  const abs = a1(r).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return `'${sheet.replace(/'/g, "''")}'!${abs}`;
}

/** The charts as parts: per sheet one drawing holding its charts, in the order given. */
export function chartParts(charts: ChartPart[]): Parts {
  const parts: Parts = { files: [], links: [] };
  const bySheet = new Map<string, ChartPart[]>();
  for (const c of charts) bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c]);
  let drawingNo = 0,
    chartNo = 0;
  for (const [sheet, sheetCharts] of bySheet) {
    drawingNo++;
    const anchors: string[] = [],
      drawingRels: string[] = [];
    for (const chart of sheetCharts) {
      chartNo++;
      parts.files.push({
        path: `xl/charts/chart${chartNo}.xml`,
        xml: chartXml(chart),
        contentType: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
      });
      drawingRels.push(
        `<Relationship Id="rId${anchors.length + 1}" Type="${REL_TYPE.chart}" Target="../charts/chart${chartNo}.xml"/>`,
      );
      anchors.push(anchorXml(chart, anchors.length + 1, chartNo));
    }
    parts.files.push(
      {
        path: `xl/drawings/drawing${drawingNo}.xml`,
        xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors.join('')}</xdr:wsDr>`,
        contentType: 'application/vnd.openxmlformats-officedocument.drawing+xml',
      },
      { path: `xl/drawings/_rels/drawing${drawingNo}.xml.rels`, xml: rels(drawingRels) },
    );
    parts.links.push({
      sheet,
      type: REL_TYPE.drawing,
      target: `../drawings/drawing${drawingNo}.xml`,
      tag: 'drawing',
      element: (id) => `<drawing r:id="${id}"/>`,
    });
  }
  return parts;
}

/** Adds the charts to an opened xlsx file (see editXlsx). */
export function addCharts(zip: JSZip, charts: ChartPart[]): Promise<void> {
  return addParts(zip, chartParts(charts));
}

function anchorXml(p: ChartPart, relId: number, chartNo: number): string {
  return (
    `<xdr:oneCellAnchor><xdr:from><xdr:col>${p.anchor.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.anchor.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:ext cx="${p.width * EMU_PER_PX}" cy="${p.height * EMU_PER_PX}"/>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${chartNo + 1}" name="Chart ${chartNo}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="rId${relId}"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>'
  );
}

function chartXml(p: ChartPart): string {
  const scatter = p.type === 'scatter-line';
  const series = p.series.map((s, i) => seriesXml(s, i, p.type)).join('');
  const axes = '<c:axId val="1001"/><c:axId val="1002"/>';
  const plot = scatter
    ? `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}${axes}</c:scatterChart>`
    : p.type === 'line'
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/>${axes}</c:barChart>`;
  const xAxis = scatter
    ? axis('valAx', 1001, 1002, 'b', p.xTitle, p.xFormat, false, p.xMin, p.xMax)
    : `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>${p.xTitle ? titleXml(p.xTitle, 1000) : ''}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>`;
  const yAxis = axis('valAx', 1002, 1001, 'l', p.yTitle, p.yFormat, true);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    '<c:roundedCorners val="0"/><c:chart>' +
    `${titleXml(p.title, 1300)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${xAxis}${yAxis}</c:plotArea>` +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    '</c:chart></c:chartSpace>'
  );
}

function seriesXml(s: ChartPart['series'][number], i: number, type: ChartPart['type']): string {
  const scatter = type === 'scatter-line',
    lines = type !== 'column';
  const fill = `<a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill>`;
  const spPr = lines
    ? `<c:spPr><a:ln w="28575" cap="rnd">${s.line ? fill : '<a:noFill/>'}<a:round/></a:ln></c:spPr>`
    : `<c:spPr>${fill}</c:spPr>`;
  const marker = !lines
    ? ''
    : s.marker
      ? `<c:marker><c:symbol val="circle"/><c:size val="9"/><c:spPr>${fill}<a:ln>${fill}</a:ln></c:spPr></c:marker>`
      : '<c:marker><c:symbol val="none"/></c:marker>';
  const label = s.label
    ? '<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:dLblPos val="r"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    : '';
  const [xTag, yTag] = scatter ? ['c:xVal', 'c:yVal'] : ['c:cat', 'c:val'];
  const x = s.xLabels ? strRef(s.x, s.xLabels) : numRef(s.x, s.xCache);
  // Bars below zero keep their colour (Excel would draw them white when invertIfNegative is on).
  const invert = type === 'column' ? '<c:invertIfNegative val="0"/>' : '';
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>${spPr}${invert}${marker}${label}` +
    `<${xTag}>${x}</${xTag}><${yTag}>${numRef(s.y, s.yCache)}</${yTag}>${lines ? '<c:smooth val="0"/>' : ''}</c:ser>`
  );
}

/** Category labels: a range of text cells with their cached text. */
function strRef(f: string, labels: string[]): string {
  const pts = labels.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${escapeXml(f)}</c:f><c:strCache><c:ptCount val="${labels.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(f: string, cache: (number | null)[] | undefined): string {
  const pts = cache
    ? cache.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('')
    : '';
  const numCache = cache
    ? `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cache.length}"/>${pts}</c:numCache>`
    : '';
  return `<c:numRef><c:f>${escapeXml(f)}</c:f>${numCache}</c:numRef>`;
}

function axis(
  tag: string,
  id: number,
  cross: number,
  pos: string,
  title: string | undefined,
  format: string | undefined,
  grid: boolean,
  min?: number,
  max?: number,
): string {
  const scaling = `<c:scaling><c:orientation val="minMax"/>${max !== undefined ? `<c:max val="${max}"/>` : ''}${min !== undefined ? `<c:min val="${min}"/>` : ''}</c:scaling>`;
  return (
    `<c:${tag}><c:axId val="${id}"/>${scaling}<c:delete val="0"/><c:axPos val="${pos}"/>${grid ? '<c:majorGridlines/>' : ''}` +
    `${title ? titleXml(title, 1000) : ''}<c:numFmt formatCode="${escapeXml(format ?? 'General')}" sourceLinked="0"/>` +
    // Labels "low": at the bottom/left edge even when the curve dips below zero.
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:${tag}>`
  );
}

function titleXml(t: string, size: number): string {
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="1"/><a:t>${escapeXml(t)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}
