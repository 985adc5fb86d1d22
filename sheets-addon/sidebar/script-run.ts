/** google.script.run as promises, counted (the self-test reports round trips). */

/** The slice of google.script.run we use (the sidebar's iframe provides it; tests shim it). */
interface ScriptRun {
  // biome-ignore lint/suspicious/noExplicitAny: google.script.run passes untyped JSON
  withSuccessHandler(f: (value: any) => void): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  // biome-ignore lint/suspicious/noExplicitAny: any server function name
  [server: string]: any;
}

declare const google: { script: { run: ScriptRun } };

let calls = 0;
/** Server calls made so far: the self-test's round trips. */
export const serverCalls = () => calls;

export function call<T>(name: string, ...args: unknown[]): Promise<T> {
  calls++;
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
