/**
 * The template's Customer card: pick a customer from a list of the Customers sheet's keys and see
 * why it sits where it is (DOMAIN.md §5): its segment, tier and action; its waterfall from revenue
 * to net profit, cost line by cost line; each cost per unit of revenue against the median of its
 * size class (MEDIAN(IF(…)) array formulas over the matrix customers of that size, the customer and
 * zeros included, as §5 says); and its exit economics (§10): exit impact, break-even price change
 * and the advice they give. Classic formulas only, all reading the Customers sheet's columns.
 */
import { AMOUNT_FLOOR, DRIVER_MULTIPLE } from '../../core/causes.js';
import { COST_LINE_LABELS } from '../../core/defaults.js';
import {
  addRows,
  emptySheet,
  FORMATS,
  rect,
  type SheetValue,
  styleHeader,
} from '../../core/report/sheet-spec.js';
import { DRIVERS } from '../../core/types.js';
import { rangeListRule } from './input-rules.js';
import { INPUT_FILL, rateName, setFormula, type TemplateSheet, volumeName } from './layout.js';

export const CARD_SHEET = 'Customer card';
/** The picked customer's cell. */
export const CARD_PICK = 'B3';

/** Labels of the card's rows, as the tests read them back. */
export const CARD = {
  name: 'Name',
  segment: 'Segment',
  size: 'Size',
  profitability: 'Profitability',
  tier: 'Tier',
  action: 'Action',
  revenue: 'Revenue',
  cogs: 'Cost of goods sold',
  grossProfit: 'Gross profit',
  netProfit: 'Net profit',
  grossMargin: 'Gross margin',
  exitImpact: 'Exit impact',
  breakEven: 'Break-even price change',
  advice: 'Advice',
} as const;

/** The cost lines of the waterfall and the comparison: each driver, then the cost of capital. */
const LINES = [...DRIVERS.map((d) => COST_LINE_LABELS[d]), COST_LINE_LABELS.paymentDays];

/** @param first the key shown first (the first customer), or null for an empty pick */
export function customerCardSheet(first: string | null): TemplateSheet {
  const spec = emptySheet(CARD_SHEET);
  const formulas: (string | undefined)[][] = [];
  const f = (row: number, c: number, formula: string) => setFormula(formulas, row, c, formula);
  addRows(spec, [
    [CARD_SHEET],
    [
      'Pick a customer in the yellow cell (the list holds the keys of the Customers sheet): everything below recalculates for it.',
    ],
    ['Customer', first],
  ]);
  spec.titles.push(rect(0, 0));
  spec.bold.push(rect(2, 0));
  spec.fills.push({ range: rect(2, 1), color: INPUT_FILL });
  spec.formats.push({ range: rect(2, 1), format: FORMATS.text });
  const none = 'CardRow=0';
  const at = (name: string) => `INDEX(${name},CardRow)`;

  // Where the customer is: its row among the Customers sheet's formula rows (0 = none picked).
  const facts = addRows(spec, [
    ['Row on the Customers sheet'],
    [CARD.name],
    [CARD.segment],
    [CARD.size],
    [CARD.profitability],
    [CARD.tier],
    [CARD.action],
  ]);
  f(
    facts,
    1,
    `IF(${CARD_PICK}="",0,IF(ISNUMBER(MATCH(${CARD_PICK},CustomerKey,0)),MATCH(${CARD_PICK},CustomerKey,0),0))`,
  );
  f(
    facts + 1,
    1,
    `IF(${none},IF(${CARD_PICK}="","","Not on the Customers sheet"),""&${at('CustomerName')})`,
  );
  ['Segment', 'SizeClass', 'ProfitClass', 'CustomerTier', 'CustomerAction'].forEach((name, i) => {
    f(facts + 2 + i, 1, `IF(${none},"",""&${at(name)})`);
  });
  spec.bold.push(rect(facts, 0, 7, 1));
  const cell = (row: number, c = 'B') => `$${c}$${row + 1}`;
  const size = cell(facts + 3);

  // The waterfall (§5): revenue → gross profit → each cost line → net profit, as the core builds it.
  addRows(spec, [[]]);
  const wHead = addRows(spec, [['Waterfall', 'Money', 'Share of revenue']]);
  styleHeader(spec, wHead, 3);
  const w = addRows(spec, [
    [CARD.revenue],
    [CARD.cogs],
    [CARD.grossProfit],
    ...LINES.map((l): SheetValue[] => [l]),
    [CARD.netProfit],
  ]);
  const revenue = cell(w),
    gross = cell(w + 2);
  f(w, 1, `IF(${none},"",N(${at('Revenue')}))`);
  f(
    w + 2,
    1,
    `IF(${none},"",IF(ISNUMBER(${at('CustomerCOGS')}),N(${at('Revenue')})-${at('CustomerCOGS')},N(${at('GrossProfitInput')})))`,
  );
  f(w + 1, 1, `IF(${none},"",-(${revenue}-${gross}))`);
  // each cost exactly as the Customers sheet's cost-to-serve adds it up: volume × rate in use
  DRIVERS.forEach((d, i) => {
    f(w + 3 + i, 1, `IF(${none},"",-(N(${at(volumeName(d))})*${rateName(d)}))`);
  });
  f(
    w + 3 + DRIVERS.length,
    1,
    `IF(${none},"",-(N(${at('Revenue')})*N(${at('PaymentDays')})*(CostOfCapital/365)))`,
  );
  const net = w + 4 + DRIVERS.length;
  f(net, 1, `IF(${none},"",${at('NetProfit')})`);
  for (let r = w; r <= net; r++)
    f(r, 2, `IF(OR(${none},N(${revenue})<=0),"",${cell(r)}/${revenue})`);
  spec.bold.push(rect(w, 0, 1, 3), rect(w + 2, 0, 1, 3), rect(net, 0, 1, 3));
  spec.formats.push(
    { range: rect(w, 1, net - w + 1, 1), format: FORMATS.money },
    { range: rect(w, 2, net - w + 1, 1), format: '0.00%' },
  );
  spec.conditional.push({ range: rect(w, 1, net - w + 1, 2), type: 'negative' });

  // Each cost line per unit of revenue against the size class's median (§5), then gross margin.
  addRows(spec, [[]]);
  const cHead = addRows(spec, [
    [
      'Against the size class',
      'Cost',
      'Per unit of revenue',
      'Size-class median',
      'Multiple',
      'A cause?',
    ],
  ]);
  styleHeader(spec, cHead, 6);
  spec.wrap.push(rect(cHead, 0, 1, 6));
  const c0 = addRows(spec, [...LINES.map((l): SheetValue[] => [l]), [CARD.grossMargin]]);
  const arrays: string[] = [];
  const inMatrix = `OR(${none},N(${revenue})<=0,${size}="")`;
  const perRevenue: string[] = [
    ...DRIVERS.map((d) => `${volumeName(d)}*${rateName(d)}/Revenue`),
    'Revenue*PaymentDays*(CostOfCapital/365)/Revenue',
    'IF(ISNUMBER(CustomerCOGS),Revenue-CustomerCOGS,GrossProfitInput)/Revenue',
  ];
  perRevenue.forEach((figure, i) => {
    const r = c0 + i,
      row = r + 1;
    const isMargin = i === LINES.length;
    // the cost (positive), from the waterfall; the margin's money is the gross profit
    f(r, 1, isMargin ? `IF(${none},"",${gross})` : `IF(${none},"",-${cell(w + 3 + i)})`);
    f(r, 2, `IF(${inMatrix},"",B${row}/${revenue})`);
    // "" for customers of other sizes: MEDIAN skips text in Excel and LibreOffice alike
    f(r, 3, `IF(${inMatrix},"",MEDIAN(IF(SizeClass=${size},${figure},"")))`);
    arrays.push(`D${row}`);
    if (!isMargin) {
      f(r, 4, `IF(OR(C${row}="",N(D${row})<=0),"",C${row}/D${row})`);
      f(
        r,
        5,
        `IF(C${row}="","",IF(IF(D${row}>0,C${row}>=${DRIVER_MULTIPLE}*D${row},C${row}>0),"Yes",""))`,
      );
    } else
      f(
        r,
        5,
        `IF(C${row}="","",IF(AND(C${row}<D${row},(D${row}-C${row})*${revenue}>=${AMOUNT_FLOOR}*${revenue}),"Yes",""))`,
      );
  });
  const cRows = LINES.length + 1;
  spec.formats.push(
    { range: rect(c0, 1, cRows, 1), format: FORMATS.money },
    { range: rect(c0, 2, cRows, 2), format: '0.00%' },
    { range: rect(c0, 4, cRows, 1), format: FORMATS.multiple },
  );
  addRows(spec, [
    [
      `A cost line is a cause from ${DRIVER_MULTIPLE}× its size-class median per unit of revenue (or any cost where the median is 0); gross margin when below the median by 1 % of revenue or more.`,
    ],
  ]);

  // Exit economics (§10), from the Customers sheet's columns, and the advice they give.
  addRows(spec, [[]]);
  const eHead = addRows(spec, [['Exit economics', 'Value']]);
  styleHeader(spec, eHead, 2);
  const e = addRows(spec, [[CARD.exitImpact], [CARD.breakEven], [CARD.advice]]);
  f(e, 1, `IF(${none},"",${at('ExitImpact')})`);
  f(e + 1, 1, `IF(${none},"",${at('BreakEvenPriceChange')})`);
  const np = cell(net),
    impact = cell(e),
    rise = `TEXT(${cell(e + 1)},"0.0%")`;
  f(
    e + 2,
    1,
    `IF(OR(${none},${cell(facts + 2)}=""),"",IF(N(${np})>=0,"Not a money-loser: not a candidate for exit.",` +
      `IF(N(${impact})>0,"Exit: leaving raises profit by "&TEXT(${impact},"#,##0")&", unless a "&${rise}&" price rise is accepted.",` +
      `"Reprice: a "&${rise}&" price rise breaks even; exit would "&IF(N(${impact})<0,"lower profit by "&TEXT(-${impact},"#,##0"),"not raise profit")&".")))`,
  );
  spec.formats.push(
    { range: rect(e, 1), format: FORMATS.money },
    { range: rect(e + 1, 1), format: FORMATS.smallPercent },
  );
  spec.conditional.push({ range: rect(e, 1), type: 'negative' });
  spec.values[e].push(null, 'the change in total net profit if this customer alone leaves');
  spec.values[e + 1].push(null, 'for a money-loser: the price rise that brings it to 0');
  spec.columnWidths = [34, 18, 18, 18, 16, 10];
  return {
    spec,
    extras: { formulas },
    names: [{ name: 'CardRow', ref: `'${CARD_SHEET}'!$B$${facts + 1}` }],
    template: {
      validations: [{ range: CARD_PICK, rule: rangeListRule('CustomerKey', 'Customer') }],
      arrays,
    },
  };
}
