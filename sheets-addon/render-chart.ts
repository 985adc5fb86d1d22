/**
 * A native Sheets chart from a ChartSpec. 'scatter-line' (the whale curve) is a scatter chart whose
 * first series is drawn as a line without points and whose peak series is one marker: Sheets'
 * line chart would treat the share of customers as categories and space them evenly.
 */
import type { ChartSpec } from '../core/report/sheet-spec.js';
import { rangeAt as at } from './range-at.js';

/** Read when a chart is drawn: `Charts` exists only inside Apps Script. */
const CHART_TYPES = {
  'scatter-line': () => Charts.ChartType.SCATTER,
  column: () => Charts.ChartType.COLUMN,
  line: () => Charts.ChartType.LINE,
};

export function addChart(sheet: GoogleAppsScript.Spreadsheet.Sheet, spec: ChartSpec): void {
  let builder = sheet.newChart().setChartType(CHART_TYPES[spec.type]()).addRange(at(sheet, spec.x));
  for (const s of spec.series) builder = builder.addRange(at(sheet, s.y));
  const series: Record<number, object> = {};
  spec.series.forEach((s, i) => {
    series[i] = {
      labelInLegend: s.name,
      ...(s.color ? { color: s.color } : {}),
      ...(spec.type !== 'column'
        ? { lineWidth: s.line === false ? 0 : 2, pointSize: s.marker ? 7 : 0 }
        : {}),
    };
  });
  builder = builder
    .setPosition(spec.anchor.row + 1, spec.anchor.col + 1, 0, 0)
    .setOption('title', spec.title)
    .setOption('width', spec.width)
    .setOption('height', spec.height)
    .setOption('legend', { position: 'bottom' })
    .setOption('hAxis', { title: spec.xTitle ?? '', format: spec.xFormat ?? '' })
    .setOption('vAxis', { title: spec.yTitle ?? '', format: spec.yFormat ?? '' })
    .setOption('series', series);
  sheet.insertChart(builder.build());
}
