/**
 * Conditional formats of a report sheet. Sheet.setConditionalFormatRules REPLACES all rules, so we
 * get the existing ones, append ours, and set them back: a user's rules survive.
 */
import { heat } from '../core/report/colours.js';
import type { ConditionalSpec } from '../core/report/sheet-spec.js';
import { rangeAt as at } from './range-at.js';

/** The red of losses, from the same diverging scale as the matrix heat colours. */
const LOSS_RED = heat(-1);

export function addConditionalRules(sheet: GoogleAppsScript.Spreadsheet.Sheet, specs: ConditionalSpec[]): void {
  if (specs.length === 0) return;
  const rules = sheet.getConditionalFormatRules();
  for (const spec of specs) {
    const builder = SpreadsheetApp.newConditionalFormatRule().setRanges([at(sheet, spec.range)]);
    if (spec.type === 'negative') builder.whenNumberLessThan(0).setFontColor(LOSS_RED);
    else {
      builder.setGradientMinpoint(heat(-1))
        .setGradientMidpointWithValue(heat(0), SpreadsheetApp.InterpolationType.NUMBER, '0')
        .setGradientMaxpoint(heat(1));
    }
    rules.push(builder.build());
  }
  sheet.setConditionalFormatRules(rules);
}
