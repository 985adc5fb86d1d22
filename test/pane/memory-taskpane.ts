// Test entry for the browser: the shared pane on an in-memory host, loaded by the built
// taskpane.html in place of the Office.js host. The table comes from the test server (the page's
// query, e.g. ?table=regions, picks which; ?lang=de-DE sets the display language).

import type { CellValue } from '../../core/types.js';
import { mountPane } from '../../pane/mount-pane.js';
import { MemoryHost } from './memory-host.js';

declare const Office: { onReady(cb: () => void): Promise<unknown> };

Office.onReady(async () => {
  const values = (await (
    await fetch(`/test-table.json${location.search}`)
  ).json()) as CellValue[][];
  const host = new MemoryHost(values, 'Sales data', 150);
  (window as unknown as { paneHost: MemoryHost }).paneHost = host;
  const lang = new URLSearchParams(location.search).get('lang');
  mountPane(document.getElementById('app')!, host, { language: lang, pageBase: '' });
});
