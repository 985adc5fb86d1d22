/** Command-line options parsed by node's parseArgs, its errors turned into one-line usage errors. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { EXIT, UserError } from './user-error.js';

export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  usage: string,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(`${(e as Error).message.split('\n')[0]}\nusage: ${usage}`, EXIT.usage);
  }
}
