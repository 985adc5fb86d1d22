/**
 * PaneHost for the Sheets sidebar: each method is google.script.run calls to the server globals
 * (sidebar-server.ts, run-steps.ts). A run is many short calls (run-in-steps.ts), so the sidebar
 * knows its progress without polling the server.
 */

import type { SettingsInput } from '../../core/settings.js';
import type { DetectedTable, PaneHost, Progress, RunOptions, RunSummary } from '../../pane/host.js';
import { runInSteps } from './run-in-steps.js';

/** The slice of google.script.run we use (the sidebar's iframe provides it; tests shim it). */
interface ScriptRun {
  // biome-ignore lint/suspicious/noExplicitAny: google.script.run passes untyped JSON
  withSuccessHandler(f: (value: any) => void): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  // biome-ignore lint/suspicious/noExplicitAny: any server function name
  [server: string]: any;
}

declare const google: { script: { run: ScriptRun } };

export function call<T>(name: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = google.script.run
      .withSuccessHandler(resolve)
      .withFailureHandler((e: Error) => reject(new Error(oneLine(e))));
    run[name](...args);
  });
}

/** Apps Script prefixes thrown messages ("Exception: …", "Error: …"); the pane shows the message. */
const oneLine = (e: unknown): string =>
  String(e instanceof Error ? e.message : e).replace(/^(Exception|Error):\s*/, '');

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
      table.address,
      table.headers.length,
      JSON.parse(JSON.stringify(settings)),
      { ...options },
      onProgress,
    );
  },
  goTo: (sheet: string, cell: string) => call<void>('goTo', sheet, cell),
};
