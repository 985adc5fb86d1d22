/**
 * A worksheet's last elements in the schema's order (cli/xlsx-sheet-tail.ts): ExcelJS's streaming
 * writer puts `<sheetProtection>` after `<dataValidations>`, which Excel does not accept.
 */
import { describe, expect, it } from 'vitest';
import { inSchemaOrder } from '../../cli/xlsx-sheet-tail.js';

describe('inSchemaOrder', () => {
  it("moves the protection before the filter and the validations, as ExcelJS's order is not", () => {
    expect(
      inSchemaOrder(
        '<autoFilter ref="A1:B9"/><dataValidations count="1"><dataValidation type="list" sqref="A2"><formula1>"a,b"</formula1></dataValidation></dataValidations><sheetProtection sheet="1"/><pageMargins left="0.7"/>',
      ),
    ).toBe(
      '<sheetProtection sheet="1"/><autoFilter ref="A1:B9"/><dataValidations count="1"><dataValidation type="list" sqref="A2"><formula1>"a,b"</formula1></dataValidation></dataValidations><pageMargins left="0.7"/>',
    );
  });

  it('puts a drawing before the table parts, and keeps elements of one name in their order', () => {
    expect(
      inSchemaOrder(
        '<tableParts count="1"><tablePart r:id="rId1"/></tableParts><conditionalFormatting sqref="B2"><cfRule priority="1"/></conditionalFormatting><headerFooter><oddHeader>&amp;C&amp;A</oddHeader></headerFooter><conditionalFormatting sqref="A2"><cfRule priority="1"/></conditionalFormatting><drawing r:id="rId2"/>',
      ),
    ).toBe(
      '<conditionalFormatting sqref="B2"><cfRule priority="1"/></conditionalFormatting><conditionalFormatting sqref="A2"><cfRule priority="1"/></conditionalFormatting><headerFooter><oddHeader>&amp;C&amp;A</oddHeader></headerFooter><drawing r:id="rId2"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts>',
    );
  });

  it('refuses an element with no place after the sheet data, and a cut element', () => {
    expect(() => inSchemaOrder('<pageMargins/><sheetData/>')).toThrow(/<sheetData> has no place/);
    expect(() => inSchemaOrder('<headerFooter><oddHeader>x</oddHeader>')).toThrow(/not whole/);
  });
});
