/**
 * The CLI's one mapping from problems to exit codes (STYLE habit 4): every failure a user can cause
 * ends as one line on stderr and a non-zero exit, never a stack trace.
 */
import type { ErrorCode } from '../core/errors.js';

export const EXIT = { ok: 0, input: 1, usage: 2, bug: 70 } as const;

/** A failure caused by the user's input or command line; the message is the whole story. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.input,
  ) {
    super(message);
  }
}

/**
 * Core error codes → exit codes, the CLI's one map: settings and column choices that cannot be
 * used are a usage problem (fix the command or settings.json), the rest are input problems (the file).
 */
export const EXIT_FOR: Record<ErrorCode, number> = {
  'bad-settings': EXIT.usage,
  'bad-mapping': EXIT.usage,
  empty: EXIT.input,
  'no-header': EXIT.input,
  'missing-column': EXIT.input,
  'no-gross-profit': EXIT.input,
  'no-usable-rows': EXIT.input,
  'no-periods': EXIT.input,
  'table-not-found': EXIT.input,
  'table-gone': EXIT.input,
};

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_FOR[code];
}

/**
 * A core message in the command line's words: the core says "the setting {…}" (the pane has a
 * settings form), the CLI takes settings through --settings, which also accepts the JSON itself.
 */
export function inCliWords(message: string): string {
  return message.replace(
    /the setting (\{[^}]*\}), or select the table from its header row/,
    "--settings '$1'",
  );
}
