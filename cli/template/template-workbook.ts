/**
 * The consultant template as xlsx bytes: Instructions, Settings, Customers, Customer card, Profit
 * Matrix, Whale Curve and Groups, live with classic formulas. Filled with the core's customers (already aggregated
 * from transactions) when an analysis is given, else with sample rows and room for the client's.
 */
import type JSZip from 'jszip';
import type { Analysis } from '../../core/analyze.js';
import { BLANK_GROUP } from '../../core/defaults.js';
import { cutLongText } from '../../core/report/cell-text-limit.js';
import type { Settings } from '../../core/settings.js';
import { DRIVERS } from '../../core/types.js';
import { addCharts } from '../xlsx-chart.js';
import { editXlsx } from '../xlsx-parts.js';
import { customerCardSheet } from './customer-card-sheet.js';
import { customersSheet, type InputRow } from './customers-sheet.js';
import { groupsSheet } from './groups-sheet.js';
import { instructionsSheet } from './instructions-sheet.js';
import { MAX_CAPACITY, type TemplateSheet } from './layout.js';
import { matrixSheet } from './matrix-sheet.js';
import { SAMPLE_GROUPS, SAMPLE_ROWS } from './sample-rows.js';
import { settingsSheet } from './settings-sheet.js';
import { templateXlsx, unlockAndMark, wrappedRowHeights } from './template-xlsx.js';
import { whaleSheet } from './whale-sheet.js';
import { templateWhatIf } from './what-if-inputs.js';

/** Empty templates have formulas for this many customers; filled ones for theirs plus this room. */
export const EMPTY_CAPACITY = 1000;
export const SPARE_ROWS = 100;

export interface TemplateInput {
  settings: Settings;
  /** Formula rows on the Customers sheet (`template --rows`); default: see `defaultCapacity`. */
  rows?: number;
  /** The analysed data, when the template is filled in. */
  analysis?: Analysis;
  /** Where the data came from, for the Instructions sheet. */
  source?: string;
}

/** Formula rows by default: the data's customers and room for more, else room for 1,000. */
export const defaultCapacity = (customers: number | null): number =>
  customers === null ? EMPTY_CAPACITY : customers + SPARE_ROWS;

/** The template's xlsx bytes, and the cells whose text was cut to the cell limit ('Customers'!B7). */
export async function templateWorkbook(
  t: TemplateInput,
): Promise<{ bytes: Uint8Array; textCut: string[] }> {
  const rows = t.analysis ? inputRows(t.analysis) : SAMPLE_ROWS;
  // the file's name only: the workbook goes to a client, the consultant's folders stay private
  const source = t.source === undefined ? undefined : fileName(t.source);
  const capacity = t.rows ?? defaultCapacity(t.analysis ? rows.length : null);
  if (capacity < rows.length || capacity > MAX_CAPACITY)
    throw new Error(`template: ${capacity} formula rows cannot hold ${rows.length} customers`);
  const note = t.analysis
    ? `${rows.length.toLocaleString('en-US')} customers from ${source ?? 'the data'}.`
    : "Sample rows: replace them with your client's customers.";
  const whale = whaleSheet();
  // The first groupBy column fills the Group column; without one, the sample's regions or nothing.
  const group = t.analysis?.groups[0];
  const groupColumn = group?.column ?? 'Group';
  const whatIf = templateWhatIf(t.settings, t.analysis);
  const customers = customersSheet(
    rows,
    capacity,
    note,
    groupColumn,
    whatIf.customers ?? undefined,
  );
  // Excel refuses a cell over 32,767 characters: cut, and say which (as the report does).
  const textCut = cutLongText(customers.spec).map((a) => `'Customers'!${a}`);
  const first = rows.find((r) => r[0] !== null && r[0] !== '')?.[0];
  const sheets: TemplateSheet[] = [
    instructionsSheet(source ?? null, capacity, textCut, t.analysis !== undefined),
    settingsSheet(t.settings, whatIf.settings),
    customers,
    customerCardSheet(first === undefined ? null : String(first)),
    matrixSheet(t.settings.tiers),
    whale,
    groupsSheet(
      groupColumn,
      // without a group column every customer's value is "(blank)": list it
      group
        ? group.values.map((v) => v.value)
        : t.analysis
          ? [BLANK_GROUP]
          : [...SAMPLE_GROUPS, BLANK_GROUP],
      t.settings.tiers,
    ),
  ];
  const bytes = await templateXlsx(
    sheets,
    sheets.flatMap((s) => s.names),
  );
  const arrays = new Map(sheets.map((s) => [s.spec.name, s.template?.arrays ?? []]));
  return {
    bytes: await editXlsx(
      bytes,
      (zip) => addCharts(zip, [whale.chart]),
      recalculateOnOpen,
      unlockAndMark(
        arrays,
        new Map(sheets.map((s) => [s.spec.name, s.template?.openColumns ?? []])),
        new Map(sheets.map((s) => [s.spec.name, wrappedRowHeights(s.spec)])),
        new Map(
          sheets.flatMap((s) => (s.template?.print ? [[s.spec.name, s.template.print]] : [])),
        ),
      ),
    ),
    textCut,
  };
}

/** "/home/me/clients/acme.csv [Sheet1]" → "acme.csv [Sheet1]" (either slash). */
export const fileName = (source: string): string => source.replace(/^.*[\\/]/, '');

/** The template's xlsx bytes (see templateWorkbook). */
export async function templateBytes(t: TemplateInput): Promise<Uint8Array> {
  return (await templateWorkbook(t)).bytes;
}

/** The core's customers as input rows: key, name, revenue, (COGS blank), gross profit, volumes, payment days, group. */
export function inputRows(a: Analysis): InputRow[] {
  const t = a.customers,
    out: InputRow[] = new Array(t.n);
  const g = t.groups[0];
  for (let c = 0; c < t.n; c++) {
    // Gross profit, not COGS: it is the number the core priced (exact), whether the data had COGS or not.
    out[c] = [
      t.keys[c],
      t.names[c] || null,
      t.revenue[c],
      null,
      t.grossProfit[c],
      ...DRIVERS.map((_, d) => (t.volumes[d] ? t.volumes[d]![c] : null)),
      t.paymentDays ? t.paymentDays[c] : null,
      g ? g.values[g.of[c]] : null,
    ];
  }
  return out;
}

/**
 * Formulas are written without cached results; `fullCalcOnLoad` makes Excel compute them all on
 * open (ExcelJS's streaming writer cannot set it, so it is added to workbook.xml here).
 */
async function recalculateOnOpen(zip: JSZip): Promise<void> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  zip.file(
    'xl/workbook.xml',
    wb.replace(
      /<calcPr\b([^>]*?)\/>/,
      (_m, attrs: string) => `<calcPr${attrs} fullCalcOnLoad="1"/>`,
    ),
  );
}
