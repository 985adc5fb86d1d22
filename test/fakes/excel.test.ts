// The Excel fake's own rules, one scenario each (test/fakes/README.md says where Office documents them).
import { describe, expect, it } from 'vitest';
import { createExcelFake, type FakeContext } from './excel.js';

const sheetOf = (c: FakeContext, name = 'Sheet1') => c.workbook.worksheets.getItem(name);

describe('the request queue', () => {
  it('applies nothing until sync, and reads only what was loaded and synced', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (c) => {
      const range = sheetOf(c).getRange('A1:B1');
      range.values = [['a', 1]];
      expect(fake.workbook.sheet('Sheet1').values()).toEqual([['']]); // queued only
      expect(range.values).toEqual([['a', 1]]); // a set property reads back what was set
      const other = sheetOf(c).getRange('A1:B1');
      expect(() => other.values).toThrow(/PropertyNotLoaded|not available/);
      other.load('values,rowCount');
      expect(() => other.rowCount).toThrow(/not available/); // loaded, but not synced yet
      await c.sync();
      expect([other.values, other.rowCount]).toEqual([[['a', 1]], 1]);
    });
    expect(fake.stats).toMatchObject({ syncs: 1, implicitSyncs: 0 });
  });

  it("counts Excel.run's own sync of what is still queued, and needs a promise", async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (c) => {
      sheetOf(c).getRange('A1').values = [[1]];
    });
    expect(fake.stats).toMatchObject({ syncs: 1, implicitSyncs: 1 });
    expect(fake.workbook.sheet('Sheet1').valueAt('A1')).toBe(1);
    await expect(fake.Excel.run((() => undefined) as never)).rejects.toThrow(/promise/);
  });

  it('stops a batch at the failing operation: what came before stays applied', async () => {
    const fake = createExcelFake();
    const run = fake.Excel.run(async (c) => {
      sheetOf(c).getRange('A1').values = [[1]];
      sheetOf(c, 'Missing').getRange('A1').values = [[2]];
      sheetOf(c).getRange('A2').values = [[3]];
      await c.sync();
    });
    await expect(run).rejects.toMatchObject({ name: 'RichApi.Error', code: 'ItemNotFound' });
    expect(fake.workbook.sheet('Sheet1').values()).toEqual([[1]]);
  });

  it('refuses a request or a response over the payload limit', async () => {
    const fake = createExcelFake({ payloadLimit: 10_000 });
    const big = [Array.from({ length: 20 }, () => 'x'.repeat(600))]; // ≈ 12 kB of JSON
    const write = fake.Excel.run(async (c) => {
      sheetOf(c).getRange('A1:T1').values = big;
      await c.sync();
    });
    await expect(write).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.workbook.sheet('Sheet1').usedRangeAddress()).toBe('A1'); // nothing applied
    fake.workbook.seedSheet('Sheet1', big);
    const read = fake.Excel.run(async (c) => {
      sheetOf(c).getRange('A1:T1').load('values');
      await c.sync();
    });
    await expect(read).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(fake.stats.maxResponseBytes).toBeGreaterThan(12_000);
  });
});

describe('Range.values', () => {
  it('reads strings as typed input; an apostrophe keeps text, "" clears and null leaves a cell', async () => {
    const fake = createExcelFake();
    fake.workbook.seedSheet('Sheet1', [
      [null, null, null, null, null, null, null, null, 'keep', 'old'],
    ]);
    await fake.Excel.run(async (c) => {
      sheetOf(c).getRange('A1:J1').values = [
        ['=1+1', '+1-555', '-5', "'=1+1", '1,200', '50%', 'TRUE', '2024-01-05', null, ''],
      ];
      await c.sync();
    });
    const s = fake.workbook.sheet('Sheet1');
    expect(s.formulaCells()).toEqual(['A1', 'B1']);
    // 2024-01-05 is day 45296 of Excel's calendar
    expect(s.values('C1:J1')).toEqual([[-5, '=1+1', 1200, 0.5, true, 45296, 'keep', '']]);
  });

  it('reads "@…" as a formula only when asked to, as Excel typed input does', async () => {
    for (const atSignFormulas of [false, true]) {
      const fake = createExcelFake({ atSignFormulas });
      await fake.Excel.run(async (c) => {
        sheetOf(c).getRange('A1').values = [['@SUM(B1)']];
      });
      expect(fake.workbook.sheet('Sheet1').formulas('A1')).toEqual([
        [atSignFormulas ? '=SUM(B1)' : '@SUM(B1)'],
      ]);
    }
  });

  it('refuses an array of the wrong size, and a range outside the grid', async () => {
    const fake = createExcelFake();
    const wrong = fake.Excel.run(async (c) => {
      sheetOf(c).getRange('A1:B2').values = [[1, 2]];
      await c.sync();
    });
    await expect(wrong).rejects.toMatchObject({ code: 'InvalidArgument' });
    const outside = fake.Excel.run(async (c) => {
      sheetOf(c).getRangeByIndexes(1_048_575, 0, 2, 1).load('values');
      await c.sync();
    });
    await expect(outside).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('intersects two ranges, and fails when they share no cell', async () => {
    const fake = createExcelFake();
    const got = await fake.Excel.run(async (c) => {
      const r = sheetOf(c).getRange('B2:D10').getIntersection(sheetOf(c).getRange('A5:C20'));
      r.load('address');
      await c.sync();
      return r.address;
    });
    expect(got).toBe('Sheet1!B5:C10');
    const apart = fake.Excel.run(async (c) => {
      sheetOf(c).getRange('A1:B2').getIntersection(sheetOf(c).getRange('D4')).load('address');
      await c.sync();
    });
    await expect(apart).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});

describe('worksheets', () => {
  it('refuses a second sheet of the same name (any case) and a missing one', async () => {
    const fake = createExcelFake({ sheets: ['Data'] });
    const add = fake.Excel.run(async (c) => {
      c.workbook.worksheets.add('DATA');
      await c.sync();
    });
    await expect(add).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    const get = fake.Excel.run(async (c) => {
      sheetOf(c, 'Nope').load('name');
      await c.sync();
    });
    await expect(get).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  it('finds a sheet or table by an id that survives a rename; gone, it is a null object', async () => {
    const fake = createExcelFake({ sheets: ['Data', 'Other'] });
    fake.workbook.seedTable('Data', 'A1:B3', 'Sales');
    const ids = await fake.Excel.run(async (c) => {
      const ws = sheetOf(c, 'Data').load('id');
      const table = c.workbook.tables.getItemOrNullObject('sales').load('id'); // names: any case
      await c.sync();
      ws.name = 'FY24';
      await c.sync();
      return { sheet: ws.id, table: table.id };
    });
    await fake.Excel.run(async (c) => {
      const ws = c.workbook.worksheets.getItem(ids.sheet).load('name');
      const table = c.workbook.tables.getItemOrNullObject(ids.table).load('name');
      await c.sync();
      expect([ws.name, table.isNullObject, table.name]).toEqual(['FY24', false, 'Sales']);
      ws.delete();
      await c.sync();
    });
    await fake.Excel.run(async (c) => {
      const ws = c.workbook.worksheets.getItemOrNullObject(ids.sheet).load('name');
      const table = c.workbook.tables.getItemOrNullObject(ids.table).load('id');
      const blank = sheetOf(c, 'Other').getUsedRangeOrNullObject(true).load('address');
      expect(() => ws.isNullObject).toThrow(/not available/); // only after the sync
      await c.sync();
      expect([ws.isNullObject, table.isNullObject, blank.isNullObject]).toEqual([true, true, true]);
      c.workbook.worksheets.add('FY24'); // a new sheet of the old name has a new id
      await c.sync();
      ws.getRange('A1').load('values'); // a null object cannot be used
      await expect(c.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
    const again = fake.Excel.run(async (c) => {
      c.workbook.worksheets.getItem(ids.sheet).load('name');
      await c.sync();
    });
    await expect(again).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  it('keeps one visible sheet, and activates no hidden one', async () => {
    const fake = createExcelFake({ sheets: ['A', 'B'] });
    await fake.Excel.run(async (c) => {
      sheetOf(c, 'B').visibility = 'Hidden';
      await c.sync();
    });
    const lastVisible = fake.Excel.run(async (c) => {
      sheetOf(c, 'A').delete();
      await c.sync();
    });
    await expect(lastVisible).rejects.toMatchObject({ code: 'InvalidOperation' });
    const hidden = fake.Excel.run(async (c) => {
      sheetOf(c, 'B').activate();
      await c.sync();
    });
    await expect(hidden).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  it("deleting a sheet breaks the other sheets' formulas into it, for good", async () => {
    const fake = createExcelFake({ sheets: ['Notes', 'Report'] });
    await fake.Excel.run(async (c) => {
      sheetOf(c, 'Notes').getRange('A1:B1').formulas = [['=Report!C7', "='Other'!A1"]];
      sheetOf(c, 'Report').delete();
      c.workbook.worksheets.add('Report');
      await c.sync();
    });
    const notes = fake.workbook.sheet('Notes');
    expect(notes.formulas('A1:B1')).toEqual([['=#REF!', "='Other'!A1"]]);
    expect(notes.values('A1')).toEqual([['#REF!']]);
  });

  it("finds the block of cells around a cell, as Excel's current region", async () => {
    const fake = createExcelFake();
    fake.workbook.seedSheet(
      'Sheet1',
      [
        ['h1', 'h2', null, 'apart'],
        [1, 2],
        [3, null, 4],
      ],
      { startRow: 2, startCol: 1 },
    );
    await fake.Excel.run(async (c) => {
      const region = sheetOf(c).getRange('C4').getSurroundingRegion().load('address');
      await c.sync();
      expect(region.address).toBe('Sheet1!B3:E5'); // the diagonal 4 joins column D, D joins E
    });
  });
});
