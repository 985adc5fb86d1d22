// The sidebar page's script: the shared pane UI (pane/, issue 4) on the google.script.run host.
import { mountPane } from '../../pane/mount-pane.js';
import { sheetsHost } from './sheets-host.js';

mountPane(document.getElementById('app')!, sheetsHost);
