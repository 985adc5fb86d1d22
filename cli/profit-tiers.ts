/**
 * `profit-tiers`: the command line. One seam per command: read → one core call → write.
 * Every failure a user can cause ends as one line and a non-zero exit code (user-error.ts).
 */
import { runAnalyze } from './analyze-command.js';
import { EXIT, UserError } from './user-error.js';

const HELP = `profit-tiers: which customers make you money, which cost you money, and why.

Usage:
  profit-tiers analyze <file.csv|file.xlsx> [--sheet NAME] [--settings settings.json] [--json]
                       [--previous <earlier file> | --periods <column>:<year|quarter|month>]
                       [--out report.xlsx]
  profit-tiers template [--data file] [--settings settings.json] --out Template.xlsx
  profit-tiers sql [--dialect duckdb|bigquery|spark] [--settings settings.json] --table NAME

Run 'profit-tiers <command> --help' for a command's options. See README.md.`;

// `analyze … | head` closes the pipe early: that is the reader's choice, not an error to report
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

type Command = (args: string[]) => Promise<number>;
const COMMANDS: Record<string, () => Promise<Command>> = {
  analyze: async () => runAnalyze,
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
    process.stdout.write('profit-tiers 0.1.0\n');
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load)
    throw new UserError(
      `unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`,
      EXIT.usage,
    );
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
