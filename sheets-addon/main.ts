/**
 * Entry of the Apps Script bundle: it only declares what becomes global. esbuild wraps this module
 * in an IIFE named ProfitTiers; build/build-sheets.mjs appends one top-level function per entry of
 * SERVER_GLOBALS (menu and google.script.run targets) and per custom function of FUNCTIONS, since
 * Apps Script only sees top-level function declarations.
 */

export { FUNCTIONS } from '../core/functions/definitions.js';
export { callFunction } from './custom-functions.js';
export { MENU_ITEMS, onInstall, onOpen, showSidebar } from './menu.js';
export { detectTable, goTo, runProgress, runReport, writeSheets } from './sidebar-server.js';

/** Global name → parameter names, for the generated top-level functions. */
export const SERVER_GLOBALS: Record<string, string[]> = {
  onOpen: ['e'],
  onInstall: ['e'],
  showSidebar: [],
  detectTable: [],
  runReport: ['settings', 'options', 'runId'],
  runProgress: ['runId'],
  goTo: ['sheet', 'cell'],
  writeSheets: ['specs'],
};
