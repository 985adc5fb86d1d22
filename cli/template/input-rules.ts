/**
 * Data validation for the template's inputs, in the units the Settings sheet shows: a share is a
 * percentage from 0 % to 100 % (80 typed for 80 % is refused), money and counts are numbers
 * (a rate of "abc" is refused), a method comes from its list. Every rule refuses (stop), with a
 * message saying what the cell takes.
 */
import type ExcelJS from 'exceljs';

const refuse = (title: string, error: string) => ({
  allowBlank: true,
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: title,
  error,
});

/** A share typed as a percentage: 0 % to 100 %. */
export const shareRule = (what: string): ExcelJS.DataValidation => ({
  type: 'decimal',
  operator: 'between',
  formulae: [0, 1],
  ...refuse('A share', `${what}: a share from 0 % to 100 %, typed with its % sign (80 %, not 80).`),
});

/** A number at least `min`: money, counts, minutes (min 0), a change (min −100 %). */
export const atLeastRule = (min: number, what: string): ExcelJS.DataValidation => ({
  type: 'decimal',
  operator: 'greaterThanOrEqual',
  formulae: [min],
  ...refuse(
    'A number',
    `${what}: a number${min === 0 ? ' of 0 or more' : min === -1 ? ' of -100 % or more' : ` of ${min} or more`}.`,
  ),
});

/** Any number (money that may be negative): text such as "$82,310.53" is refused. */
export const numberRule = (what: string): ExcelJS.DataValidation => ({
  type: 'decimal',
  operator: 'between',
  formulae: [-1e300, 1e300],
  ...refuse(
    'A number',
    `${what}: a plain number (82310.53), without a currency sign or text; a loss with a minus sign.`,
  ),
});

/** A margin: a number up to 100 % (a margin above it is impossible; 15 typed for 15 % is refused). */
export const marginRule = (what: string): ExcelJS.DataValidation => ({
  type: 'decimal',
  operator: 'lessThanOrEqual',
  formulae: [1],
  ...refuse(
    'A margin',
    `${what}: a net margin typed with its % sign (15 %, not 15), at most 100 %.`,
  ),
});

/** One of `values`, from a drop-down. */
export const listRule = (values: readonly string[], what: string): ExcelJS.DataValidation => ({
  type: 'list',
  formulae: [`"${values.join(',')}"`],
  ...refuse('From the list', `${what}: one of ${values.join(', ')}.`),
});

/** One of the values of a workbook name (a range), from a drop-down. */
export const rangeListRule = (name: string, what: string): ExcelJS.DataValidation => ({
  type: 'list',
  formulae: [name],
  ...refuse('From the list', `${what}: pick one from the list.`),
});
