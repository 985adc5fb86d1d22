import { readFileSync } from 'node:fs';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { boot } from './harness.js';

describe('Code.js globals', () => {
  it('onOpen builds the add-on menu in AuthMode.NONE, and every item calls a global function', async () => {
    const s = await boot();
    s.global('onOpen', s.fake.openEvent('NONE'));
    const items = s.fake.menuItems();
    expect(items.length).toBeGreaterThan(0);
    expect(s.fake.recorded.menus.every((m) => m.addon)).toBe(true);
    for (const item of items)
      expect(typeof (s.ctx as any)[item.functionName], item.functionName).toBe('function');
  });

  it('onOpen in AuthMode.NONE calls only the menu API: no cells, no sheets, no cache', async () => {
    // Before the add-on is used in a document (a Marketplace install opening another file),
    // Sheets runs onOpen in AuthMode.NONE: the fake throws on any data call, and counts the rest.
    const s = await boot({ sheetNames: ['Data'] });
    s.fake.spreadsheet.seedSheet('Data', [
      ['Customer', 'Revenue'],
      ['A', 1],
    ]);
    s.fake.resetCalls();
    s.global('onOpen', s.fake.openEvent('NONE'));
    expect(Object.keys(s.fake.calls.byMethod).sort()).toEqual([
      'Menu.addItem',
      'Menu.addToUi',
      'SpreadsheetApp.getUi',
      'Ui.createAddonMenu',
    ]);
    expect(s.fake.menuItems().map((i) => i.caption)).toEqual(['Analyze customers…', 'Self-test']);
  });

  it('onOpen builds the same menu in LIMITED and FULL', async () => {
    for (const mode of ['LIMITED', 'FULL'] as const) {
      const s = await boot();
      s.global('onOpen', s.fake.openEvent(mode));
      expect(
        s.fake.menuItems().map((i) => i.functionName),
        mode,
      ).toEqual(['showSidebar', 'showSelfTest']);
    }
  });

  it('onInstall calls onOpen: the menu is there at once, with nothing read', async () => {
    const s = await boot();
    s.fake.resetCalls();
    s.global('onInstall', s.fake.openEvent('NONE'));
    expect(s.fake.recorded.menus).toHaveLength(1);
    expect(s.fake.recorded.menus[0].addon).toBe(true);
    expect(
      Object.keys(s.fake.calls.byMethod).filter((m) => !/^(Menu|Ui)\.|getUi$/.test(m)),
    ).toEqual([]);
  });

  it('onInstall builds the same menu', async () => {
    const s = await boot();
    s.global('onInstall', s.fake.openEvent('FULL'));
    expect(s.fake.menuItems().map((i) => i.functionName)).toEqual(['showSidebar', 'showSelfTest']);
  });

  it('every google.script.run target of the sidebar host is a global function', async () => {
    const s = await boot();
    const host = ['sheets-host.ts', 'run-in-steps.ts', 'sheets-diagnostics.ts']
      .map((f) => readFileSync(`sheets-addon/sidebar/${f}`, 'utf8'))
      .join('\n');
    const targets = [...host.matchAll(/call<[^>]*>\(\s*'(\w+)'/g)].map((m) => m[1]);
    expect(targets.sort()).toEqual([
      'addSheet',
      'createScratchSheet',
      'deleteScratchSheets',
      'detectTable',
      'finishReport',
      'finishSheet',
      'goTo',
      'listSheets',
      'prepareReport',
      'readRows',
      'readSheetValues',
      'writeRows',
    ]);
    const declared = Object.keys(vm.runInContext('ProfitTiers.SERVER_GLOBALS', s.ctx));
    for (const t of targets) {
      expect(declared).toContain(t);
      expect(typeof (s.ctx as any)[t], t).toBe('function');
    }
  });

  it('showSidebar serves the one sidebar file, titled', async () => {
    const s = await boot();
    s.fake.files.sidebar = '<p>pane</p>';
    s.global('showSidebar');
    expect(s.fake.recorded.sidebars).toEqual([
      expect.objectContaining({ title: 'Profit Tiers', content: '<p>pane</p>' }),
    ]);
  });

  it('showSelfTest opens the same sidebar, marked to run the self-test at once', async () => {
    const s = await boot();
    s.fake.files.sidebar = '<main id="app"><p>Loading</p></main>';
    s.global('showSelfTest');
    expect(s.fake.recorded.sidebars).toEqual([
      expect.objectContaining({
        title: 'Profit Tiers',
        content: '<main id="app" data-lang="en" data-self-test="1"><p>Loading</p></main>',
      }),
    ]);
  });

  it('tells the sidebar the user’s language (Session.getActiveUserLocale), for its strings', async () => {
    const s = await boot({ userLocale: 'de' });
    s.fake.files.sidebar = '<main id="app"><p>Loading</p></main>';
    s.global('showSidebar');
    expect(s.fake.recorded.sidebars.at(-1)?.content).toBe(
      '<main id="app" data-lang="de"><p>Loading</p></main>',
    );
  });

  it('addSheet writes the rows to a new sheet under a free name, leaving the user’s sheet as it is', async () => {
    const s = await boot({ sheetNames: ['Sample customers'] });
    s.fake.spreadsheet.seedSheet('Sample customers', [['mine']]);
    const rows = [
      ['Customer', 'Revenue'],
      ['=HYPERLINK("x")', 12.5],
    ];
    expect(s.run('addSheet', 'Sample customers', rows)).toBe('Sample customers (2)');
    expect(s.fake.spreadsheet.sheetNames()).toEqual(['Sample customers', 'Sample customers (2)']);
    expect(s.fake.spreadsheet.rawValues('Sample customers')).toEqual([['mine']]);
    expect(s.fake.spreadsheet.rawValues('Sample customers (2)')).toEqual(rows);
    expect(s.fake.globals.SpreadsheetApp.getActiveSheet().getName()).toBe('Sample customers (2)');
    expect(s.fake.globals.SpreadsheetApp.getActiveRange()!.getA1Notation()).toBe('A1:B2');
  });
});
