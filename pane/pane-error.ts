/**
 * The pane's one presentation of the core's error vocabulary (core/errors.ts), for the Excel task
 * pane, the Sheets sidebar and the test host alike: the core's line as a sentence, then what to do
 * in the pane. Hosts throw a PaneError for every InputError; from the Sheets server only its
 * message crosses google.script.run, already presented.
 */
import type { ErrorCode, InputError } from '../core/errors.js';
import { type StringKey, t } from './strings/language.js';

/**
 * What the user can do about it in the pane, in the pane's language (a Sheets server, which has
 * no language set, says it in English); none where the core's line already says so.
 */
const WHAT_TO_DO: Record<ErrorCode, StringKey | null> = {
  empty: 'error.reselect',
  'no-header': 'error.reselect',
  'missing-column': 'error.missingColumn',
  'bad-mapping': 'error.badMapping',
  'no-gross-profit': 'error.noGrossProfit',
  'no-usable-rows': 'error.noUsableRows',
  'bad-settings': null,
  'no-periods': 'error.noPeriods',
  'table-not-found': null,
  'table-gone': null,
};

/**
 * Example: `paneMessage({ code: 'missing-column', message: 'no revenue column (…)' })` →
 * `No revenue column (…). Pick it under Columns.`
 */
export function paneMessage(error: InputError): string {
  const line = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  const sentence = /[.!?]$/.test(line) ? line : `${line}.`;
  const hint = WHAT_TO_DO[error.code];
  return hint ? `${sentence} ${t(hint)}` : sentence;
}

/** An InputError on its way to the pane: the presented message, and the code for tests. */
export class PaneError extends Error {
  readonly code: ErrorCode;
  constructor(error: InputError) {
    super(paneMessage(error));
    this.code = error.code;
  }
}
