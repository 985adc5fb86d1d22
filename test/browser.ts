/**
 * What the Chromium tests share: launching Debian's chromium through playwright-core, the stand-ins
 * for the host scripts a pane loads (office.js, google.script.run), and the content types the
 * little test servers send.
 */
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM } from './tools.js';

/** Headless Chromium with no downloads, updates or first-run work (the machine has no web). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM.path!,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Served in place of office.js: Office.onReady and the CustomFunctions surface the bundle touches. */
export const OFFICE_STUB = `window.Office = { onReady: (cb) => Promise.resolve().then(() => cb && cb({ host: 'Excel' })) };
window.CustomFunctions = { associate() {}, Error: class {}, ErrorCode: { invalidValue: '#VALUE!' } };`;

/**
 * The google.script.run API surface: chained handlers, then any server function name, answered
 * by the page's exposed `__serverCall(name, argsJson)` with `{ ok, value | message }` as JSON.
 */
export const SCRIPT_RUN_SHIM = `window.google = { script: { get run() {
  const call = (ok, fail) => new Proxy({}, { get: (_, name) => {
    if (name === 'withSuccessHandler') return (f) => call(f, fail);
    if (name === 'withFailureHandler') return (f) => call(ok, f);
    return (...args) => { window.__serverCall(String(name), JSON.stringify(args)).then((r) => {
      const out = JSON.parse(r);
      if (out.ok) ok && ok(out.value); else fail && fail(new Error(out.message));
    }); };
  } });
  return call(null, null);
} } };`;

/** Content types of the files the test servers hand out. */
export const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
};
