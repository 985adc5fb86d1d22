/**
 * `profit-tiers analyze <file>`: read the table, run the core, print the matrix (or --json),
 * and write the report workbook with --out.
 */
import { basename } from 'node:path';
import { type AnalyzeOptions, analyze } from '../core/analyze.js';
import { normalizeHeader } from '../core/column-map.js';
import { fileDecimalNote } from '../core/decimal-style.js';
import { resultJson } from '../core/result-json.js';
import { parseCommandArgs } from './args.js';
import { type LoadedTable, loadSettings, loadTable } from './load-table.js';
import { printNotes, printSummary } from './print-summary.js';
import { progressBar } from './progress.js';
import { EXIT, exitCodeFor, inCliWords, UserError } from './user-error.js';
import { outputTarget, writeReport } from './write-report.js';

const USAGE =
  'profit-tiers analyze <file.csv|file.xlsx> [--sheet NAME] [--settings settings.json] [--json] [--previous <file> | --periods <column>:<year|quarter|month>] [--group COLUMN]... [--out report.xlsx [--force]]';

const HELP = {
  usage: USAGE,
  about:
    "Reads a table of customers (or of transactions, summed per customer), prices each customer's cost-to-serve, places every customer in the 3×3 profit matrix with a service tier, and prints the matrix and what it means. Alias: analyse.",
  options: {
    sheet: {
      value: 'NAME',
      text: 'The sheet of an .xlsx workbook to read; without it, the sheet that holds a customer table.',
    },
    settings: {
      value: 'FILE',
      text: 'Settings as a JSON file or JSON text: cost rates and pools, size and profitability methods, tier names, column mapping (README, Settings).',
    },
    json: { text: 'Print the whole result as one JSON object instead of the matrix.' },
    previous: {
      value: 'FILE',
      text: 'An earlier table of the same customers: adds the migration between the two (moved up, down, new, lost).',
    },
    periods: {
      value: 'COL:PERIOD',
      text: 'Split one transaction table by a date column into year, quarter or month periods: each is analysed (the trend), the two latest compared, e.g. "Order Date:quarter".',
    },
    group: {
      value: 'COLUMN',
      multiple: true,
      text: "Profitability by this column too (Region, Channel, Sales Rep…); repeatable, adds to the settings' groupBy.",
    },
    out: {
      value: 'FILE',
      text: 'Also write the report workbook (.xlsx) to this file; an existing file is refused unless --force.',
    },
    force: { text: 'Replace the --out file if it exists.' },
  },
} as const;

export async function runAnalyze(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(args, HELP);
  if (!parsed) return EXIT.ok;
  const { values: o, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UserError(
      `${positionals.length ? 'one input file at a time' : 'no input file given'}\nusage: ${USAGE}`,
      EXIT.usage,
    );
  if (o.previous && o.periods)
    throw new UserError('--previous and --periods both ask for migration: use one', EXIT.usage);

  if (o.force && o.out === undefined)
    throw new UserError('--force replaces the --out file: give --out too', EXIT.usage);
  const inputs = [positionals[0], ...(o.previous ? [o.previous] : [])];
  // Refuse a bad --out before reading anything (an existing file, a link, a missing folder).
  if (o.out !== undefined) await outputTarget(o.out, inputs, o.force);

  // biome-ignore lint/suspicious/noExplicitAny: the user's JSON, checked by resolveSettings
  const settings = (await loadSettings(o.settings)) as Record<string, any>;
  const bar = progressBar();
  bar.update(0, `Reading ${positionals[0]}…`);
  const table = await loadTable(positionals[0], o.sheet, settings).finally(() => bar.done());
  const readNotes = withDecimalNote(table, positionals[0], settings);
  printNotes(readNotes);
  const options: AnalyzeOptions = {};
  // Each table's decimal mark (a semicolon CSV: ',') is applied by the core unless settings fix it.
  // biome-ignore lint/suspicious/noExplicitAny: the user's JSON, checked by resolveSettings
  let effective: Record<string, any> = settings;
  if (o.periods) {
    const m = /^(.+):(year|quarter|month)$/.exec(o.periods);
    if (!m)
      throw new UserError(
        `--periods takes <column>:<year|quarter|month>, e.g. "Order Date:quarter" (got "${o.periods}")`,
        EXIT.usage,
      );
    effective = { ...effective, columns: { ...(settings.columns ?? {}), period: m[1] } };
    options.periods = m[2] as AnalyzeOptions['periods'];
  }
  if (o.group?.length) effective = { ...effective, groupBy: withGroups(settings.groupBy, o.group) };
  if (o.previous) {
    const prev = await loadTable(o.previous, o.sheet, settings);
    const prevNotes = withDecimalNote(prev, o.previous, settings);
    printNotes(prevNotes);
    readNotes.push(...prevNotes);
    options.previous = prev;
    options.labels = { previous: basename(o.previous), current: basename(positionals[0]) };
  }
  const rows = table.rowCount(); // -1: a file read as a stream, its rows counted as it is read
  bar.update(
    0.2,
    rows < 0
      ? `Analysing ${positionals[0]} as it is read…`
      : `Analysing ${Math.max(0, rows - 1).toLocaleString('en-US')} rows…`,
  );
  const outcome = analyze(table, effective, options);
  bar.done();
  if (!outcome.ok)
    throw new UserError(
      `${positionals[0]}: ${inCliWords(outcome.error.message)}`,
      exitCodeFor(outcome.error.code),
    );
  const a = outcome.value;
  // what the Assumptions sheet and the JSON say about this run (DOMAIN.md §17)
  const run = {
    source: `${table.source}${o.previous ? `; previous: ${o.previous}` : ''}`,
    time: new Date().toISOString(),
    notes: readNotes,
  };
  if (o.out !== undefined) {
    await writeReport(
      a,
      o.out,
      inputs,
      (done, total, next) =>
        bar.update(
          0.3 + (0.7 * done) / total,
          `Writing ${o.out}: ${next} (${done + 1} of ${total})…`,
        ),
      o.force,
      run,
    ).finally(() => bar.done());
  }
  if (o.json) process.stdout.write(`${JSON.stringify(resultJson(a, run))}\n`);
  else {
    process.stdout.write(`${printSummary(a, table.source)}\n`);
    if (o.out !== undefined) process.stdout.write(`\nReport written to ${o.out}\n`);
  }
  return EXIT.ok;
}

/** The file's notes, and the decimal comma a semicolon CSV is read with (on stderr and Assumptions). */
function withDecimalNote(table: LoadedTable, path: string, settings: unknown): string[] {
  const note = fileDecimalNote(table.decimal, settings);
  return note ? [...table.notes, `${path}: ${note}`] : [...table.notes];
}

/**
 * `--group COL` adds to the settings' groupBy (a column named in both counts once); a groupBy that
 * is not a list is left as it is, for the settings check to name.
 */
function withGroups(groupBy: unknown, extra: string[]): unknown {
  if (groupBy !== undefined && !Array.isArray(groupBy)) return groupBy;
  const all = [...((groupBy as unknown[]) ?? [])];
  const seen = new Set(all.map(normalizeHeader));
  for (const g of extra) {
    if (seen.has(normalizeHeader(g))) continue;
    seen.add(normalizeHeader(g));
    all.push(g);
  }
  return all;
}
