/** Opens the sidebar: the shared pane UI, built into the single self-contained sidebar.html. */

export const SIDEBAR_FILE = 'sidebar';
export const SIDEBAR_TITLE = 'Profit Tiers';

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The sidebar, marked to run the self-test as soon as it opens (menu Profit Tiers › Self-test). */
export function showSelfTest(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE);
  html.setContent(
    html.getContent().replace('<main id="app">', '<main id="app" data-self-test="1">'),
  );
  SpreadsheetApp.getUi().showSidebar(html.setTitle(SIDEBAR_TITLE));
}
