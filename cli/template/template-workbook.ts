/**
 * The consultant template as xlsx bytes: Instructions, Settings, Customers, Profit Matrix, Whale
 * Curve and Groups, live with classic formulas. Filled with the core's customers (already aggregated
 * from transactions) when an analysis is given, else with sample rows and room for the client's.
 */
import type JSZip from 'jszip';
import type { Analysis } from '../../core/analyze.js';
import type { Settings } from '../../core/settings.js';
import { DRIVERS } from '../../core/types.js';
import { type SheetExtras, xlsxBytes } from '../render-xlsx.js';
import { addCharts } from '../xlsx-chart.js';
import { editXlsx } from '../xlsx-parts.js';
import { customersSheet, type InputRow } from './customers-sheet.js';
import { groupsSheet } from './groups-sheet.js';
import { instructionsSheet } from './instructions-sheet.js';
import { matrixSheet } from './matrix-sheet.js';
import { SAMPLE_GROUPS, SAMPLE_ROWS } from './sample-rows.js';
import { settingsSheet } from './settings-sheet.js';
import { whaleSheet } from './whale-sheet.js';
import { templateWhatIf } from './what-if-inputs.js';

/** Empty templates have formulas for this many customers; filled ones for theirs plus this room. */
export const EMPTY_CAPACITY = 1000;
export const SPARE_ROWS = 100;

export interface TemplateInput {
  settings: Settings;
  /** The analysed data, when the template is filled in. */
  analysis?: Analysis;
  /** Where the data came from, for the Instructions sheet. */
  source?: string;
}

export async function templateBytes(t: TemplateInput): Promise<Uint8Array> {
  const rows = t.analysis ? inputRows(t.analysis) : SAMPLE_ROWS;
  const capacity = t.analysis ? rows.length + SPARE_ROWS : EMPTY_CAPACITY;
  const note = t.analysis
    ? `${rows.length.toLocaleString('en-US')} customers from ${t.source ?? 'the data'}.`
    : "Sample rows: replace them with your client's customers.";
  const whale = whaleSheet();
  // The first groupBy column fills the Group column; without one, the sample's regions or nothing.
  const group = t.analysis?.groups[0];
  const groupColumn = group?.column ?? 'Group';
  const whatIf = templateWhatIf(t.settings, t.analysis);
  const sheets = [
    instructionsSheet(t.source ?? null, capacity),
    settingsSheet(t.settings, whatIf.settings),
    customersSheet(rows, capacity, note, groupColumn, whatIf.customers ?? undefined),
    matrixSheet(),
    whale,
    groupsSheet(
      groupColumn,
      group ? group.values.map((v) => v.value) : t.analysis ? [] : SAMPLE_GROUPS,
      t.settings.tiers,
    ),
  ];
  const extras = new Map<string, SheetExtras>(sheets.map((s) => [s.spec.name, s.extras]));
  const bytes = await xlsxBytes(
    sheets.map((s) => s.spec),
    extras,
    sheets.flatMap((s) => s.names),
  );
  return editXlsx(bytes, (zip) => addCharts(zip, [whale.chart]), recalculateOnOpen);
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
