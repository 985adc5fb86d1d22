/**
 * The template's Whale Curve (DOMAIN.md §6) with classic formulas: 101 points at 0 %, 1 %, …,
 * 100 % of the matrix customers. The cumulative net profit of the k most profitable customers is
 *   SUMIF(net, ">"&v) + v × (k − COUNTIF(net, ">"&v)),  v = LARGE(net, k)
 * (ties counted once each, exactly), so each point costs one pass instead of a sorted copy.
 * The peak is exact: all positive profits, reached after the customers that earn money.
 */
import { addRows, emptySheet, FORMATS, rect, styleHeader } from '../../core/report/sheet-spec.js';
import type { ChartPart } from '../xlsx-chart.js';
import { setFormula, type TemplateSheet } from './layout.js';

export const WHALE_POINTS = 100;

export function whaleSheet(): TemplateSheet & { chart: ChartPart } {
  const spec = emptySheet('Whale Curve');
  const formulas: (string | undefined)[][] = [];
  addRows(spec, [
    ['Whale Curve'],
    [],
    [
      'Customers with revenue, most profitable first: the curve climbs while customers earn money and falls as money-losers give it back.',
    ],
    [],
  ]);
  spec.titles.push(rect(0, 0));
  const facts: [string, string, string, string][] = [
    ['WhaleCustomers', 'Customers with revenue', 'COUNT(MatrixNetProfit)', FORMATS.integer],
    ['WhaleTotal', 'Net profit, customers with revenue', 'SUM(MatrixNetProfit)', FORMATS.money0],
    [
      'PeakCustomers',
      'Peak after customers',
      'IF(WhaleCustomers=0,0,MAX(1,COUNTIF(MatrixNetProfit,">0")))',
      FORMATS.integer,
    ],
    [
      'PeakX',
      'Peak at share of customers',
      'IF(WhaleCustomers=0,0,PeakCustomers/WhaleCustomers)',
      FORMATS.percent,
    ],
    [
      'PeakProfit',
      'Peak net profit',
      'IF(COUNTIF(MatrixNetProfit,">0")>0,SUMIF(MatrixNetProfit,">0"),IF(WhaleCustomers>0,LARGE(MatrixNetProfit,1),0))',
      FORMATS.money0,
    ],
    ['PeakY', 'Peak share of profit', 'IF(WhaleTotal>0,PeakProfit/WhaleTotal,"")', FORMATS.percent],
    ['Losers', 'Money-losers', 'COUNTIF(MatrixNetProfit,"<0")', FORMATS.integer],
    [
      'Destroyed',
      'Profit given back by money-losers',
      '-SUMIF(MatrixNetProfit,"<0")',
      FORMATS.money0,
    ],
    [
      'DestroyedShare',
      'Given back, share of profit',
      'IF(WhaleTotal>0,Destroyed/WhaleTotal,"")',
      FORMATS.percent,
    ],
    // ties to the business's net profit: No revenue customers are outside the curve, not the total
    ['WhaleAllNetProfit', 'Net profit, all customers', 'SUM(NetProfit)', FORMATS.money0],
  ];
  const names: TemplateSheet['names'] = [];
  const first = addRows(
    spec,
    facts.map(([, label]) => [label]),
  );
  facts.forEach(([name, , f, format], i) => {
    setFormula(formulas, first + i, 1, f);
    names.push({ name, ref: `'Whale Curve'!$B$${first + i + 1}` });
    spec.formats.push({ range: rect(first + i, 1), format });
  });
  setFormula(
    formulas,
    1,
    0,
    'IF(WhaleCustomers=0,"Reading: no customers with revenue yet.",IF(WhaleTotal>0,"Reading: the top "&TEXT(PeakX,"0 %")&" of customers earn "&TEXT(PeakY,"0 %")&" of profit; "' +
      '&IF(Losers=0,"no customer loses money.","money-losers give back "&TEXT(DestroyedShare,"0 %")&"."),"Reading: customers lose money overall: the top "&TEXT(PeakX,"0 %")&" of customers earn "&TEXT(PeakProfit,"#,##0")&"; money-losers give back "&TEXT(Destroyed,"#,##0")&"."))',
  );
  spec.bold.push(rect(1, 0));

  addRows(spec, [[]]);
  const head = addRows(spec, [
    ['Point', 'Customers', 'Share of customers', 'Cumulative net profit', 'Share of profit'],
  ]);
  styleHeader(spec, head, 5);
  const p0 = addRows(
    spec,
    Array.from({ length: WHALE_POINTS + 1 }, (_, i) => [i]),
  );
  for (let i = 0; i <= WHALE_POINTS; i++) {
    const r = p0 + i + 1,
      v = `LARGE(MatrixNetProfit,B${r})`;
    setFormula(formulas, p0 + i, 1, `ROUND(A${r}*WhaleCustomers/${WHALE_POINTS},0)`);
    setFormula(formulas, p0 + i, 2, `IF(WhaleCustomers=0,0,B${r}/WhaleCustomers)`);
    setFormula(
      formulas,
      p0 + i,
      3,
      `IF(B${r}=0,0,SUMIF(MatrixNetProfit,">"&${v})+${v}*(B${r}-COUNTIF(MatrixNetProfit,">"&${v})))`,
    );
    setFormula(formulas, p0 + i, 4, `IF(WhaleTotal>0,D${r}/WhaleTotal,"")`);
  }
  const n = WHALE_POINTS + 1;
  spec.formats.push(
    { range: rect(p0, 1, n, 1), format: FORMATS.integer },
    { range: rect(p0, 2, n, 1), format: FORMATS.percent },
    { range: rect(p0, 3, n, 1), format: FORMATS.money0 },
    { range: rect(p0, 4, n, 1), format: FORMATS.percent },
  );
  spec.columnWidths = [34, 14, 18, 22, 16];
  const abs = (c: string, from: number, to = from) =>
    `'Whale Curve'!$${c}$${from + 1}${to === from ? '' : `:$${c}$${to + 1}`}`;
  const chart: ChartPart = {
    sheet: 'Whale Curve',
    type: 'scatter-line',
    title: 'Whale curve: cumulative profit by share of customers',
    series: [
      {
        name: 'Share of profit',
        x: abs('C', p0, p0 + WHALE_POINTS),
        y: abs('E', p0, p0 + WHALE_POINTS),
        line: true,
        marker: false,
        color: '1F7A8C',
      },
      {
        name: 'Peak',
        x: abs('B', first + 3),
        y: abs('B', first + 5),
        line: false,
        marker: true,
        color: 'C0392B',
        label: true,
      },
    ],
    xTitle: 'Share of customers',
    yTitle: 'Share of profit',
    xFormat: '0%',
    yFormat: '0%',
    xMin: 0,
    xMax: 1,
    anchor: { row: first - 1, col: 6 },
    width: 720,
    height: 400,
  };
  return { spec, extras: { formulas }, names, chart };
}
