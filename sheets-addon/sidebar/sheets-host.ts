/**
 * PaneHost for the Sheets sidebar: each method is one google.script.run call to the server globals
 * (sidebar-server.ts). A server call cannot report while it runs, so the run leaves its stages
 * (read, compute, each sheet written) in the user's cache and a second call polls them.
 */

import type { SheetSpec } from '../../core/report/sheet-spec.js';
import type { SettingsInput } from '../../core/settings.js';
import type { DetectedTable, PaneHost, Progress, RunOptions, RunSummary } from '../../pane/host.js';

/** The slice of google.script.run we use (the sidebar's iframe provides it; tests shim it). */
interface ScriptRun {
  // biome-ignore lint/suspicious/noExplicitAny: google.script.run passes untyped JSON
  withSuccessHandler(f: (value: any) => void): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  // biome-ignore lint/suspicious/noExplicitAny: any server function name
  [server: string]: any;
}

declare const google: { script: { run: ScriptRun } };

function call<T>(name: string, ...args: unknown[]): Promise<T> {
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

/** How often the sidebar asks for the run's progress. */
const POLL_MS = 700;

export const sheetsHost: PaneHost = {
  name: 'sheets',
  detectTable: () => call<DetectedTable>('detectTable'),
  async run(
    settings: SettingsInput,
    onProgress: (p: Progress) => void,
    options: RunOptions = {},
  ): Promise<RunSummary> {
    onProgress({ stage: 'read', fraction: 0, message: 'Starting…' });
    // The run reports its stages to the user's cache; a second server call polls them meanwhile.
    const runId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    let latest = 0,
      finished = false;
    const poll = async () => {
      while (!finished) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const p = await call<Progress | null>('runProgress', runId).catch(() => null);
        if (!finished && p && p.fraction > latest) {
          latest = p.fraction;
          onProgress(p);
        }
      }
    };
    void poll();
    try {
      // JSON round trip: google.script.run rejects Dates and functions; settings never need them.
      const summary = await call<RunSummary>(
        'runReport',
        JSON.parse(JSON.stringify(settings)),
        { ...options },
        runId,
      );
      onProgress({ stage: 'done', fraction: 1, message: `Wrote ${summary.sheets.join(', ')}.` });
      return summary;
    } finally {
      finished = true;
    }
  },
  goTo: (sheet: string, cell: string) => call<void>('goTo', sheet, cell),
  // JSON round trip, as for settings: plain data only
  writeSheets: (specs: SheetSpec[]) =>
    call<string[]>('writeSheets', JSON.parse(JSON.stringify(specs))),
};
