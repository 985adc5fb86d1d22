/**
 * Entry of the Apps Script bundle: it only declares what becomes global. esbuild wraps this module
 * in an IIFE named ProfitTiers; build/build-sheets.mjs appends one top-level function per entry of
 * SERVER_GLOBALS (menu and google.script.run targets) and per custom function of FUNCTIONS, since
 * Apps Script only sees top-level function declarations.
 */

export { FUNCTIONS } from '../core/functions/definitions.js';
export { callFunction } from './custom-functions.js';
export { MENU_ITEMS, onInstall, onOpen, showSelfTest, showSidebar } from './menu.js';
export { finishReport, finishSheet, prepareReport, readRows, writeRows } from './run-steps.js';
export {
  createScratchSheet,
  deleteScratchSheets,
  listSheets,
  readSheetValues,
} from './self-test-server.js';
export { addSheet, detectTable, goTo } from './sidebar-server.js';

/** Global name → parameter names, for the generated top-level functions. */
export const SERVER_GLOBALS: Record<string, string[]> = {
  onOpen: ['e'],
  onInstall: ['e'],
  showSidebar: [],
  showSelfTest: [],
  detectTable: [],
  readRows: ['table', 'from', 'count'],
  prepareReport: ['plan', 'keepOthers'],
  writeRows: ['sheetId', 'block'],
  finishSheet: ['sheetId', 'finish'],
  finishReport: ['stale', 'first'],
  goTo: ['sheet', 'cell'],
  addSheet: ['name', 'rows'],
  listSheets: [],
  createScratchSheet: ['name', 'rows'],
  readSheetValues: ['name'],
  deleteScratchSheets: ['names'],
};
