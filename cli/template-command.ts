/**
 * `profit-tiers template [--data file] [--settings s.json] --out Template.xlsx`: the live
 * consultant workbook. With --data the core reads (and aggregates) the customers and the template
 * is filled with them; without, it holds sample rows and room for the client's.
 */
import { type Analysis, analyze } from '../core/analyze.js';
import { textCutLine } from '../core/report/cell-text-limit.js';
import { resolveSettings, settingsProblemText } from '../core/settings.js';
import sampleSettings from '../samples/settings.json';
import { parseCommandArgs } from './args.js';
import { loadSettings, loadTable } from './load-table.js';
import { printNotes } from './print-summary.js';
import { MAX_CAPACITY } from './template/layout.js';
import { EMPTY_CAPACITY, SPARE_ROWS, templateWorkbook } from './template/template-workbook.js';
import { templateWhatIf } from './template/what-if-inputs.js';
import { EXIT, exitCodeFor, inCliWords, UserError } from './user-error.js';
import { outputTarget, writeAtomically } from './write-report.js';

const USAGE =
  'profit-tiers template [--data file.csv|file.xlsx] [--sheet NAME] [--settings settings.json] [--rows N] --out Template.xlsx [--force]';
/** Past this many customers, spreadsheets take long to recalculate the Pareto and whale formulas. */
const SLOW_ABOVE = 20_000;

const HELP = {
  usage: USAGE,
  about:
    'Writes the consultant template: a live workbook (Instructions, Settings, Customers, Customer card, Profit Matrix, Whale Curve, Groups) whose formulas recalculate every tier in Excel, LibreOffice or Google Sheets. Its sheets are protected with no password; the yellow input cells are unlocked and every setting is validated.',
  options: {
    data: {
      value: 'FILE',
      text: 'The customer table (.csv or .xlsx) to fill the template with; without it, sample rows and room for 1,000 customers.',
    },
    sheet: { value: 'NAME', text: 'The sheet of the --data workbook to read.' },
    settings: {
      value: 'FILE',
      text: 'Settings (a JSON file or JSON text) for the Settings sheet; without --data or --settings, the sample rates.',
    },
    rows: {
      value: 'N',
      text: `Customer rows with formulas (1 to ${MAX_CAPACITY.toLocaleString('en-US')}); default 1,000, or the --data customers plus ${SPARE_ROWS}. Customers pasted below them are counted in red as "Rows outside the formulas".`,
    },
    out: {
      value: 'FILE',
      text: 'Where to write the template (required); an existing file is refused unless --force.',
    },
    force: { text: 'Replace the --out file if it exists.' },
  },
} as const;

export async function runTemplate(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(args, HELP);
  if (!parsed) return EXIT.ok;
  const { values: o, positionals } = parsed;
  if (positionals.length)
    throw new UserError(
      `unexpected argument "${positionals[0]}" (the data file goes after --data)\nusage: ${USAGE}`,
      EXIT.usage,
    );
  if (o.out === undefined)
    throw new UserError(`--out Template.xlsx is required\nusage: ${USAGE}`, EXIT.usage);
  const rows = o.rows === undefined ? undefined : rowsOption(o.rows);
  const inputs = [o.data, o.settings].filter((x): x is string => x !== undefined);
  const target = await outputTarget(o.out, inputs, o.force);

  // Without data or settings, the sample rows get the bundled sample's cost-to-serve rates.
  const settingsInput =
    o.settings !== undefined
      ? await loadSettings(o.settings)
      : o.data === undefined
        ? sampleSettings
        : {};
  let template: { bytes: Uint8Array; textCut: string[] }, summary: string;
  let analysed: Analysis | undefined;
  if (o.data !== undefined) {
    // The same reading as analyze: the sheet with the customers, the file's own decimal mark.
    const table = await loadTable(o.data, o.sheet, settingsInput);
    printNotes(table.notes);
    const outcome = analyze(table, settingsInput);
    if (!outcome.ok)
      throw new UserError(
        `${o.data}: ${inCliWords(outcome.error.message)}`,
        exitCodeFor(outcome.error.code),
      );
    const a = outcome.value;
    analysed = a;
    if (a.customers.n > SLOW_ABOVE)
      process.stderr.write(
        `profit-tiers: note: ${a.customers.n.toLocaleString('en-US')} customers make a slow live workbook; analyze --out writes a static report instantly\n`,
      );
    if (rows !== undefined && rows < a.customers.n)
      throw new UserError(
        `--rows ${rows} is fewer than the ${a.customers.n.toLocaleString('en-US')} customers in ${o.data}: give at least ${a.customers.n}`,
        EXIT.usage,
      );
    template = await templateWorkbook({
      settings: a.settings,
      analysis: a,
      source: table.source,
      rows,
    });
    summary = `${a.customers.n} customers from ${table.source}${a.rows.rejected.length ? ` (${a.rows.rejected.length} rows not used; run analyze to see why)` : ''}`;
  } else {
    if (o.sheet !== undefined)
      throw new UserError(
        '--sheet reads a sheet of the --data workbook; no --data given',
        EXIT.usage,
      );
    const { settings, problems } = resolveSettings(settingsInput);
    if (problems.length)
      throw new UserError(`${o.settings}: ${settingsProblemText(problems)}`, EXIT.usage);
    if ((rows ?? 0) > SLOW_ABOVE)
      process.stderr.write(
        `profit-tiers: note: ${rows!.toLocaleString('en-US')} formula rows make a slow live workbook\n`,
      );
    template = await templateWorkbook({ settings, rows });
    summary = `sample rows, room for ${(rows ?? EMPTY_CAPACITY).toLocaleString('en-US')} customers`;
  }
  await writeAtomically(target, o.out, template.bytes, o.force);
  process.stdout.write(`Template written to ${o.out} (${summary}).\n`);
  // The settings' first scenario fills the template's what-if; say what it could not hold.
  const { settings: resolved } = resolveSettings(settingsInput);
  const whatIf = templateWhatIf(resolved, analysed);
  if (whatIf.name) process.stdout.write(`What-if filled from scenario "${whatIf.name}".\n`);
  for (const line of whatIf.leftOut) process.stdout.write(`Note: ${line}.\n`);
  if (template.textCut.length) process.stdout.write(`Note: ${textCutLine(template.textCut)}.\n`);
  if (resolved.conciergeMaxAccounts !== null)
    process.stdout.write(
      `Note: the template's Tier column gives Concierge to every Large/High customer: it does not hold conciergeMaxAccounts (${resolved.conciergeMaxAccounts}), which the report, the add-ins and PROFITTIER apply.\n`,
    );

  return EXIT.ok;
}

/** `--rows N`: a whole number of formula rows the sheet can hold, else one line saying so. */
function rowsOption(text: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1 && n <= MAX_CAPACITY))
    throw new UserError(
      `--rows must be a whole number of customer rows from 1 to ${MAX_CAPACITY.toLocaleString('en-US')} (the sheet's limit; got "${text}")`,
      EXIT.usage,
    );
  return n;
}
