/**
 * The Whale Curve sheet: the curve's points, the peak marked as its own series, a chart, the
 * one-line reading and Kaplan's benchmark figures (top 20 %, bottom 10 %). When customers lose
 * money overall, shares mean nothing: the chart plots the cumulative net profit in money instead.
 */
import type { Analysis } from '../analyze.js';
import { whaleBenchmark } from '../whale-curve.js';
import { layOut } from './layout.js';
import { addRows, emptySheet, FORMATS, rect, type SheetSpec, styleHeader } from './sheet-spec.js';

export function whaleCurveSheet(a: Analysis): SheetSpec {
  const s = emptySheet('Whale Curve');
  const w = a.whale,
    shares = w.peakShareOfProfit !== null;
  addRows(s, [
    ['Whale Curve'],
    [`Reading: ${w.reading}.`],
    ...(w.customers ? [[`Benchmark: ${whaleBenchmark(w)}.`]] : []),
    [
      'Customers sorted by net profit, most profitable first; the curve climbs while customers earn money and falls as money-losers give it back.',
    ],
    [],
  ]);
  s.titles.push(rect(0, 0));
  const yName = shares ? 'Cumulative share of profit' : 'Cumulative net profit';
  const head = addRows(s, [
    ['Share of customers', yName, 'Peak', 'Customers', 'Cumulative net profit'],
  ]);
  styleHeader(s, head, 5);
  const first = addRows(
    s,
    w.curve.map((p) => {
      const y = shares ? p.shareOfProfit : p.cumulativeProfit;
      return [
        p.shareOfCustomers,
        y,
        p.customers === w.peakCustomers ? y : null,
        p.customers,
        p.cumulativeProfit,
      ];
    }),
  );
  const n = w.curve.length;
  const yFormat = shares ? FORMATS.percent : FORMATS.money0;
  s.formats.push(
    { range: rect(first, 0, n, 1), format: FORMATS.percent },
    { range: rect(first, 1, n, 1), format: yFormat },
    // the peak's label rounds as the reading does (formatPercent: 153 %, not 152.5 %)
    { range: rect(first, 2, n, 1), format: shares ? peakFormat(w.peakShareOfProfit!) : yFormat },
    { range: rect(first, 3, n, 1), format: FORMATS.integer },
    { range: rect(first, 4, n, 1), format: FORMATS.money0 },
  );
  s.charts.push({
    type: 'scatter-line',
    title: 'Whale curve: cumulative profit by share of customers',
    x: rect(first, 0, n, 1),
    series: [
      { name: yName, y: rect(first, 1, n, 1), line: true, marker: false, color: '#1F7A8C' },
      {
        name: `Peak: ${w.reading.split(';')[0]}`,
        y: rect(first, 2, n, 1),
        line: false,
        marker: true,
        color: '#C0392B',
      },
    ],
    xTitle: 'Share of customers',
    yTitle: yName,
    xFormat: FORMATS.percent.replace('.0', ''),
    yFormat: shares ? '0%' : FORMATS.money0,
    anchor: { row: head, col: 6 },
    width: 720,
    height: 400,
  });
  return layOut(s);
}

/**
 * The number format that shows a share as `formatPercent` writes it: whole percents from 10 %
 * up, one decimal below. Example: 1.525 → '0%' ("153%"); 0.032 → '0.0%' ("3.2%").
 */
export function peakFormat(share: number): string {
  return Math.abs(share) >= 0.1 ? '0%' : FORMATS.percent;
}
