import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type AppsScriptFake, createAppsScriptFake } from './spreadsheet-app.js';

function setup(opts?: Parameters<typeof createAppsScriptFake>[0]): {
  fake: AppsScriptFake;
  app: AppsScriptFake['globals']['SpreadsheetApp'];
} {
  const fake = createAppsScriptFake(opts);
  return { fake, app: fake.globals.SpreadsheetApp };
}

describe('Spreadsheet and sheets', () => {
  it('starts with Sheet1 active; getSheetByName returns null when missing', () => {
    const { app } = setup();
    const ss = app.getActiveSpreadsheet();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(ss.getSpreadsheetTimeZone()).toBe('America/New_York');
  });

  it('insertSheet throws on a duplicate name, case-insensitively, and activates the new sheet', () => {
    const { app } = setup();
    const ss = app.getActiveSpreadsheet();
    const report = ss.insertSheet('Report');
    expect(report.getIndex()).toBe(2);
    expect(ss.getActiveSheet().getName()).toBe('Report');
    expect(() => ss.insertSheet('Report')).toThrow(
      'A sheet with the name "Report" already exists. Please enter another name.',
    );
    expect(() => ss.insertSheet('report')).toThrow(/already exists/);
    expect(ss.getSheetByName('REPORT')?.getName()).toBe('Report');
    const first = ss.insertSheet('First', 0);
    expect(first.getIndex()).toBe(1);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['First', 'Sheet1', 'Report']);
  });

  it('returns a new wrapper per call (identity differs, as in Apps Script) and fails on deleted sheets', () => {
    const { app } = setup();
    const ss = app.getActiveSpreadsheet();
    const a = ss.insertSheet('Tmp');
    expect(ss.getSheetByName('Tmp')).not.toBe(a);
    expect(ss.getSheetByName('Tmp')?.getSheetId()).toBe(a.getSheetId());
    ss.deleteSheet(a);
    expect(ss.getSheetByName('Tmp')).toBeNull();
    expect(() => a.getRange(1, 1)).toThrow(/Unexpected error/);
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow(/all the sheets/);
  });

  it('developer metadata is attached to sheets and found by key', () => {
    const { fake, app } = setup();
    const ss = app.getActiveSpreadsheet();
    const sheet = ss.insertSheet('Report');
    sheet.addDeveloperMetadata('profit-tiers:report', '{"v":1}');
    sheet.addDeveloperMetadata('flag');
    const md = sheet.getDeveloperMetadata();
    expect(md.map((m) => [m.getKey(), m.getValue()])).toEqual([
      ['profit-tiers:report', '{"v":1}'],
      ['flag', null],
    ]);
    expect(ss.getSheetByName('Sheet1')!.getDeveloperMetadata()).toEqual([]);
    const found = ss.createDeveloperMetadataFinder().withKey('profit-tiers:report').find();
    expect(found).toHaveLength(1);
    expect(found[0].getLocation().getSheet()?.getName()).toBe('Report');
    expect(fake.spreadsheet.inspectSheet('Report').developerMetadata.map((m) => m.key)).toEqual([
      'profit-tiers:report',
      'flag',
    ]);
    expect(() => sheet.addDeveloperMetadata('big', 'x'.repeat(30_001))).toThrow(/30000/);
  });
});

describe('Ranges', () => {
  it('uses 1-based coordinates and A1 notation', () => {
    const { app } = setup();
    const sheet = app.getActiveSheet();
    const r = sheet.getRange(2, 3, 4, 5);
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 3, 4, 5]);
    expect(r.getA1Notation()).toBe('C2:G5');
    expect(sheet.getRange('B2').getA1Notation()).toBe('B2');
    expect(sheet.getRange('$A$1:B3').getNumRows()).toBe(3);
    expect(sheet.getRange('A:B').getNumRows()).toBe(1000);
    expect(r.offset(1, 1).getA1Notation()).toBe('D3:H6');
    expect(r.getCell(1, 2).getA1Notation()).toBe('D2');
    expect(() => r.getCell(5, 1)).toThrow('Cell reference out of range');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow(
      'The number of rows in the range must be at least 1.',
    );
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
  });

  it('new sheets are 1000x26 and ranges outside the grid throw until rows/columns are inserted', () => {
    const { app } = setup();
    const sheet = app.getActiveSpreadsheet().insertSheet('Big');
    expect([
      sheet.getMaxRows(),
      sheet.getMaxColumns(),
      sheet.getLastRow(),
      sheet.getLastColumn(),
    ]).toEqual([1000, 26, 0, 0]);
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 27)).toThrow(/outside the dimensions/);
    sheet.insertRowsAfter(1000, 500);
    sheet.insertColumnsAfter(26, 4);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1500, 30]);
    sheet.getRange(1500, 30).setValue('corner');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([1500, 30]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:AD1500');
  });

  it('inserting rows shifts existing content down', () => {
    const { app } = setup();
    const sheet = app.getActiveSheet();
    sheet.getRange(1, 1, 3, 1).setValues([['a'], ['b'], ['c']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange(1, 1, 5, 1).getValues()).toEqual([['a'], [''], [''], ['b'], ['c']]);
    sheet.deleteRows(2, 2);
    expect(sheet.getRange(1, 1, 3, 1).getValues()).toEqual([['a'], ['b'], ['c']]);
  });

  it('setValues throws when the data size differs from the range, writing nothing', () => {
    const { fake, app } = setup();
    const r = app.getActiveSheet().getRange(1, 1, 3, 2);
    expect(() =>
      r.setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(() => r.setValues([[1, 2], [3, 4], [5]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(() => r.setNumberFormats([['0']])).toThrow(/number of rows in the data/);
    expect(() =>
      r.setBackgrounds([
        [null, null],
        [null, null],
      ]),
    ).toThrow(/The data has 2 but the range has 3/);
    expect(fake.spreadsheet.inspectSheet('Sheet1').lastRow).toBe(0);
  });

  it('stores "=..." as a formula and strips a leading apostrophe', () => {
    const { fake, app } = setup();
    const sheet = app.getActiveSheet();
    sheet.getRange(1, 1, 1, 3).setValues([['=HYPERLINK("http://evil")', "'=not a formula", "'-5"]]);
    expect(sheet.getRange(1, 1, 1, 3).getValues()).toEqual([['', '=not a formula', '-5']]);
    expect(sheet.getRange(1, 1, 1, 3).getFormulas()).toEqual([
      ['=HYPERLINK("http://evil")', '', ''],
    ]);
    const a1 = fake.spreadsheet.inspectCell('Sheet1', 'A1');
    expect(a1.isFormula).toBe(true);
    expect(a1.formula).toBe('=HYPERLINK("http://evil")');
    expect(fake.spreadsheet.inspectCell('Sheet1', 'B1')).toMatchObject({
      isFormula: false,
      value: '=not a formula',
    });
    expect(fake.spreadsheet.rawValues('Sheet1')).toEqual([
      ['=HYPERLINK("http://evil")', '=not a formula', '-5'],
    ]);
  });

  it('converts text that looks like a number, boolean or date, like typed input', () => {
    const { app } = setup({ timeZone: 'UTC' });
    const sheet = app.getActiveSheet();
    const input = [
      [
        '12',
        '-5',
        '+3',
        '1,234.5',
        '50%',
        '00123',
        '$1,000',
        'TRUE',
        'false',
        '2024-01-15',
        'Acme',
        ' 7 ',
        '1-2',
      ],
    ];
    sheet.getRange(1, 1, 1, input[0].length).setValues(input);
    const got = sheet.getRange(1, 1, 1, input[0].length).getValues()[0];
    expect(got.slice(0, 9)).toEqual([12, -5, 3, 1234.5, 0.5, 123, 1000, true, false]);
    expect(got[9]).toBeInstanceOf(Date);
    expect((got[9] as Date).toISOString()).toBe('2024-01-15T00:00:00.000Z');
    expect(got.slice(10)).toEqual(['Acme', 7, '1-2']);
    expect(sheet.getRange('E1').getNumberFormat()).toBe('0%');
    expect(sheet.getRange('E1').getDisplayValue()).toBe('50%');
  });

  it('keeps strings verbatim in plain-text (@) cells', () => {
    const { app } = setup();
    const r = app.getActiveSheet().getRange(1, 1, 1, 3);
    r.setNumberFormat('@');
    r.setValues([['-5', '00123', '=1+1']]);
    expect(r.getValues()).toEqual([['-5', '00123', '=1+1']]);
    expect(r.getFormulas()).toEqual([['', '', '']]);
  });

  it('stores numbers, booleans and Dates as is; null/undefined as blank; non-finite as an error', () => {
    const { fake, app } = setup();
    const r = app.getActiveSheet().getRange(1, 1, 1, 6);
    const d = new Date(Date.UTC(2024, 5, 1, 12));
    r.setValues([[1.5, false, d, null, undefined, Number.NaN]]);
    const got = r.getValues()[0];
    expect(got.slice(0, 2)).toEqual([1.5, false]);
    expect((got[2] as Date).getTime()).toBe(d.getTime());
    expect(got[2]).not.toBe(d);
    expect(got.slice(3)).toEqual(['', '', '#NUM!']);
    expect(fake.spreadsheet.inspectCell('Sheet1', 'F1').error).toBe('#NUM!');
  });

  it('rejects cells over 50,000 characters', () => {
    const { app } = setup();
    expect(() => app.getActiveSheet().getRange(1, 1).setValue('x'.repeat(50_001))).toThrow(
      /50000 characters/,
    );
  });

  it('records formatting and display values', () => {
    const { fake, app } = setup({ timeZone: 'UTC' });
    const sheet = app.getActiveSheet();
    const r = sheet.getRange(1, 1, 2, 2);
    r.setValues([
      [1234.5, 0.256],
      [new Date(Date.UTC(2024, 0, 15)), -42],
    ]);
    r.setNumberFormats([
      ['#,##0.00', '0.0%'],
      ['yyyy-mm-dd', '$#,##0;($#,##0)'],
    ]);
    sheet.getRange('A1:B1').setBackground('#FFF').setFontWeight('bold').setFontColor('red');
    expect(r.getDisplayValues()).toEqual([
      ['1,234.50', '25.6%'],
      ['2024-01-15', '($42)'],
    ]);
    expect(fake.spreadsheet.inspectCell('Sheet1', 'A1')).toMatchObject({
      background: '#ffffff',
      fontWeight: 'bold',
      fontColor: '#ff0000',
      numberFormat: '#,##0.00',
    });
    expect(fake.spreadsheet.inspectCell('Sheet1', 'A2').fontWeight).toBeNull();
    expect(sheet.getRange('A2').getFontWeight()).toBe('normal');
    expect(sheet.getRange('A1:B1').getBackgrounds()).toEqual([['#ffffff', '#ffffff']]);
  });

  it('merge keeps only the top-left value; freezing through a merge throws', () => {
    const { fake, app } = setup();
    const sheet = app.getActiveSheet();
    sheet.getRange(1, 1, 2, 2).setValues([
      ['title', 'x'],
      ['y', 'z'],
    ]);
    sheet.getRange(1, 1, 2, 2).merge();
    expect(fake.spreadsheet.rawValues('Sheet1', 'A1:B2')).toEqual([
      ['title', ''],
      ['', ''],
    ]);
    expect(() => sheet.setFrozenRows(1)).toThrow(/part of a merged cell/);
    sheet.setFrozenRows(2);
    expect(sheet.getFrozenRows()).toBe(2);
    expect(fake.spreadsheet.inspectSheet('Sheet1').merges).toEqual(['A1:B2']);
  });
});

describe('call counting', () => {
  it('counts every API call by method, ignores internal and helper calls, and resets', () => {
    const { fake, app } = setup();
    fake.spreadsheet.seedSheet('Data', [['a'], ['b']]); // helper: not counted
    fake.spreadsheet.inspectSheet('Data');
    expect(fake.calls.total).toBe(0);
    const sheet = app.getActiveSpreadsheet().getSheetByName('Data')!;
    sheet.getRange(1, 1, 2, 1).setValues([['x'], ['y']]);
    app.getActiveSpreadsheet().setActiveRange(sheet.getRange('A1')); // calls range.activate() internally
    expect(fake.calls.byMethod).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 2,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 2,
      'Range.setValues': 1,
      'Spreadsheet.setActiveRange': 1,
    });
    expect(fake.calls.total).toBe(7);
    expect(fake.calls.spreadsheet).toBe(7);
    fake.globals.Utilities.formatDate(new Date(0), 'UTC', 'yyyy');
    expect(fake.calls.total).toBe(8);
    expect(fake.calls.spreadsheet).toBe(7);
    const live = fake.calls;
    fake.resetCalls();
    expect(live).toEqual({ total: 0, spreadsheet: 0, byMethod: {} });
  });

  it('a batched write costs the same number of calls for 10 or 10,000 rows', () => {
    const write = (rows: number): number => {
      const { fake, app } = setup();
      const sheet = app.getActiveSpreadsheet().insertSheet('Out');
      sheet.insertRowsAfter(sheet.getMaxRows(), rows);
      const data = Array.from({ length: rows }, (_, i) => [`c${i}`, i]);
      sheet.getRange(1, 1, rows, 2).setValues(data);
      return fake.calls.spreadsheet;
    };
    expect(write(10)).toBe(write(10_000));
  });
});

describe('conditional format rules', () => {
  it('setConditionalFormatRules replaces; appending is get + push + set', () => {
    const { fake, app } = setup();
    const sheet = app.getActiveSheet();
    const range = sheet.getRange('B2:B100');
    const red = app
      .newConditionalFormatRule()
      .whenNumberLessThan(0)
      .setBackground('#F4CCCC')
      .setRanges([range])
      .build();
    const green = app
      .newConditionalFormatRule()
      .whenNumberGreaterThan(1000)
      .setBackground('#d9ead3')
      .setRanges([range])
      .build();
    sheet.setConditionalFormatRules([red]);
    sheet.setConditionalFormatRules([green]);
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);

    const rules = sheet.getConditionalFormatRules();
    rules.push(red);
    expect(sheet.getConditionalFormatRules()).toHaveLength(1); // the returned array is a copy
    sheet.setConditionalFormatRules(rules);
    const snap = fake.spreadsheet.inspectSheet('Sheet1').conditionalFormatRules;
    expect(snap.map((r) => [r.criteria, r.criteriaValues, r.background, r.ranges])).toEqual([
      ['NUMBER_GREATER_THAN', [1000], '#d9ead3', ['B2:B100']],
      ['NUMBER_LESS_THAN', [0], '#f4cccc', ['B2:B100']],
    ]);
    expect(sheet.getConditionalFormatRules()[1].getRanges()[0].getA1Notation()).toBe('B2:B100');
  });

  it('supports formula and gradient rules and rejects ranges on another sheet', () => {
    const { fake, app } = setup();
    const ss = app.getActiveSpreadsheet();
    const sheet = ss.getActiveSheet();
    const other = ss.insertSheet('Other');
    const formula = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2="Platinum"')
      .setFontColor('#00f')
      .setRanges([sheet.getRange('A2:F50')])
      .build();
    const gradient = app
      .newConditionalFormatRule()
      .setGradientMinpointWithValue('#ffffff', app.InterpolationType.NUMBER, '0')
      .setGradientMaxpointWithValue('#00ff00', app.InterpolationType.PERCENTILE, '90')
      .setRanges([sheet.getRange('D2:D50')])
      .build();
    sheet.setConditionalFormatRules([formula, gradient]);
    const [f, g] = fake.spreadsheet.inspectSheet('Sheet1').conditionalFormatRules;
    expect(f).toMatchObject({
      criteria: 'CUSTOM_FORMULA',
      criteriaValues: ['=$C2="Platinum"'],
      fontColor: '#0000ff',
    });
    expect(g.gradient).toEqual({
      min: { color: '#ffffff', type: 'NUMBER', value: '0' },
      mid: null,
      max: { color: '#00ff00', type: 'PERCENTILE', value: '90' },
    });
    const foreign = app
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setRanges([other.getRange('A1')])
      .build();
    expect(() => sheet.setConditionalFormatRules([foreign])).toThrow(/different sheet/);
  });
});

describe('charts', () => {
  it('builds, inserts, updates and removes embedded charts', () => {
    const { fake, app } = setup();
    const Charts = fake.globals.Charts;
    const sheet = app.getActiveSheet();
    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.SCATTER)
      .addRange(sheet.getRange('A1:B20'))
      .setPosition(2, 5, 0, 0)
      .setOption('title', 'Profit vs revenue')
      .setNumHeaders(1)
      .build();
    expect(chart.getChartId()).toBeNull();
    sheet.insertChart(chart);
    const [c] = sheet.getCharts();
    expect(c.getChartId()).not.toBeNull();
    sheet.updateChart(c.modify().setOption('title', 'Updated').build());
    expect(fake.spreadsheet.inspectSheet('Sheet1').charts).toEqual([
      {
        chartId: c.getChartId(),
        type: 'SCATTER',
        ranges: ['Sheet1!A1:B20'],
        options: { title: 'Updated' },
        position: { anchorRow: 2, anchorColumn: 5, offsetX: 0, offsetY: 0 },
        numHeaders: 1,
      },
    ]);
    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toHaveLength(0);
  });
});

describe('filters', () => {
  it('one filter per sheet: createFilter throws while one exists; remove() frees the sheet for another', () => {
    const { fake, app } = setup();
    const sheet = app.getActiveSheet();
    expect(sheet.getFilter()).toBeNull();
    const filter = sheet.getRange('A1:C10').createFilter();
    expect(filter.getRange().getA1Notation()).toBe('A1:C10');
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C10');
    expect(sheet.getRange('Z99').getFilter()?.getRange().getA1Notation()).toBe('A1:C10'); // the sheet's, from any range
    expect(fake.spreadsheet.inspectSheet('Sheet1').filter).toBe('A1:C10');
    expect(() => sheet.getRange('E1:F5').createFilter()).toThrow(
      "You can't create a filter in a sheet that already has a filter.",
    );
    sheet.clear(); // REAL: clearing the sheet keeps its filter
    expect(() => sheet.getRange('E1:F5').createFilter()).toThrow(/already has a filter/);
    sheet.getFilter()!.remove();
    expect(sheet.getFilter()).toBeNull();
    expect(() => filter.getRange()).toThrow(/removed/);
    sheet.getRange('E1:F5').createFilter();
    expect(fake.spreadsheet.inspectSheet('Sheet1').filter).toBe('E1:F5');
    // Another sheet has its own.
    app.getActiveSpreadsheet().insertSheet('Other').getRange('A1:B2').createFilter();
    expect(fake.spreadsheet.inspectSheet('Other').filter).toBe('A1:B2');
    // Counted like every other call, failing ones included.
    expect(fake.calls.byMethod).toMatchObject({
      'Range.createFilter': 5,
      'Sheet.getFilter': 4,
      'Range.getFilter': 1,
      'Filter.getRange': 4,
      'Filter.remove': 1,
    });
  });
});

describe('deleting a sheet', () => {
  it("turns other sheets' references to it into #REF!, and a new sheet of that name does not mend them", () => {
    const { app } = setup({ sheetNames: ['Notes', 'Profit Matrix', 'Data'] });
    const ss = app.getActiveSpreadsheet();
    const notes = ss.getSheetByName('Notes')!;
    const kept = ['=Data!B2', "='Profit Matrix 2'!A1", '=MyProfit Matrix'];
    notes
      .getRange(1, 1, 1, 5)
      .setFormulas([["='Profit Matrix'!C7", "=SUM('profit matrix'!C2:C9)+Data!B2", ...kept]]);
    ss.deleteSheet(ss.getSheetByName('Profit Matrix')!);
    ss.insertSheet('Profit Matrix');
    expect(notes.getRange(1, 1, 1, 5).getFormulas()).toEqual([
      ['=#REF!', '=SUM(#REF!)+Data!B2', ...kept],
    ]);
    expect(notes.getRange(1, 1, 1, 2).getValues()).toEqual([['#REF!', '#REF!']]);
  });
});

describe('Ui, HtmlService and other globals', () => {
  it('records menus so every functionName can be checked against the script globals', () => {
    const { fake } = setup();
    const ctx = vm.createContext({});
    fake.install(ctx);
    vm.runInContext(
      `function onOpen(e) {
         var ui = SpreadsheetApp.getUi();
         ui.createAddonMenu()
           .addItem('Analyze', 'analyze')
           .addSeparator()
           .addSubMenu(ui.createMenu('More').addItem('Help', 'showHelp'))
           .addToUi();
         ui.createMenu('Not added').addItem('x', 'nothing');
       }
       function analyze() {}
       function showHelp() {}
       onOpen(${'{}'});`,
      ctx,
    );
    const items = fake.menuItems();
    expect(items.map((i) => [i.path.join(' > '), i.caption, i.functionName])).toEqual([
      ['(add-on)', 'Analyze', 'analyze'],
      ['(add-on) > More', 'Help', 'showHelp'],
    ]);
    for (const item of items)
      expect(typeof (ctx as Record<string, unknown>)[item.functionName]).toBe('function');
    expect(fake.recorded.menus).toHaveLength(3);
    expect(fake.calls.byMethod['Menu.addItem']).toBe(3);
  });

  it('install() adopts the context realm for Dates and errors', () => {
    const { fake } = setup();
    const ctx = vm.createContext({});
    fake.install(ctx);
    const out = vm.runInContext(
      `var sh = SpreadsheetApp.getActiveSheet();
       sh.getRange(1, 1).setValue(new Date(0));
       var err; try { sh.getRange(1, 1, 2, 1).setValues([[1]]); } catch (e) { err = e; }
       [sh.getRange(1, 1).getValue() instanceof Date, err instanceof Error, String(err).indexOf('Exception: ') === 0]`,
      ctx,
    ) as boolean[];
    expect([...out]).toEqual([true, true, true]);
  });

  it('shows sidebars and dialogs from registered HTML files and templates', () => {
    const { fake } = setup();
    const ctx = vm.createContext({});
    fake.install(ctx);
    fake.files.Sidebar = '<h1>Profit Tiers</h1>';
    fake.files['Dialog.html'] = '<p><?= who ?></p><?!= include("Css") ?>';
    vm.runInContext(
      `function include(name) { return '<style id="' + name + '"></style>'; }
       var ui = SpreadsheetApp.getUi();
       ui.showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Profit Tiers'));
       var t = HtmlService.createTemplateFromFile('Dialog'); t.who = '<script>';
       ui.showModalDialog(t.evaluate().setWidth(400).setHeight(300), 'Hi');`,
      ctx,
    );
    expect(fake.recorded.sidebars).toEqual([
      { title: 'Profit Tiers', content: '<h1>Profit Tiers</h1>', width: null, height: null },
    ]);
    expect(fake.recorded.dialogs[0]).toMatchObject({
      title: 'Hi',
      content: '<p>&lt;script&gt;</p><style id="Css"></style>',
      width: 400,
      modal: true,
    });
    expect(() => fake.globals.HtmlService.createHtmlOutputFromFile('Missing')).toThrow(
      'No HTML file named Missing was found.',
    );
  });

  it('alert returns queued responses and records the call', () => {
    const { fake, app } = setup();
    const ui = app.getUi();
    fake.responses.alerts.push('NO');
    expect(ui.alert('Replace report?', ui.ButtonSet.YES_NO) === ui.Button.NO).toBe(true);
    expect(String(ui.alert('Done'))).toBe('OK'); // enum values are their names
    expect(fake.recorded.alerts.map((a) => a.prompt)).toEqual(['Replace report?', 'Done']);
    app.getActiveSpreadsheet().toast('Finished', 'Profit Tiers', 5);
    expect(fake.recorded.toasts).toEqual([
      { message: 'Finished', title: 'Profit Tiers', timeoutSeconds: 5 },
    ]);
  });

  it('AuthMode.NONE blocks spreadsheet access but allows menus', () => {
    const { fake, app } = setup();
    const e = fake.openEvent('NONE');
    expect(e.authMode === fake.globals.ScriptApp.AuthMode.NONE).toBe(true);
    expect(() => app.getActiveSpreadsheet()).toThrow(/permission/);
    expect(() => fake.globals.PropertiesService.getDocumentProperties()).toThrow(/permission/);
    app.getUi().createAddonMenu().addItem('Start', 'start').addToUi();
    fake.setAuthMode('FULL');
    expect(app.getActiveSpreadsheet().getName()).toBe('Untitled spreadsheet');
  });

  it('Utilities.formatDate honours the time zone; Session and properties work', () => {
    const { fake } = setup({ timeZone: 'Europe/Berlin' });
    const { Utilities, Session, PropertiesService } = fake.globals;
    const d = new Date(Date.UTC(2024, 0, 15, 23, 30, 5));
    expect(Utilities.formatDate(d, 'UTC', 'yyyy-MM-dd')).toBe('2024-01-15');
    expect(Utilities.formatDate(d, 'Asia/Tokyo', 'yyyy-MM-dd HH:mm:ss')).toBe(
      '2024-01-16 08:30:05',
    );
    expect(Utilities.formatDate(d, 'America/Los_Angeles', 'EEE, d MMM yyyy h:mm a Z')).toBe(
      'Mon, 15 Jan 2024 3:30 PM -0800',
    );
    expect(Session.getScriptTimeZone()).toBe('Europe/Berlin');
    const props = PropertiesService.getDocumentProperties();
    props.setProperty('n', 5 as unknown as string);
    expect(props.getProperty('n')).toBe('5');
    expect(props.getProperty('missing')).toBeNull();
    expect(() => props.setProperty('big', 'x'.repeat(10_000))).toThrow(/too large/);
  });
});

describe('performance', () => {
  it('writes and reads a 100,000 x 12 block quickly', () => {
    const { fake, app } = setup();
    const rows = 100_000;
    const cols = 12;
    const data = Array.from({ length: rows }, (_, i) => [
      `Customer ${i}`,
      i,
      i * 1.5,
      'Platinum',
      true,
      -i,
      `${i}`,
      'Acme, Inc.',
      0.25,
      'Gold',
      i % 7,
      'note',
    ]);
    const sheet = app.getActiveSpreadsheet().insertSheet('Big');
    sheet.insertRowsAfter(sheet.getMaxRows(), rows);
    const t0 = performance.now();
    sheet.getRange(2, 1, rows, cols).setValues(data);
    sheet.getRange(2, 3, rows, 1).setNumberFormat('#,##0.00');
    const back = sheet.getRange(2, 1, rows, cols).getValues();
    const elapsed = performance.now() - t0;
    expect(back[rows - 1][0]).toBe(`Customer ${rows - 1}`);
    expect(back[rows - 1][6]).toBe(rows - 1); // numeric-looking string converted
    expect(sheet.getLastRow()).toBe(rows + 1);
    expect(fake.calls.byMethod['Range.setValues']).toBe(1);
    expect(elapsed).toBeLessThan(1500);
  });
});
