/**
 * `profit-tiers`: the command line. One seam per command: read → one core call → write.
 * Every failure a user can cause ends as one line and a non-zero exit code (user-error.ts).
 */
// esbuild keeps only the one field of package.json (the product's single version).
import { version } from '../package.json';
import { runAnalyze } from './analyze-command.js';
import { closest } from './did-you-mean.js';
import { EXIT, UserError } from './user-error.js';

const HELP = `profit-tiers: which customers make you money, which cost you money, and why.

Usage:
  profit-tiers analyze <file.csv|file.xlsx> [--sheet NAME] [--settings FILE]
                       [--json] [--previous FILE | --periods COL:PERIOD]
                       [--out report.xlsx [--force]]
  profit-tiers template [--data FILE] [--sheet NAME] [--settings FILE]
                        --out Template.xlsx [--force]
  profit-tiers sql [--dialect duckdb|bigquery|spark] [--settings FILE]
                   [--columns LIST] --table NAME

  analyze   print the profit matrix of a customer table; --out writes the
            report workbook (alias: analyse)
  template  write the live consultant template workbook
  sql       print the segmentation as one SQL query, for tables too big
            for a spreadsheet

'profit-tiers <command> --help' lists every option of a command. See README.md.`;

// `analyze … | head` closes the pipe early: that is the reader's choice, not an error to report
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

type Command = (args: string[]) => Promise<number>;
const COMMANDS: Record<string, () => Promise<Command>> = {
  analyze: async () => runAnalyze,
  analyse: async () => runAnalyze,
  template: async () => (await import('./template-command.js')).runTemplate,
  sql: async () => (await import('./sql-command.js')).runSql,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    process.stdout.write(`profit-tiers ${version}\n`);
    return EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    const near = closest(name, Object.keys(COMMANDS));
    throw new UserError(
      `unknown command "${name}"${near ? ` (did you mean ${near}?)` : ''} (commands: analyze, template, sql)`,
      EXIT.usage,
    );
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UserError) {
      process.stderr.write(`profit-tiers: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(
        `profit-tiers: internal error: ${(e as Error)?.message ?? String(e)} (please report it; set DEBUG=1 for details)\n`,
      );
      if (process.env.DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
      process.exitCode = EXIT.bug;
    }
  },
);
