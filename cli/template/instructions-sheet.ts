/** The template's first sheet: what the workbook is, how to fill it, how it decides. */
import { NO_REVENUE, PARETO_LARGE, PARETO_MEDIUM } from '../../core/defaults.js';
import { formatPercent } from '../../core/format.js';
import { textCutLine } from '../../core/report/cell-text-limit.js';
import { LOSS_FONT } from '../../core/report/colours.js';
import { addRows, emptySheet, rect } from '../../core/report/sheet-spec.js';
import { outsideRowsFormula } from './customers-sheet.js';
import { setFormula, type TemplateSheet } from './layout.js';

export function instructionsSheet(
  source: string | null,
  capacity: number,
  textCut: readonly string[] = [],
  filled = source !== null,
): TemplateSheet {
  const spec = emptySheet('Instructions');
  const lines = [
    'Profit Tiers: customer profitability workbook',
    source
      ? `Filled from ${source}.`
      : "Ready for your client's data; the sample rows show how it works.",
    '',
    'How to use it',
    `1. Customers sheet: one row per customer in the yellow columns (formulas wait in ${capacity.toLocaleString('en-US')} rows; "profit-tiers template --rows N" makes N). Customer holds the key; Name is optional.`,
    '   Revenue, and COGS (or Gross Profit when there is no COGS), in money; activity counts (orders, deliveries, …) and payment days as plain numbers; Group: a region, channel or sales rep (optional).',
    filled
      ? '   The rows hold your data: add or change customers in the yellow cells (keep the green formula columns).'
      : '   Delete the sample rows first (clear the yellow cells; keep the green formula columns).',
    '2. Settings sheet: cost-to-serve rates per order, line, delivery, return, contact, repeat contact and visit — or a yearly cost pool,',
    '   spread over the total volume (rate = pool / total volume). Cost of capital prices slow payers. Thresholds and the tier map are there too.',
    '3. Read the Profit Matrix, the Whale Curve and the Groups sheet (profit per Group value). Every cell recalculates when a number or a setting changes.',
    "   Customer card: pick a customer from the list and see its waterfall from revenue to net profit, each cost against its size class's median, its exit impact and break-even price.",
    '4. What if: on Customers, a price change per customer (e.g. 3 %) and "exit" for customers who leave; on Settings, a change per rate or pool',
    '   (e.g. -10 %) and per capacity resource. The Scenario columns and the what-if matrix beside the baseline show the new net profit and tiers.',
    "   An exit takes the customer's revenue, gross profit, direct-rate costs and cost of capital; a pool is spread over the customers left;",
    '   capacity keeps its cost per minute, so the minutes the customer used become unused capacity.',
    '',
    'Yellow cells are yours: they are the only unlocked cells, and each setting takes only what it means (a share as a percentage: 80 %, not 80; methods from their list).',
    'Every sheet is protected with no password, so a formula is not typed over by accident: Review › Unprotect Sheet to change one.',
    '',
    'How it decides (the same rules as the Profit Tiers add-ins and command line)',
    'Net profit = gross profit − cost-to-serve; cost-to-serve = Σ volume × rate + revenue × payment days / 365 × cost of capital.',
    `Size (Pareto, the default): Large while the revenue of bigger customers is below ${formatPercent(PARETO_LARGE)} of revenue, Medium below ${formatPercent(PARETO_MEDIUM)}, else Small. Ties share a class.`,
    'Profitability (bands, the default): Low if the customer loses money; High at a net margin at or above the overall margin; else Mid.',
    `A value exactly on a threshold goes to the higher class. Customers with revenue ≤ 0 stay outside the matrix ("${NO_REVENUE}").`,
    'Tier per segment (Settings): Concierge, Grow, Maintain, Fix, Self-service — each with its action.',
    "Capacity (Settings): a resource costs its cost over its practical minutes; each driver's rate gains minutes per unit × cost per minute, and what no customer uses is unused capacity, charged to no one.",
    '',
    'Works in Excel 2016 and later, Google Sheets and LibreOffice: classic formulas only (SUMIF, COUNTIF, SUMPRODUCT, INDEX/MATCH, IF).',
  ];
  if (textCut.length) lines.splice(2, 0, `${textCutLine(textCut)}.`);
  addRows(
    spec,
    lines.map((l) => [l]),
  );
  spec.titles.push(rect(0, 0));
  for (const bold of ['How to use it', 'How it decides'])
    spec.bold.push(
      rect(
        lines.findIndex((l) => l.startsWith(bold)),
        0,
      ),
    );
  // the blank line under the source: customers below the formula rows, counted in red
  const warn = lines.indexOf('');
  const formulas: (string | undefined)[][] = [];
  setFormula(formulas, warn, 0, outsideRowsFormula(capacity));
  spec.fontColors.push({ range: rect(warn, 0), color: LOSS_FONT });
  spec.bold.push(rect(warn, 0));
  spec.columnWidths = [140];
  return { spec, extras: { formulas }, names: [] };
}
