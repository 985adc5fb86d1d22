// The sidebar page's script: the shared pane UI (pane/, issue 4) on the google.script.run host,
// in the user's language (showSidebar marks it on <main>). Its Privacy, Terms and Support links
// are absolute: HtmlService pages cannot link relatively, so the build puts in the base URL the
// Excel pages are served from (PROFIT_TIERS_BASE_URL).
import { mountPane } from '../../pane/mount-pane.js';
import { sheetsHost } from './sheets-host.js';

declare const PROFIT_TIERS_BASE_URL: string;

const app = document.getElementById('app')!;
// The menu's Profit Tiers › Self-test opens the sidebar marked to run the self-test at once.
mountPane(app, sheetsHost, {
  selfTest: app.dataset.selfTest === '1',
  language: app.dataset.lang,
  pageBase: PROFIT_TIERS_BASE_URL,
});
