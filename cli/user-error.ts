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

/** Core error codes → exit codes: bad settings are a usage problem, the rest are input problems. */
export function exitCodeFor(code: ErrorCode): number {
  return code === 'bad-settings' ? EXIT.usage : EXIT.input;
}
