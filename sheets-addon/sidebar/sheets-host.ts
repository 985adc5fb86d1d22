/**
 * PaneHost for the Sheets sidebar: each method is google.script.run calls to the server globals
 * (sidebar-server.ts, run-steps.ts). A run is many short calls (run-in-steps.ts), so the sidebar
 * knows its progress without polling the server.
 */

import type { SheetSpec, SheetValue } from '../../core/report/sheet-spec.js';
import type { SettingsInput } from '../../core/settings.js';
import type { DetectedTable, PaneHost, Progress, RunOptions, RunSummary } from '../../pane/host.js';
import { runInSteps, writeInSteps } from './run-in-steps.js';
import { call } from './script-run.js';
import { sheetsDiagnostics } from './sheets-diagnostics.js';

/** The last detection: every run reads the table where it was found, whatever sheet is active. */
let detected: DetectedTable | null = null;

export const sheetsHost: PaneHost = {
  name: 'sheets',
  async detectTable() {
    detected = await call<DetectedTable>('detectTable');
    return detected;
  },
  async run(
    settings: SettingsInput,
    onProgress: (p: Progress) => void,
    options: RunOptions = {},
  ): Promise<RunSummary> {
    const table = detected ?? (await sheetsHost.detectTable());
    // JSON round trip: google.script.run rejects Dates and functions; settings never need them.
    return runInSteps(
      call,
      table.location,
      table.headers.length,
      JSON.parse(JSON.stringify(settings)),
      { ...options },
      onProgress,
    );
  },
  goTo: (sheet: string, cell: string) => call<void>('goTo', sheet, cell),
  addSheet: (name: string, rows: SheetValue[][]) => call<string>('addSheet', name, rows),
  diagnostics: sheetsDiagnostics,
  // The What-if's Scenarios sheet, through the same steps as a run; the rest of the report stays.
  writeSheets: (specs: SheetSpec[]) => writeInSteps(call, specs, undefined, true),
};
