/**
 * The template's Customer card: pick a customer from a list of the Customers sheet's keys and see
 * why it sits where it is (DOMAIN.md §5): its segment, tier and action; its waterfall from revenue
 * to net profit, cost line by cost line; each cost per unit of revenue against the median of its
 * size class (MEDIAN(IF(…)) array formulas over the matrix customers of that size, the customer and
 * zeros included, as §5 says); and its exit economics (§10): exit impact, break-even price change
 * and the advice they give. Classic formulas only, all reading the Customers sheet's columns.
 */
import { AMOUNT_FLOOR, DRIVER_MULTIPLE } from '../../core/causes.js';
import { COST_LINE_LABELS, NO_REVENUE, TOP_CAUSES } from '../../core/defaults.js';
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
import {
  FIRST_ROW,
  INPUT_FILL,
  literal,
  rateName,
  setFormula,
  type TemplateSheet,
  volumeName,
} from './layout.js';

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
  const none = 'CardSheetRow=0';
  const at = (name: string) => `INDEX(${name},CardSheetRow-${FIRST_ROW - 1})`;

  // Where the customer is: its sheet row on Customers (0 = none picked, or not there).
  const exact = literal(CARD_PICK);
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
    `IF(${CARD_PICK}="",0,IF(ISNUMBER(MATCH(${exact},CustomerKey,0)),MATCH(${exact},CustomerKey,0)+${FIRST_ROW - 1},0))`,
  );
  f(
    facts + 1,
    1,
    `IF(${none},IF(${CARD_PICK}="","","Not on the Customers sheet"),""&${at('CustomerName')})`,
  );
  const cell = (row: number, c = 'B') => `$${c}$${row + 1}`;
  const size = cell(facts + 3);
  ['Segment', 'SizeClass', 'ProfitClass', 'CustomerTier', 'CustomerAction'].forEach((name, i) => {
    f(facts + 2 + i, 1, `IF(${none},"",""&${at(name)})`);
  });
  // outside the matrix, as the core explains it (explain.ts): why there is no segment, tier or action
  f(
    facts + 2,
    1,
    `IF(${none},"",IF(${size}="${NO_REVENUE}","No revenue: outside the matrix (net profit "&TEXT(${at('NetProfit')},"#,##0")&")",""&${at('Segment')}))`,
  );
  spec.bold.push(rect(facts, 0, 7, 1));

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
  const np0 = () => cell(net);
  f(net, 1, `IF(${none},"",${at('NetProfit')})`);
  for (let r = w; r <= net; r++)
    f(r, 2, `IF(OR(${none},N(${revenue})<=0),"",${cell(r)}/${revenue})`);
  spec.bold.push(rect(w, 0, 1, 3), rect(w + 2, 0, 1, 3), rect(net, 0, 1, 3));
  spec.formats.push(
    { range: rect(w, 1, net - w + 1, 1), format: FORMATS.money },
    { range: rect(w, 2, net - w + 1, 1), format: '0.00%' },
  );
  spec.conditional.push({ range: rect(w, 1, net - w + 1, 2), type: 'negative' });

  // Each cost line per unit of revenue against the size class's median (§5), then gross margin,
  // and the causes as the core names them (causes.ts): the lines over the rule, ranked by what
  // they cost, at most TOP_CAUSES.
  addRows(spec, [[]]);
  const cHead = addRows(spec, [
    [
      'Against the size class',
      'Cost, or gross profit',
      'Per unit of revenue',
      'Size-class median',
      'Multiple',
      'Costs against the median',
      'Cause rank',
    ],
  ]);
  styleHeader(spec, cHead, 7);
  spec.wrap.push(rect(cHead, 0, 1, 7));
  const c0 = addRows(spec, [
    ...LINES.map((l): SheetValue[] => [l]),
    [`${CARD.grossMargin} (gross profit)`],
  ]);
  const arrays: string[] = [];
  const inMatrix = `OR(${none},N(${revenue})<=0,${size}="")`;
  const perRevenue: string[] = [
    ...DRIVERS.map((d) => `${volumeName(d)}*${rateName(d)}/Revenue`),
    'Revenue*PaymentDays*(CostOfCapital/365)/Revenue',
    'IF(ISNUMBER(CustomerCOGS),Revenue-CustomerCOGS,GrossProfitInput)/Revenue',
  ];
  const cRows = LINES.length + 1;
  const amounts = `$F$${c0 + 1}:$F$${c0 + cRows}`;
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
      // named from DRIVER_MULTIPLE × the median up (any cost where the median is 0)
      f(
        r,
        5,
        `IF(C${row}="","",IF(IF(D${row}>0,C${row}>=${DRIVER_MULTIPLE}*D${row},C${row}>0),(C${row}-D${row})*${revenue},""))`,
      );
    }
    // named when below the median by AMOUNT_FLOOR of revenue or more
    else
      f(
        r,
        5,
        `IF(C${row}="","",IF(AND(C${row}<D${row},(D${row}-C${row})*${revenue}>=${AMOUNT_FLOOR}*${revenue}),(D${row}-C${row})*${revenue},""))`,
      );
    // rank by amount, largest first; ties keep the table's order (the core's stable sort)
    const above = i === 0 ? '0' : `COUNTIF($F$${c0 + 1}:F${row - 1},F${row})`;
    f(
      r,
      6,
      `IF(F${row}="","",IF(1+COUNTIF(${amounts},">"&F${row})+${above}<=${TOP_CAUSES},1+COUNTIF(${amounts},">"&F${row})+${above},""))`,
    );
  });
  spec.formats.push(
    { range: rect(c0, 1, cRows, 1), format: FORMATS.money },
    { range: rect(c0, 2, cRows, 2), format: '0.00%' },
    { range: rect(c0, 4, cRows, 1), format: FORMATS.multiple },
    { range: rect(c0, 5, cRows, 1), format: FORMATS.money },
    { range: rect(c0, 6, cRows, 1), format: FORMATS.integer },
  );
  // the causes in words, in rank order; a money-loser with none gets the core's fallback cause
  const causes = addRows(spec, [['Causes, as the report names them']]);
  spec.bold.push(rect(causes, 0));
  const labels = `$A$${c0 + 1}:$A$${c0 + cRows}`,
    ranks = `$G$${c0 + 1}:$G$${c0 + cRows}`;
  const named = Array.from({ length: TOP_CAUSES }, (_, k) => {
    const n = k + 1;
    const label = `INDEX(${labels},MATCH(${n},${ranks},0))`;
    return `IF(COUNTIF(${ranks},${n})=0,"",${n === 1 ? '' : '", "&'}SUBSTITUTE(${label}," (gross profit)",""))`;
  }).join('&');
  const costs = LINES.map((_, i) => `$B$${c0 + 1 + i}`);
  const largest = `INDEX(${labels},MATCH(MAX(${costs[0]}:${costs.at(-1)}),$B$${c0 + 1}:$B$${c0 + LINES.length},0))`;
  f(
    causes,
    1,
    `IF(${inMatrix},"",IF(COUNT(${ranks})>0,${named},IF(N(${np0()})>=0,"None",IF(N(${gross})<0,"Sold below cost","Cost-to-serve ("&${largest}&")"))))`,
  );
  addRows(spec, [
    [
      `A cost line is a cause from ${DRIVER_MULTIPLE}× its size-class median per unit of revenue (or any cost where the median is 0); gross margin when below the median by ${AMOUNT_FLOOR * 100} % of revenue or more. Ranked by what they cost against the median, at most ${TOP_CAUSES}; a money-loser with none: sold below cost, or its largest cost.`,
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
    rise = aPercent(cell(e + 1));
  f(
    e + 2,
    1,
    `IF(${none},"",IF(${size}="${NO_REVENUE}","No revenue: outside the matrix, so no exit or reprice advice.",` +
      `IF(${cell(facts + 2)}="","",IF(N(${np})>=0,"Not a money-loser: not a candidate for exit.",` +
      `IF(N(${impact})>0,"Exit: leaving raises profit by "&TEXT(${impact},"#,##0")&", unless "&${rise}&" price rise is accepted.",` +
      `"Reprice: "&${rise}&" price rise breaks even; exit would "&IF(N(${impact})<0,"lower profit by "&TEXT(-${impact},"#,##0"),"not raise profit")&".")))))`,
  );
  spec.formats.push(
    { range: rect(e, 1), format: FORMATS.money },
    { range: rect(e + 1, 1), format: FORMATS.smallPercent },
  );
  spec.conditional.push({ range: rect(e, 1), type: 'negative' });
  spec.values[e].push(null, 'the change in total net profit if this customer alone leaves');
  spec.values[e + 1].push(null, 'for a money-loser: the price rise that brings it to 0');
  spec.columnWidths = [34, 18, 18, 18, 12, 16, 10];
  return {
    spec,
    extras: { formulas },
    names: [{ name: 'CardSheetRow', ref: `'${CARD_SHEET}'!$B$${facts + 1}` }],
    template: {
      validations: [{ range: CARD_PICK, rule: rangeListRule('CustomerKey', 'Customer') }],
      arrays,
    },
  };
}

/**
 * A share as the core words it (format.ts formatPercent), with its article: 0.188 → "a 19 %",
 * 0.08 → "an 8 %", 0.054 → "a 5.4 %", 0.0004 → "a 0.04 %", 0.11 → "an 11 %". `ref` holds a
 * positive share.
 */
export function aPercent(ref: string): string {
  const p = `(${ref}*100)`;
  const text =
    `IF(${p}<0.005,"<0.01",IF(${p}<0.05,TEXT(${p},"0.00"),` +
    `IF(AND(${p}<10,ROUND(${p},0)<>${p}),TEXT(${p},"0.0"),TEXT(ROUND(${p},0),"#,##0"))))`;
  // "an" before a number said with a vowel: 8…, 11 and 18 (also 11,000 and 18,000, …)
  const digits = `LEN(TEXT(ROUND(${p},0),"0"))`;
  const an = `OR(LEFT(${text},1)="8",AND(${p}>=10,MOD(${digits},3)=2,OR(LEFT(${text},2)="11",LEFT(${text},2)="18")))`;
  return `IF(${an},"an ","a ")&${text}&" %"`;
}
