/**
 * Conditional formats of a report sheet. Sheet.setConditionalFormatRules REPLACES all rules, so we
 * get the existing ones, append ours, and set them back: a user's rules survive.
 */
import { LOSS_FONT, SCALE_COLOURS } from '../core/report/colours.js';
import type { ConditionalSpec } from '../core/report/sheet-spec.js';
import { rangeAt as at } from './range-at.js';

export function addConditionalRules(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  specs: ConditionalSpec[],
): void {
  if (specs.length === 0) return;
  const rules = sheet.getConditionalFormatRules();
  for (const spec of specs) {
    if (spec.type === 'text') {
      for (const t of spec.texts ?? [])
        rules.push(
          SpreadsheetApp.newConditionalFormatRule()
            .setRanges([at(sheet, spec.range)])
            .whenTextEqualTo(t.text)
            .setBackground(t.color)
            .build(),
        );
      continue;
    }
    const builder = SpreadsheetApp.newConditionalFormatRule().setRanges([at(sheet, spec.range)]);
    if (spec.type === 'negative') builder.whenNumberLessThan(0).setFontColor(LOSS_FONT);
    else {
      builder
        .setGradientMinpoint(SCALE_COLOURS[0])
        .setGradientMidpointWithValue(
          SCALE_COLOURS[1],
          SpreadsheetApp.InterpolationType.NUMBER,
          '0',
        )
        .setGradientMaxpoint(SCALE_COLOURS[2]);
    }
    rules.push(builder.build());
  }
  sheet.setConditionalFormatRules(rules);
}
