/**
 * Command-line options parsed by node's parseArgs, its errors turned into one-line usage errors
 * (a mistyped option gets "did you mean --out?"), and each command's --help made from the same
 * option list, so no option goes undescribed (the compiler asks for a sentence per option).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { closest } from './did-you-mean.js';
import { EXIT, UserError } from './user-error.js';
import { WIDTH, wrap } from './wrap.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What `<command> --help` prints: usage, what the command does, one sentence per option. */
export interface CommandHelp<O extends Options> {
  /** One line: `profit-tiers analyze <file.csv|file.xlsx> [--sheet NAME] …`; errors repeat it. */
  usage: string;
  /** What the command does, in a sentence or two. */
  about: string;
  /** Per option: the placeholder of its value (string options) and one sentence. */
  options: { [K in keyof O]: { value?: string; text: string } };
  /** Anything else worth knowing, after the options. */
  more?: string;
}

export function parseCommandArgs<const O extends Options>(
  args: string[],
  options: O,
  help: CommandHelp<O>,
) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { ...parsed, helpText: () => helpText(options, help) };
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    const unknown = /^Unknown option '(-[^']*)'/.exec(message)?.[1];
    if (unknown) {
      const name = unknown.replace(/^--?/, '').split('=')[0];
      const near = closest(name, Object.keys(options));
      const command = help.usage.split(' ').slice(0, 2).join(' ');
      throw new UserError(
        `unknown option ${unknown}${near ? ` (did you mean --${near}?)` : ''}; '${command} --help' lists every option`,
        EXIT.usage,
      );
    }
    throw new UserError(`${message}\nusage: ${help.usage}`, EXIT.usage);
  }
}

/** The --help text, every line within 80 columns: option sentences hang under their column. */
export function helpText<O extends Options>(options: O, help: CommandHelp<O>): string {
  const label = (name: keyof O & string) => {
    const o = options[name],
      value = help.options[name].value;
    return `${o.short ? `-${o.short}, ` : ''}--${name}${value ? ` ${value}` : ''}`;
  };
  const names = Object.keys(options) as (keyof O & string)[];
  const column = Math.max(...names.map((n) => label(n).length)) + 4;
  const lines = [
    ...wrap(`usage: ${keepGroups(help.usage)}`, WIDTH, 7).map((l) => l.replaceAll(NBSP, ' ')),
    '',
    ...wrap(help.about, WIDTH, 0),
    '',
    'Options:',
    ...names.flatMap((n) =>
      wrap(`  ${label(n).padEnd(column - 2)}${help.options[n].text}`, WIDTH, column - 2),
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
