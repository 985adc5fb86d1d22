/// <reference types="office-js" />
// The task pane page: once Office is ready, the shared pane UI runs on the Office.js host, in
// Office's display language, with the self-test's Excel part (Diagnostics › Self-test) counting
// the host's round trips. Privacy, Terms and Support are pages beside taskpane.html.
import { mountPane } from '../pane/mount-pane.js';
import { countSyncs, excelDiagnostics } from './diagnostics.js';
import { ExcelHost } from './excel-host.js';

Office.onReady(() => {
  const counted = countSyncs((batch) => Excel.run(batch));
  const host = new ExcelHost(counted.run);
  host.diagnostics = excelDiagnostics(counted);
  mountPane(document.getElementById('app')!, host, {
    language: Office.context?.displayLanguage,
    pageBase: '',
  });
});
