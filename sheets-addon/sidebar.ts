/** Opens the sidebar: the shared pane UI, built into the single self-contained sidebar.html. */

export const SIDEBAR_FILE = 'sidebar';
export const SIDEBAR_TITLE = 'Profit Tiers';

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
