// Apps Script's globals (SpreadsheetApp, HtmlService, …) for the files of this folder only.
/// <reference types="google-apps-script" />
