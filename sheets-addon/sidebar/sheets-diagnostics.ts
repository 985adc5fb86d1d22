/**
 * The Sheets part of the self-test (pane/self-test.ts): each method is server calls to
 * self-test-server.ts; a worksheet function is called as the global Sheets calls for a formula
 * (google.script.run can call any global function), and round trips are server calls.
 */
import type { CellValue } from '../../core/types.js';
import type { Diagnostics } from '../../pane/self-test.js';
import type { ScratchCell } from '../../pane/self-test-data.js';
import { call, serverCalls } from './script-run.js';

export const sheetsDiagnostics: Diagnostics = {
  sheetNames: () => call<string[]>('listSheets'),
  createSheet: (name: string, rows: ScratchCell[][]) =>
    call<void>('createScratchSheet', name, rows),
  readSheet: (name: string) => call<CellValue[][]>('readSheetValues', name),
  callFunction: (id: string, args: unknown[]) => call<unknown[][]>(id, ...args),
  deleteSheets: (names: string[]) => call<void>('deleteScratchSheets', names),
  roundTrips: serverCalls,
};
