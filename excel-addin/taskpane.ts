/// <reference types="office-js" />
// The task pane page: once Office is ready, the shared pane UI runs on the Office.js host.
import { mountPane } from '../pane/mount-pane.js';
import { ExcelHost } from './excel-host.js';

Office.onReady(() => mountPane(document.getElementById('app')!, new ExcelHost()));
