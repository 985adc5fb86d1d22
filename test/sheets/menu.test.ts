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
        content: '<main id="app" data-self-test="1"><p>Loading</p></main>',
      }),
    ]);
  });
});
