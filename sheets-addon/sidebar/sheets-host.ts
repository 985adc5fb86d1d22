/**
 * PaneHost for the Sheets sidebar: each method is one google.script.run call to the server globals
 * (sidebar-server.ts). A server call cannot report while it runs, so progress is reported around
 * the one call that reads, computes and writes: its stages are shown as they start, not measured.
 */
import type { DetectedTable, PaneHost, Progress, RunOptions, RunSummary } from '../../pane/host.js';
import type { SettingsInput } from '../../core/settings.js';

/** The slice of google.script.run we use (the sidebar's iframe provides it; tests shim it). */
interface ScriptRun {
  withSuccessHandler(f: (value: any) => void): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  [server: string]: any;
}

declare const google: { script: { run: ScriptRun } };

function call<T>(name: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = google.script.run.withSuccessHandler(resolve).withFailureHandler((e: Error) => reject(new Error(oneLine(e))));
    run[name](...args);
  });
}

/** Apps Script prefixes thrown messages ("Exception: …", "Error: …"); the pane shows the message. */
const oneLine = (e: unknown): string => String(e instanceof Error ? e.message : e).replace(/^(Exception|Error):\s*/, '');

export const sheetsHost: PaneHost = {
  name: 'sheets',
  detectTable: () => call<DetectedTable>('detectTable'),
  async run(settings: SettingsInput, onProgress: (p: Progress) => void, options: RunOptions = {}): Promise<RunSummary> {
    onProgress({ stage: 'read', fraction: 0.05, message: 'Reading the table…' });
    // JSON round trip: google.script.run rejects Dates and functions; settings never need them.
    const pending = call<RunSummary>('runReport', JSON.parse(JSON.stringify(settings)), { ...options });
    onProgress({ stage: 'compute', fraction: 0.3, message: 'Analysing and writing the report sheets…' });
    const summary = await pending;
    onProgress({ stage: 'done', fraction: 1, message: `Wrote ${summary.sheets.join(', ')}.` });
    return summary;
  },
  goTo: (sheet: string, cell: string) => call<void>('goTo', sheet, cell),
};
