/**
 * The add-on menu. onOpen runs in AuthMode.NONE until the add-on is used in a document, so it may
 * only build the add-on menu: no reading of cells, no properties.
 */
import { showSelfTest, showSidebar } from './sidebar.js';

export const MENU_ITEMS = [
  { caption: 'Analyze customers…', functionName: 'showSidebar' },
  { caption: 'Self-test', functionName: 'showSelfTest' },
] as const;

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

/** Installing from the Marketplace does not fire onOpen for the open document, so build the menu now. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export { showSelfTest, showSidebar };
