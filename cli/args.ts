/**
 * Command-line options: each command describes its options once (placeholder, sentence, whether
 * repeatable); node's parseArgs spec, the one-line usage errors (a mistyped option gets "did you
 * mean --out?") and the --help text are all made from that one description.
 */
import { parseArgs } from 'node:util';
import { closest } from './did-you-mean.js';
import { EXIT, UserError } from './user-error.js';
import { WIDTH, wrap } from './wrap.js';

/** One option: a `value` placeholder makes it take a string; without one it is a flag. */
export interface OptionHelp {
  value?: string;
  text: string;
  multiple?: boolean;
  short?: string;
}

/** What `<command> --help` prints: usage, what the command does, one sentence per option. */
export interface CommandHelp<O extends Record<string, OptionHelp>> {
  /** One line: `profit-tiers analyze <file.csv|file.xlsx> [--sheet NAME] …`; errors repeat it. */
  usage: string;
  /** What the command does, in a sentence or two. */
  about: string;
  /** Per option (--help is added): the placeholder of its value and one sentence. */
  options: O;
  /** Anything else worth knowing, after the options. */
  more?: string;
}

/** The parsed values: strings for options with a value (arrays when repeatable), else flags. */
export type OptionValues<O extends Record<string, OptionHelp>> = {
  [K in keyof O]?: O[K] extends { value: string }
    ? O[K] extends { multiple: true }
      ? string[]
      : string
    : boolean;
};

const HELP_OPTION = { text: 'Print this help.', short: 'h' } as const satisfies OptionHelp;

/**
 * Parses a command's arguments against its options. With --help it prints the help and returns
 * undefined (the caller exits 0); a bad option throws a one-line usage error.
 */
export function parseCommandArgs<const O extends Record<string, OptionHelp>>(
  args: string[],
  help: CommandHelp<O>,
): { values: OptionValues<O>; positionals: string[] } | undefined {
  const all: Record<string, OptionHelp> = { ...help.options, help: HELP_OPTION };
  const spec = Object.fromEntries(
    Object.entries(all).map(([name, o]) => [
      name,
      {
        type: o.value ? ('string' as const) : ('boolean' as const),
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.short ? { short: o.short } : {}),
      },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    const unknown = /^Unknown option '(-[^']*)'/.exec(message)?.[1];
    if (unknown) {
      const name = unknown.replace(/^--?/, '').split('=')[0];
      const near = closest(name, Object.keys(all));
      const command = help.usage.split(' ').slice(0, 2).join(' ');
      throw new UserError(
        `unknown option ${unknown}${near ? ` (did you mean --${near}?)` : ''}; '${command} --help' lists every option`,
        EXIT.usage,
      );
    }
    throw new UserError(`${message}\nusage: ${help.usage}`, EXIT.usage);
  }
  if (parsed.values.help) {
    process.stdout.write(helpText(help));
    return undefined;
  }
  return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
}

/** The --help text, every line within 80 columns: option sentences hang under their column. */
export function helpText(help: CommandHelp<Record<string, OptionHelp>>): string {
  const options: Record<string, OptionHelp> = { ...help.options, help: HELP_OPTION };
  const label = (name: string) => {
    const o = options[name];
    return `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
  };
  const names = Object.keys(options);
  const column = Math.max(...names.map((n) => label(n).length)) + 4;
  const lines = [
    ...wrap(`usage: ${keepGroups(help.usage)}`, WIDTH, 7).map((l) => l.replaceAll(NBSP, ' ')),
    '',
    ...wrap(help.about, WIDTH, 0),
    '',
    'Options:',
    ...names.flatMap((n) =>
      wrap(`  ${label(n).padEnd(column - 2)}${options[n].text}`, WIDTH, column - 2),
    ),
  ];
  if (help.more) lines.push('', ...help.more.split('\n').flatMap((l) => wrap(l, WIDTH, 0)));
  return `${lines.join('\n')}\n`;
}

const NBSP = '\u00a0';
/** The usage with the spaces inside [ ] and after an option made unbreakable: lines break between options. */
function keepGroups(usage: string): string {
  let depth = 0,
    out = '';
  for (const ch of usage) {
    depth += ch === '[' ? 1 : ch === ']' ? -1 : 0;
    out += ch === ' ' && depth > 0 ? NBSP : ch;
  }
  return out.replace(/(--[\w-]+) (?=\S)/g, `$1${NBSP}`);
}
