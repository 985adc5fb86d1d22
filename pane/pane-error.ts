/**
 * The pane's one presentation of the core's error vocabulary (core/errors.ts), for the Excel task
 * pane, the Sheets sidebar and the test host alike: the core's line as a sentence, then what to do
 * in the pane. Hosts throw a PaneError for every InputError; from the Sheets server only its
 * message crosses google.script.run, already presented.
 */
import type { ErrorCode, InputError } from '../core/errors.js';

const RESELECT = 'Select your customer table (or a cell in it) and choose "Use my table".';

/** What the user can do about it in the pane; '' where the core's line already says so. */
const WHAT_TO_DO: Record<ErrorCode, string> = {
  empty: RESELECT,
  'no-header': RESELECT,
  'missing-column': 'Pick it under Columns.',
  'bad-mapping': 'The headers changed since the table was found: choose "Use my table".',
  'no-gross-profit':
    'Pick the cost of goods or gross profit column under Columns, or tick "No cost of goods or gross profit column" under Cost-to-serve.',
  'no-usable-rows': 'Check the columns picked under Columns.',
  'bad-settings': '',
  'no-periods': 'Pick a Period column holding two periods or more, or leave Migration off.',
  'table-not-found': '',
  'table-gone': '',
};

/**
 * Example: `paneMessage({ code: 'missing-column', message: 'no revenue column (…)' })` →
 * `No revenue column (…). Pick it under Columns.`
 */
export function paneMessage(error: InputError): string {
  const line = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  const sentence = /[.!?]$/.test(line) ? line : `${line}.`;
  const hint = WHAT_TO_DO[error.code];
  return hint ? `${sentence} ${hint}` : sentence;
}

/** An InputError on its way to the pane: the presented message, and the code for tests. */
export class PaneError extends Error {
  readonly code: ErrorCode;
  constructor(error: InputError) {
    super(paneMessage(error));
    this.code = error.code;
  }
}
