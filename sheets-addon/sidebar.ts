/**
 * Opens the sidebar: the shared pane UI, built into the single self-contained sidebar.html, told
 * the user's language (Session.getActiveUserLocale(), e.g. "de") to pick its strings.
 */

export const SIDEBAR_FILE = 'sidebar';
export const SIDEBAR_TITLE = 'Profit Tiers';

export function showSidebar(): void {
  SpreadsheetApp.getUi().showSidebar(sidebar(false));
}

/** The sidebar, marked to run the self-test as soon as it opens (menu Profit Tiers › Self-test). */
export function showSelfTest(): void {
  SpreadsheetApp.getUi().showSidebar(sidebar(true));
}

/** The built page with its marks on <main>: the language, and whether to self-test at once. */
function sidebar(selfTest: boolean): GoogleAppsScript.HTML.HtmlOutput {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE);
  const marks = `data-lang="${userLanguage()}"${selfTest ? ' data-self-test="1"' : ''}`;
  html.setContent(html.getContent().replace('<main id="app">', `<main id="app" ${marks}>`));
  return html.setTitle(SIDEBAR_TITLE);
}

/** The user's language tag ("de", "en_GB"), only letters, "-" and "_"; "" when unknown. */
function userLanguage(): string {
  try {
    const tag = Session.getActiveUserLocale();
    return /^[A-Za-z_-]{1,20}$/.test(tag) ? tag : '';
  } catch {
    return ''; // not allowed in this authorization mode: English
  }
}
