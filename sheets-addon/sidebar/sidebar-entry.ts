// The sidebar page's script: the shared pane UI (pane/, issue 4) on the google.script.run host.
import { mountPane } from '../../pane/mount-pane.js';
import { sheetsHost } from './sheets-host.js';

const app = document.getElementById('app')!;
// The menu's Profit Tiers › Self-test opens the sidebar marked to run the self-test at once.
mountPane(app, sheetsHost, { selfTest: app.dataset.selfTest === '1' });
