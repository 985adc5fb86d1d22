/**
 * What the streamed sheet reader does where ExcelJS's whole load cannot be the oracle: rows and
 * cells without their optional `r` attribute (ExcelJS fails on them) are the ones after the
 * previous; a cell at XFD1 makes a row 16,384 wide.
 */
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../cli/read-xlsx.js';
import { workbook } from './hand-made-xlsx.js';
import { readXlsxWhole } from './read-xlsx-whole.js';

const text = (s: string) => `<c t="inlineStr"><is><t>${s}</t></is></c>`;

describe('rows and cells without r', () => {
  it('are the row and the column after the previous one', async () => {
    const bytes = await workbook({
      sheets: [
        {
          xml: `<row>${text('Customer')}${text('Revenue')}</row><row>${text('A')}<c><v>5</v></c></row><row r="5"><c r="B5"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>`,
        },
      ],
    });
    const t = await readXlsx(bytes);
    expect(t.values).toEqual([
      ['Customer', 'Revenue', null],
      ['A', 5, null],
      [null, null, null],
      [null, null, null],
      [null, 1, 2],
      [3, null, null],
    ]);
    await expect(readXlsxWhole(bytes)).rejects.toThrow(); // why the differential test leaves them out
  });
});

describe('a cell in the last column', () => {
  it('XFD1 widens every row to 16,384 cells', async () => {
    const bytes = await workbook({
      sheets: [
        {
          xml: `<row r="1">${text('Customer')}<c r="XFD1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`,
        },
      ],
    });
    const { values } = await readXlsx(bytes);
    expect(values.map((r) => r.length)).toEqual([16_384, 16_384]);
    expect([values[0][0], values[0][16_383], values[1][0], values[1][16_383]]).toEqual([
      'Customer',
      1,
      2,
      null,
    ]);
  });
});
