// The SpreadsheetApp fake's own rules, one scenario each (test/fakes/README.md says where Google
// documents them). Outside node:vm the fake throws this realm's Errors.
import { describe, expect, it } from 'vitest';
import { createAppsScriptFake, type FakeOptions } from './spreadsheet-app.js';

function app(opts: FakeOptions = {}) {
  const fake = createAppsScriptFake({ sheetNames: ['Data'], ...opts });
  const ss = () => fake.globals.SpreadsheetApp.getActiveSpreadsheet();
  return { fake, ss, data: () => ss().getSheetByName('Data')! };
}

describe('the execution clock', () => {
  it('charges each call and each cell, and counts calls per method', () => {
    const { fake, data } = app({ msPerCall: 50, msPerCell: 0.5 });
    fake.execute(() =>
      data()
        .getRange(1, 1, 2, 3)
        .setValues([
          [1, 2, 3],
          [4, 5, 6],
        ]),
    );
    // getActiveSpreadsheet, getSheetByName, getRange, setValues: 4 × 50 ms, plus 6 cells × 0.5 ms
    expect(fake.lastExecutionMs).toBe(203);
    expect(fake.calls.byMethod['Range.setValues']).toBe(1);
    expect(fake.calls.spreadsheet).toBe(4);
  });

  it('stops an execution past 6 minutes with "Exceeded maximum execution time", for good', () => {
    const { fake, data } = app();
    fake.globals.SpreadsheetApp.getActiveSpreadsheet(); // outside an execution: no clock
    let calls = 0;
    const perCell = () => {
      const sheet = data();
      for (let i = 0; i < 10_000; i++) {
        calls++;
        sheet.getRange((i % 1000) + 1, 1).setValue(i); // two calls a cell, 100 ms: the anti-pattern
      }
    };
    expect(() => fake.execute(perCell)).toThrow('Exceeded maximum execution time');
    // 100 ms to find the sheet, then 100.02 ms a cell (two calls, one cell): 100 + 3,598 × 100.02
    // = 359,972 ms, and the getRange of cell 3,599 crosses 360,000
    expect(calls).toBe(3_599);
    expect(() => fake.execute(() => data().getRange('A1').getValues())).not.toThrow(); // a new execution
    fake.executionLimitMs = 120;
    expect(() =>
      fake.execute(() => {
        try {
          data().getRange('A1').getValues();
        } catch {
          // a script cannot catch its way past the limit
        }
        return data();
      }),
    ).toThrow('Exceeded maximum execution time');
  });
});

describe('ranges and values', () => {
  it('are 1-based and stay inside the grid of a new sheet (1,000 × 26)', () => {
    const { data } = app();
    expect(() => data().getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => data().getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => data().getRange(1000, 26).getValues()).not.toThrow();
    expect(() => data().getRange(1001, 1)).toThrow('outside the dimensions of the sheet');
    expect(data().getRange('B3:C4').getA1Notation()).toBe('B3:C4');
    expect(data().getRange('A:L').getA1Notation()).toBe('A1:L1000'); // whole columns: the grid's rows
  });

  it('reads setValues strings as typed input, and wants the data the size of the range', () => {
    const { fake, data } = app({ timeZone: 'Asia/Tokyo' });
    data()
      .getRange(1, 1, 1, 6)
      .setValues([['=A2*2', '-5', "'=not a formula", 'TRUE', '1,200', '2024-01-05']]);
    const cells = fake.spreadsheet.inspectCells('Data', 'A1:F1')[0];
    expect(cells.map((c) => c.isFormula)).toEqual([true, false, false, false, false, false]);
    const [, ...values] = data().getRange(1, 1, 1, 6).getValues()[0];
    expect(values.slice(0, 4)).toEqual([-5, '=not a formula', true, 1200]);
    expect((values[4] as Date).toISOString()).toBe('2024-01-04T15:00:00.000Z'); // midnight in Tokyo
    expect(() =>
      data()
        .getRange(1, 1, 2, 2)
        .setValues([[1, 2]]),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
  });
});

describe('sheets', () => {
  it('refuses a second sheet of a taken name, in any case', () => {
    const { ss } = app();
    expect(() => ss().insertSheet('DATA')).toThrow(
      'A sheet with the name "DATA" already exists. Please enter another name.',
    );
  });

  it('finds a sheet by an id that survives a rename and is never reused; metadata stays with it', () => {
    const { ss, data } = app();
    const id = data().getSheetId();
    data().addDeveloperMetadata('owner', 'Data');
    ss().getSheetByName('Data')!.setName('FY24');
    expect(ss().getSheetById(id)!.getName()).toBe('FY24');
    expect(
      ss()
        .getSheetById(id)!
        .getDeveloperMetadata()
        .map((m) => [m.getKey(), m.getValue()]),
    ).toEqual([['owner', 'Data']]);
    ss().insertSheet('Other');
    ss().deleteSheet(ss().getSheetById(id)!);
    expect(ss().getSheetById(id)).toBeNull();
    expect(ss().insertSheet('FY24').getSheetId()).not.toBe(id);
    expect(ss().getSheetByName('FY24')!.getDeveloperMetadata()).toEqual([]);
  });

  it('deleting rows or columns moves the cells after them; one row and one column stay', () => {
    const { fake, data } = app();
    data()
      .getRange('A1:C3')
      .setValues([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]);
    data()
      .getRange('A3:C3')
      .setNumberFormats([['0.0', '0.0', '0.0']]);
    data().deleteRows(2, 1);
    data().deleteColumns(1, 1);
    expect(data().getRange('A1:B2').getValues()).toEqual([
      [2, 3],
      [8, 9],
    ]);
    expect(fake.spreadsheet.inspectCell('Data', 'A2').numberFormat).toBe('0.0');
    expect([data().getMaxRows(), data().getMaxColumns()]).toEqual([999, 25]);
    expect(() => data().deleteRows(1, 999)).toThrow('not possible to delete all non-frozen rows');
    expect(() => data().deleteColumns(2, 25)).toThrow('out of bounds');
  });

  it('holds at most 10,000,000 cells in the whole spreadsheet', () => {
    const { ss, data } = app();
    data().insertColumnsAfter(26, 74); // 1,000 × 100
    data().insertRowsAfter(1000, 98_000); // 99,000 × 100 = 9,900,000
    expect(() => ss().insertSheet('More')).not.toThrow(); // + 26,000
    expect(() => data().insertRowsAfter(99_000, 1_000)).toThrow(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
  });

  it('clear() leaves the filter, rules and charts; one filter a sheet; rules are replaced whole', () => {
    const { fake, data } = app();
    const sheet = data();
    sheet.getRange('A1:B5').createFilter();
    const rule = fake.globals.SpreadsheetApp.newConditionalFormatRule()
      .setRanges([sheet.getRange('B2:B5')])
      .whenNumberLessThan(0)
      .setFontColor('#c00000')
      .build();
    sheet.setConditionalFormatRules([rule]);
    sheet.clear();
    expect(() => sheet.getRange('A1:B5').createFilter()).toThrow('already has a filter');
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);
    sheet.setConditionalFormatRules([]);
    expect(fake.spreadsheet.inspectSheet('Data')).toMatchObject({
      filter: 'A1:B5',
      conditionalFormatRules: [],
    });
  });

  it("deleting a sheet breaks the other sheets' formulas into it", () => {
    const { fake, ss, data } = app();
    const report = ss().insertSheet('Profit Matrix');
    data()
      .getRange('A1')
      .setFormulas([["='Profit Matrix'!C7"]]);
    ss().deleteSheet(report);
    expect(data().getRange('A1').getFormulas()).toEqual([['=#REF!']]);
    expect(data().getRange('A1').getValues()).toEqual([['#REF!']]);
    expect(() => report.getName()).toThrow('deleted');
    expect(fake.spreadsheet.sheetNames()).toEqual(['Data']);
    expect(() => ss().deleteSheet(data())).toThrow("You can't remove all the sheets");
  });

  it('in AuthMode.NONE reads nothing, for that execution only', () => {
    const { fake } = app();
    const open = fake.openEvent('NONE');
    expect(open.authMode).toBe('NONE');
    expect(() => fake.execute(() => fake.globals.SpreadsheetApp.getActiveSpreadsheet())).toThrow(
      /permission/,
    );
    expect(() =>
      fake.execute(() => fake.globals.SpreadsheetApp.getActiveSpreadsheet()),
    ).not.toThrow();
  });
});
