/**
 * `profit-tiers template [--data file] [--settings s.json] --out Template.xlsx`: the live
 * consultant workbook. With --data the core reads (and aggregates) the customers and the template
 * is filled with them; without, it holds sample rows and room for the client's.
 */
import { type Analysis, analyze } from '../core/analyze.js';
import { resolveSettings, settingsProblemText } from '../core/settings.js';
import sampleSettings from '../samples/settings.json';
import { parseCommandArgs } from './args.js';
import { loadSettings, loadTable } from './load-table.js';
import { printNotes } from './print-summary.js';
import { templateBytes } from './template/template-workbook.js';
import { templateWhatIf } from './template/what-if-inputs.js';
import { EXIT, exitCodeFor, inCliWords, UserError } from './user-error.js';
import { outputTarget, writeAtomically } from './write-report.js';

const USAGE =
  'profit-tiers template [--data file.csv|file.xlsx] [--sheet NAME] [--settings settings.json] --out Template.xlsx [--force]';
/** Past this many customers, spreadsheets take long to recalculate the Pareto and whale formulas. */
const SLOW_ABOVE = 20_000;

const HELP = {
  usage: USAGE,
  about:
    'Writes the consultant template: a live workbook (Customers, Settings, Profit Matrix, Whale Curve, Instructions) whose formulas recalculate every tier in Excel, LibreOffice or Google Sheets.',
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
    out: {
      value: 'FILE',
      text: 'Where to write the template (required); an existing file is refused unless --force.',
    },
    force: { text: 'Replace the --out file if it exists.' },
    help: { text: 'Print this help.' },
  },
};

export async function runTemplate(args: string[]): Promise<number> {
  const {
    values: o,
    positionals,
    helpText,
  } = parseCommandArgs(
    args,
    {
      data: { type: 'string' },
      sheet: { type: 'string' },
      settings: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    HELP,
  );
  if (o.help) {
    process.stdout.write(helpText());
    return EXIT.ok;
  }
  if (positionals.length)
    throw new UserError(
      `unexpected argument "${positionals[0]}" (the data file goes after --data)\nusage: ${USAGE}`,
      EXIT.usage,
    );
  if (o.out === undefined)
    throw new UserError(`--out Template.xlsx is required\nusage: ${USAGE}`, EXIT.usage);
  const inputs = [o.data, o.settings].filter((x): x is string => x !== undefined);
  const target = await outputTarget(o.out, inputs, o.force);

  // Without data or settings, the sample rows get the bundled sample's cost-to-serve rates.
  const settingsInput =
    o.settings !== undefined
      ? await loadSettings(o.settings)
      : o.data === undefined
        ? sampleSettings
        : {};
  let bytes: Uint8Array, summary: string;
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
    bytes = await templateBytes({ settings: a.settings, analysis: a, source: table.source });
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
    bytes = await templateBytes({ settings });
    summary = 'sample rows, room for 1,000 customers';
  }
  await writeAtomically(target, o.out, bytes, o.force);
  process.stdout.write(`Template written to ${o.out} (${summary}).\n`);
  // The settings' first scenario fills the template's what-if; say what it could not hold.
  const { settings: resolved } = resolveSettings(settingsInput);
  const whatIf = templateWhatIf(resolved, analysed);
  if (whatIf.name) process.stdout.write(`What-if filled from scenario "${whatIf.name}".\n`);
  for (const line of whatIf.leftOut) process.stdout.write(`Note: ${line}.\n`);
  return EXIT.ok;
}
