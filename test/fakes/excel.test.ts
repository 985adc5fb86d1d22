// Tests of the in-memory Office.js Excel fake (test/fakes/excel.ts): the proxy/queue/sync model, the
// errors the real host raises, Excel's value-entry semantics, and the inspectors other tests rely on.
import { describe, expect, it } from 'vitest';
import {
  createExcelFake,
  FakeNotImplementedError,
  FakeOfficeError,
  type RequestContext,
} from './excel.js';

async function rejects(p: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FakeOfficeError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('proxy objects and the request queue', () => {
  it('throws PropertyNotLoaded when reading a property that was not loaded and synced', async () => {
    const fake = createExcelFake();
    fake.workbook.seedSheet('Sheet1', [
      [1, 2],
      [3, 4],
    ]);
    await fake.Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      expect(() => range.values).toThrow(
        `The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
      range.load('values, rowCount, address');
      expect(() => range.values).toThrow(/not available/); // loaded but not yet synced
      await ctx.sync();
      expect(range.values).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(range.rowCount).toBe(2);
      expect(range.address).toBe('Sheet1!A1:B2');
      expect(() => range.columnCount).toThrow(FakeOfficeError);
      try {
        void range.formulas;
      } catch (e) {
        expect((e as FakeOfficeError).code).toBe('PropertyNotLoaded');
      }
    });
  });

  it('applies nothing until sync, then applies in queue order', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const a1 = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      a1.values = [['first']];
      a1.values = [['second']];
      expect(fake.workbook.sheet('Sheet1').valueAt('A1')).toBe('');
      // Like Office.js, a value you set is readable on that proxy without a load (it is what you set).
      expect(a1.values).toEqual([['second']]);
      await ctx.sync();
      expect(fake.workbook.sheet('Sheet1').valueAt('A1')).toBe('second');
    });
  });

  it('supports load(string), load(array), load(object) and navigation paths', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('B2:C3');
      r.format.fill.color = '#ff0000';
      r.format.font.bold = true;
      await ctx.sync();
      const a = ctx.workbook.worksheets
        .getActiveWorksheet()
        .getRange('B2:C3')
        .load(['rowIndex', 'columnIndex']);
      const b = ctx.workbook.worksheets
        .getActiveWorksheet()
        .getRange('B2:C3')
        .load({ select: 'cellCount', expand: 'format/fill' });
      const c = ctx.workbook.worksheets
        .getActiveWorksheet()
        .getRange('B2')
        .load({ format: { font: { bold: true } }, text: true });
      const d = ctx.workbook.worksheets
        .getActiveWorksheet()
        .getRange('B2:C3')
        .load('format/fill/color');
      await ctx.sync();
      expect([a.rowIndex, a.columnIndex]).toEqual([1, 1]);
      expect(b.cellCount).toBe(4);
      expect(b.format.fill.color).toBe('#FF0000');
      expect(c.format.font.bold).toBe(true);
      expect(c.text).toEqual([['']]);
      expect(d.format.fill.color).toBe('#FF0000');
      expect(() => r.load('noSuchProperty')).toThrow(FakeNotImplementedError);
    });
  });

  it('reads mixed formats as null and untouched fills as #FFFFFF, like Excel', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      s.getRange('A1').format.fill.color = 'yellow';
      const mixed = s.getRange('A1:A2').load('format/fill/color');
      const plain = s.getRange('B1').load('format/fill/color');
      await ctx.sync();
      expect(mixed.format.fill.color).toBeNull();
      expect(plain.format.fill.color).toBe('#FFFFFF');
    });
    expect(fake.workbook.sheet('Sheet1').fillAt('A1')).toBe('#FFFF00');
    expect(fake.workbook.sheet('Sheet1').fillAt('B1')).toBeUndefined();
  });
});

describe('sync counting and payload limits', () => {
  it('counts every sync, requests only when something was queued, and the implicit sync of Excel.run', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      await ctx.sync(); // nothing queued: a sync, not a request
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]];
      await ctx.sync();
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A2').values = [[2]]; // left for Excel.run to flush
    });
    expect(fake.stats.syncs).toBe(3);
    expect(fake.stats.requests).toBe(2);
    expect(fake.stats.implicitSyncs).toBe(1);
    expect(fake.stats.runs).toBe(1);
    expect(fake.workbook.sheet('Sheet1').values()).toEqual([[1], [2]]);
    fake.resetStats();
    expect(fake.stats.syncs).toBe(0);
  });

  it('rejects Excel.run when the batch does not return a promise', async () => {
    const fake = createExcelFake();
    const e = await rejects(
      fake.Excel.run(
        ((_ctx: RequestContext) => undefined) as unknown as (c: RequestContext) => Promise<void>,
      ),
    );
    expect(e.code).toBe('RunMustReturnPromise');
  });

  it('rejects a sync whose request exceeds 5 MB (RequestPayloadSizeLimitExceeded) without applying it', async () => {
    const fake = createExcelFake();
    const rows = Array.from({ length: 100_000 }, (_, i) => [
      `customer-${i}`,
      i * 1.5,
      'some text to make it bigger',
      i,
    ]);
    const e = await rejects(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, rows.length, 4).values =
          rows;
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(e.message).toMatch(/request payload size has exceeded the limit/);
    expect(fake.stats.maxRequestBytes).toBeGreaterThan(5_000_000);
    expect(fake.workbook.sheet('Sheet1').usedRangeAddress()).toBeNull();

    // The same data in two syncs fits.
    const fake2 = createExcelFake();
    await fake2.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      s.getRangeByIndexes(0, 0, 50_000, 4).values = rows.slice(0, 50_000);
      await ctx.sync();
      s.getRangeByIndexes(50_000, 0, 50_000, 4).values = rows.slice(50_000);
      await ctx.sync();
    });
    expect(fake2.stats.maxRequestBytes).toBeLessThan(5_000_000);
    expect(fake2.stats.maxRequestBytes).toBeGreaterThan(1_000_000);
    expect(fake2.workbook.sheet('Sheet1').usedRangeAddress()).toBe('A1:D100000');
  });

  it('rejects a load whose response exceeds 5 MB (ResponsePayloadSizeLimitExceeded)', async () => {
    const fake = createExcelFake();
    const row = [
      'a fairly long customer name here',
      'another long text value in the row',
      123456.789,
    ];
    fake.workbook.seedSheet(
      'Sheet1',
      Array.from({ length: 80_000 }, () => row),
    );
    const e = await rejects(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getUsedRange().load('values');
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('ResponsePayloadSizeLimitExceeded');
  });

  it('keeps operations queued before a failing one applied, and drops the rest', async () => {
    const fake = createExcelFake();
    const e = await rejects(
      fake.Excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem('Sheet1');
        s.getRange('A1').values = [['before']];
        s.getRange('A2:B2').values = [[1]]; // wrong size
        s.getRange('A3').values = [['after']];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('InvalidArgument');
    expect(e.debugInfo.errorLocation).toBe('Range.values');
    expect(fake.workbook.sheet('Sheet1').values('A1:A3')).toEqual([['before'], [''], ['']]);
  });
});

describe('Range values', () => {
  it('throws InvalidArgument at sync when a 2-D array does not match the range size', async () => {
    const fake = createExcelFake();
    for (const bad of [[[1, 2, 3]], [[1, 2], [3]], [[1]], [1, 2] as unknown]) {
      const e = await rejects(
        fake.Excel.run(async (ctx) => {
          const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
          r.values = bad;
          await ctx.sync();
        }),
      );
      expect(e.code).toBe('InvalidArgument');
      if (Array.isArray(bad) && Array.isArray(bad[0]))
        expect(e.message).toBe(
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
    }
  });

  it('broadcasts a single (non-array) value, and a 1x1 numberFormat, to every cell', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      r.values = 7;
      r.numberFormat = [['0.00']];
      await ctx.sync();
    });
    const s = fake.workbook.sheet('Sheet1');
    expect(s.values()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(s.numberFormats('A1:B2')).toEqual([
      ['0.00', '0.00'],
      ['0.00', '0.00'],
    ]);
    expect(s.textAt('B2')).toBe('7.00');
  });

  it('turns "=..." into a formula, keeps apostrophe-prefixed and "@"-formatted strings as text', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      s.getRange('B1:B2').numberFormat = [['@'], ['@']];
      s.getRange('A1:A6').values = [
        ['=HYPERLINK("http://x","y")'],
        ["'=SUM(A1)"],
        ['+cmd'],
        ['-cmd'],
        ['@SUM(A1)'],
        ['='],
      ];
      s.getRange('B1:B2').values = [['=1+1'], ['12']];
      await ctx.sync();
    });
    const s = fake.workbook.sheet('Sheet1');
    expect(s.isFormula('A1')).toBe(true);
    expect(s.formulaAt('A1')).toBe('=HYPERLINK("http://x","y")');
    expect(s.valueAt('A2')).toBe('=SUM(A1)');
    expect(s.isFormula('A2')).toBe(false);
    expect(s.valueAt('A1')).toBe(0); // formulas are not calculated (cached value 0 unless trivial)
    expect(s.formulaAt('A3')).toBe('=+cmd'); // "+" and "-" start a formula too
    expect(s.formulaAt('A4')).toBe('=-cmd');
    expect(s.isFormula('A5')).toBe(false);
    expect(s.valueAt('A6')).toBe('='); // a lone "=" is text
    expect(s.valueAt('B1')).toBe('=1+1');
    expect(s.valueAt('B2')).toBe('12');
    expect(s.formulaCells()).toEqual(['A1', 'A3', 'A4']);
  });

  it('uses the number format the cell has when the value is written (queue order)', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      s.getRange('A1').values = [['=1+1']]; // written before the cell becomes text
      s.getRange('A1:A2').numberFormat = '@'; // a single value also broadcasts
      s.getRange('A2').values = [['=1+1']];
      await ctx.sync();
    });
    const s = fake.workbook.sheet('Sheet1');
    expect(s.isFormula('A1')).toBe(true);
    expect(s.valueAt('A1')).toBe(2);
    expect(s.isFormula('A2')).toBe(false);
    expect(s.valueAt('A2')).toBe('=1+1');
  });

  it('parses numeric-looking, boolean and date strings like typed input, and reads empty cells as ""', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A10');
      r.values = [
        ['12'],
        ['-5'],
        ['1,234'],
        ['12.5%'],
        ['$1,000'],
        ['007'],
        ["'007"],
        ['TRUE'],
        ['2024-03-01'],
        ['#N/A'],
      ];
      await ctx.sync();
      const back = ctx.workbook.worksheets
        .getItem('Sheet1')
        .getRange('A1:A11')
        .load('values, valueTypes, text');
      await ctx.sync();
      expect(back.values.map((v) => v[0])).toEqual([
        12,
        -5,
        1234,
        0.125,
        1000,
        7,
        '007',
        true,
        45352,
        '#N/A',
        '',
      ]);
      expect(back.valueTypes[9][0]).toBe('Error');
      expect(back.valueTypes[10][0]).toBe('Empty');
      expect(back.text.map((v) => v[0])).toEqual([
        '12',
        '-5',
        '1,234',
        '12.50%',
        '$1,000',
        '7',
        '007',
        'TRUE',
        '2024-03-01',
        '#N/A',
        '',
      ]);
    });
  });

  it('leaves cells unchanged for null (and NaN, which JSON sends as null) and clears them for ""', async () => {
    const fake = createExcelFake();
    fake.workbook.seedSheet('Sheet1', [['a', 'b', 'c']]);
    await fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:C1').values = [[null, Number.NaN, '']];
      await ctx.sync();
    });
    expect(fake.workbook.sheet('Sheet1').values('A1:C1')).toEqual([['a', 'b', '']]);
    expect(fake.workbook.warnings.join('\n')).toMatch(/NaN .* left unchanged/);
  });

  it('reads cell-level properties of unbounded ranges as null and refuses to write them', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const col = ctx.workbook.worksheets
        .getItem('Sheet1')
        .getRange('C:C')
        .load('values, address, isEntireColumn');
      await ctx.sync();
      expect(col.values).toBeNull();
      expect(col.address).toBe('Sheet1!C:C');
      expect(col.isEntireColumn).toBe(true);
    });
    const e = await rejects(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('C:C').values = 1;
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('InvalidArgument');
  });
});

describe('worksheets', () => {
  it('throws ItemAlreadyExists at sync when adding a sheet whose name exists (case-insensitive)', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add('Report');
      await ctx.sync();
    });
    const e = await rejects(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add('report');
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('ItemAlreadyExists');
    expect(fake.workbook.sheetNames()).toEqual(['Sheet1', 'Report']);
    const bad = await rejects(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add('a/b');
        await ctx.sync();
      }),
    );
    expect(bad.code).toBe('InvalidArgument');
  });

  it('surfaces ItemNotFound at sync for getItem, and null objects for getItemOrNullObject', async () => {
    const fake = createExcelFake();
    const e = await rejects(
      fake.Excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem('Nope'); // no error yet
        s.getRange('A1').values = [[1]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('ItemNotFound');

    await fake.Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const present = ctx.workbook.worksheets.getItemOrNullObject('sheet1').load('name');
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe('Sheet1');
      missing.delete(); // the delete-if-exists idiom: a no-op on a null object
      missing.getRange('A1').values = [[1]];
      await ctx.sync();
    });
  });

  it('lists, renames, moves, activates and deletes sheets', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets;
      const a = ws.add('A');
      ws.add('B');
      a.name = 'Renamed';
      a.position = 0;
      a.activate();
      ws.getItem('Sheet1').delete();
      ws.load('items/name');
      const count = ws.getCount();
      await ctx.sync();
      expect(ws.items.map((s) => s.name)).toEqual(['Renamed', 'B']);
      expect(count.value).toBe(2);
    });
    expect(fake.workbook.activeSheetName).toBe('Renamed');
    const e = await rejects(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Renamed').delete();
        ctx.workbook.worksheets.getItem('B').delete(); // the last visible sheet
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('InvalidOperation');
  });

  it("deleting a sheet turns other sheets' references to it into #REF!, and a new sheet of that name does not mend them", async () => {
    const fake = createExcelFake({ sheets: ['Notes', 'Profit Matrix', 'Data'] });
    const kept = ['=Data!B2', "='Profit Matrix 2'!A1"];
    await fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Notes').getRange('A1:D1').formulas = [
        ["='Profit Matrix'!C7", "=SUM('profit matrix'!C2:C9)+Data!B2", ...kept],
      ];
      await ctx.sync();
      ctx.workbook.worksheets.getItem('Profit Matrix').delete();
      ctx.workbook.worksheets.add('Profit Matrix');
      await ctx.sync();
    });
    const notes = fake.workbook.sheet('Notes');
    expect(notes.formulas('A1:D1')).toEqual([['=#REF!C7', '=SUM(#REF!C2:C9)+Data!B2', ...kept]]);
    expect(notes.values('A1:B1')).toEqual([['#REF!', '#REF!']]);
  });

  it('round-trips worksheet custom properties (keys case-insensitive, add overwrites)', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.add('Report');
      s.customProperties.add('ProfitTiers', 'report');
      await ctx.sync();
    });
    expect(fake.workbook.sheet('Report').customProperties()).toEqual({ ProfitTiers: 'report' });
    await fake.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.load('items/name');
      await ctx.sync();
      const marks = ws.items.map((s) =>
        s.customProperties.getItemOrNullObject('profittiers').load('value'),
      );
      await ctx.sync();
      expect(marks.map((m) => m.isNullObject)).toEqual([true, false]);
      expect(marks[1].value).toBe('report');
      const props = ctx.workbook.worksheets.getItem('Report').customProperties;
      props.add('PROFITTIERS', 'v2');
      props.add('Other', 'x');
      props.load('items/key,items/value');
      await ctx.sync();
      expect(props.items.map((p) => [p.key, p.value])).toEqual([
        ['ProfitTiers', 'v2'],
        ['Other', 'x'],
      ]);
      props.getItem('other').delete();
      await ctx.sync();
    });
    expect(fake.workbook.sheet('Report').customProperties()).toEqual({ ProfitTiers: 'v2' });
  });

  it('finds the used range and the surrounding region', async () => {
    const fake = createExcelFake();
    fake.workbook.seedSheet(
      'Data',
      [
        ['id', 'revenue', ''],
        [1, 10, ''],
        [2, 20, ''],
      ],
      { at: 'B2' },
    );
    fake.workbook.seedSheet('Data', [['far away']], { at: 'H20' });
    fake.workbook.select('Data', 'C3');
    await fake.Excel.run(async (ctx) => {
      const region = ctx.workbook.getSelectedRange().getSurroundingRegion().load('address');
      const used = ctx.workbook.worksheets.getItem('Data').getUsedRange(true).load('address');
      const empty = ctx.workbook.worksheets.getItem('Sheet1').getUsedRangeOrNullObject();
      const blankUsed = ctx.workbook.worksheets.getItem('Sheet1').getUsedRange().load('address');
      await ctx.sync();
      expect(region.address).toBe('Data!B2:C4');
      expect(used.address).toBe('Data!B2:H20');
      expect(empty.isNullObject).toBe(true);
      expect(blankUsed.address).toBe('Sheet1!A1');
    });
  });
});

describe('report features', () => {
  it('creates tables, formats, frozen rows, charts and conditional formats that the inspectors report', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.add('Report');
      s.getRange('A1:C3').values = [
        ['Customer', 'Revenue', 'Profit'],
        ['Acme', 100, -5],
        ['Beta', 200, 40],
      ];
      s.getRange('B2:C3').numberFormat = [
        ['#,##0.00', '#,##0.00'],
        ['#,##0.00', '#,##0.00'],
      ];
      s.getRange('A1:C1').format.font.bold = true;
      s.getRange('A1:C1').format.fill.color = '#1F4E78';
      s.getRange('A:C').format.autofitColumns();
      s.freezePanes.freezeRows(1);
      const t = s.tables.add('A1:C3', true);
      t.name = 'ProfitTable';
      t.style = 'TableStyleLight9';
      const chart = s.charts.add('ColumnClustered', s.getRange('A1:B3'), 'Columns');
      chart.title.text = 'Revenue';
      chart.setPosition('E2', 'K15');
      chart.axes.valueAxis.title.text = 'USD';
      const extra = chart.series.add('Profit');
      extra.setValues(s.getRange('C2:C3'));
      extra.setXAxisValues(s.getRange('A2:A3'));
      const neg = s.getRange('C2:C3').conditionalFormats.add('CellValue');
      neg.cellValue.format.font.color = '#C00000';
      neg.cellValue.rule = { formula1: '0', operator: 'LessThan' };
      const scale = s
        .getRange('B2:B3')
        .conditionalFormats.add(fake.Excel.ConditionalFormatType.colorScale);
      scale.colorScale.criteria = {
        minimum: { formula: null, type: 'LowestValue', color: '#F8696B' },
        maximum: { formula: null, type: 'HighestValue', color: '#63BE7B' },
      };
      const body = t.getDataBodyRange().load('address');
      await ctx.sync();
      expect(body.address).toBe('Report!A2:C3');
    });
    const s = fake.workbook.sheet('Report');
    expect(s.textAt('C2')).toBe('-5.00');
    expect(s.isBold('B1')).toBe(true);
    expect(s.isBold('B2')).toBe(false);
    expect(s.fillAt('A1')).toBe('#1F4E78');
    expect(s.frozenRows).toBe(1);
    expect(s.autofitColumns()).toEqual(['A', 'B', 'C']);
    expect(s.columnWidth('A')).toBeGreaterThan(0);
    expect(s.tables()).toMatchObject([
      {
        name: 'ProfitTable',
        address: 'A1:C3',
        headers: ['Customer', 'Revenue', 'Profit'],
        style: 'TableStyleLight9',
      },
    ]);
    const [chart] = s.charts();
    expect(chart).toMatchObject({
      type: 'ColumnClustered',
      title: 'Revenue',
      position: { startCell: 'E2', endCell: 'K15' },
    });
    expect(chart.series.map((x) => [x.name, x.values, x.xValues])).toEqual([
      ['Revenue', 'Report!$B$2:$B$3', 'Report!$A$2:$A$3'],
      ['Profit', 'Report!$C$2:$C$3', 'Report!$A$2:$A$3'],
    ]);
    expect(chart.axes).toMatchObject({ valueAxis: { title: { text: 'USD' } } });
    const cfs = s.conditionalFormats();
    expect(cfs.map((c) => [c.type, c.address])).toEqual([
      ['ColorScale', 'B2:B3'],
      ['CellValue', 'C2:C3'],
    ]);
    expect(cfs[1].details).toMatchObject({
      cellValue: {
        rule: { operator: 'LessThan', formula1: '0' },
        format: { font: { color: '#C00000' } },
      },
    });
  });

  it('validates conditional formats and table names at sync', async () => {
    const fake = createExcelFake();
    const badOperator = await rejects(
      fake.Excel.run(async (ctx) => {
        const cf = ctx.workbook.worksheets
          .getItem('Sheet1')
          .getRange('A1:A3')
          .conditionalFormats.add('CellValue');
        cf.cellValue.rule = { formula1: '0', operator: 'Smaller' as 'LessThan' };
        await ctx.sync();
      }),
    );
    expect(badOperator.code).toBe('InvalidArgument');
    const wrongPart = await rejects(
      fake.Excel.run(async (ctx) => {
        const cf = ctx.workbook.worksheets
          .getItem('Sheet1')
          .getRange('A1:A3')
          .conditionalFormats.add('CellValue');
        cf.colorScale.criteria = {
          minimum: { type: 'LowestValue' },
          maximum: { type: 'HighestValue' },
        };
        await ctx.sync();
      }),
    );
    expect(wrongPart.code).toBe('ItemNotFound');
    const badName = await rejects(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').tables.add('A1:B2', true).name = 'Profit Matrix';
        await ctx.sync();
      }),
    );
    expect(badName.code).toBe('InvalidArgument');
  });

  it('gives a header-only table one blank data row and appends rows after it', async () => {
    const fake = createExcelFake();
    await fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1');
      s.getRange('A1:B1').values = [['Name', 'Name']];
      const t = s.tables.add(s.getRange('A1:B1'), true);
      t.rows.add(undefined, [
        ['x', 1],
        ['y', 2],
      ]);
      ctx.workbook.tables.load('items/name,items/worksheet/name');
      await ctx.sync();
      expect(ctx.workbook.tables.items.map((i) => [i.name, i.worksheet.name])).toEqual([
        ['Table1', 'Sheet1'],
      ]);
    });
    expect(fake.workbook.tables()[0]).toMatchObject({
      address: 'A1:B4',
      headers: ['Name', 'Name2'],
      bodyAddress: 'A2:B4',
    });
    expect(fake.workbook.sheet('Sheet1').values()).toEqual([
      ['Name', 'Name2'],
      ['', ''],
      ['x', 1],
      ['y', 2],
    ]);
  });

  it('install() exposes the fake as the global Excel / OfficeExtension', async () => {
    const fake = createExcelFake();
    const restore = fake.install();
    try {
      const g = globalThis as unknown as {
        Excel: typeof fake.Excel;
        OfficeExtension: typeof fake.OfficeExtension;
      };
      await g.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['hi']];
        await ctx.sync();
      });
      expect(g.Excel.ChartType.xyscatterLinesNoMarkers).toBe('XYScatterLinesNoMarkers');
      expect(new FakeOfficeError('ItemNotFound', 'x')).toBeInstanceOf(g.OfficeExtension.Error);
    } finally {
      restore();
    }
    expect((globalThis as Record<string, unknown>).Excel).toBeUndefined();
    expect(fake.workbook.sheet('Sheet1').valueAt('A1')).toBe('hi');
  });
});

describe('performance', () => {
  it('writes 100,000 rows x 12 columns in blocks well within two seconds', async () => {
    const fake = createExcelFake();
    const rows = 100_000;
    const cols = 12;
    const block = 10_000;
    const data = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) =>
        c === 0 ? `C${r}` : c === 1 ? `=B${r}` : r * c + 0.5,
      ),
    );
    const started = performance.now();
    await fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.add('Big');
      s.getRangeByIndexes(0, 0, rows, cols).numberFormat = [['#,##0.00']];
      for (let r = 0; r < rows; r += block) {
        s.getRangeByIndexes(r, 0, block, cols).values = data.slice(r, r + block);
        await ctx.sync();
      }
      const last = s.getRangeByIndexes(rows - 1, 0, 1, cols).load('values');
      await ctx.sync();
      expect(last.values[0][2]).toBe((rows - 1) * 2 + 0.5);
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000);
    const s = fake.workbook.sheet('Big');
    expect(s.usedRangeAddress()).toBe('A1:L100000');
    expect(s.valueAt('A100000')).toBe('C99999');
    expect(s.formulaCells()).toHaveLength(rows);
    expect(fake.stats.syncs).toBe(rows / block + 1);
  });
});
