/**
 * Runs the BUILT add-on (dist/sheets/Code.js) in node:vm against the in-memory SpreadsheetApp fake,
 * the way Apps Script runs it: one global scope holding the bundle and its generated functions.
 */
import { readFile } from 'node:fs/promises';
import * as vm from 'node:vm';
// @ts-expect-error plain .mjs build script without types
import { buildCode } from '../../build/build-sheets.mjs';
import type { SheetSpec } from '../../core/report/sheet-spec.js';
import type { SettingsInput } from '../../core/settings.js';
import type { DetectedTable, Progress, RunOptions, RunSummary } from '../../pane/host.js';
import {
  runInSteps,
  type ServerCall,
  writeInSteps,
} from '../../sheets-addon/sidebar/run-in-steps.js';
import {
  type AppsScriptFake,
  createAppsScriptFake,
  type FakeOptions,
} from '../fakes/spreadsheet-app.js';

let code: Promise<string> | undefined;

/** Builds Code.js once per test process (fresh from the sources), then reads it. */
export function bundle(): Promise<string> {
  code ??= (buildCode() as Promise<string>).then((path) => readFile(path, 'utf8'));
  return code;
}

export interface Script {
  fake: AppsScriptFake;
  ctx: vm.Context;
  /** Calls a global function directly (as a menu item, trigger or custom function does), as one execution. */
  global(name: string, ...args: unknown[]): unknown;
  /**
   * Calls a global as google.script.run does: arguments and result cross as JSON-like values, and
   * a Date in either direction fails (the real bridge rejects or mangles them).
   */
  run(name: string, ...args: unknown[]): unknown;
}

export async function boot(opts: FakeOptions = {}): Promise<Script> {
  const source = await bundle();
  const fake = createAppsScriptFake(opts);
  const ctx = vm.createContext({});
  fake.install(ctx);
  vm.runInContext(source, ctx, { filename: 'Code.js' });
  /** One execution, as Apps Script runs a menu item, trigger or server call: its own clock. */
  const global = (name: string, ...args: unknown[]): unknown => {
    const f = (ctx as Record<string, unknown>)[name];
    if (typeof f !== 'function') throw new Error(`${name} is not a global function of Code.js`);
    return fake.execute(() => f(...args));
  };
  const run = (name: string, ...args: unknown[]): unknown => {
    noDates(args, `arguments of ${name}`);
    const inside = vm.runInContext(
      `JSON.parse(${JSON.stringify(JSON.stringify(args))})`,
      ctx,
    ) as unknown[];
    const result = global(name, ...inside);
    noDates(result, `result of ${name}`);
    return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
  };
  return { fake, ctx, global, run };
}

function noDates(v: unknown, where: string): void {
  if (Object.prototype.toString.call(v) === '[object Date]')
    throw new Error(`google.script.run cannot carry a Date (${where})`);
  if (v && typeof v === 'object') for (const x of Object.values(v)) noDates(x, where);
}

/** Same counts per method, as a readable diff when not. */
export function countsOf(fake: AppsScriptFake): Record<string, number> {
  return Object.fromEntries(
    Object.entries(fake.calls.byMethod).sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** One server call of a stepwise run: its name, the SpreadsheetApp calls it made, its time. */
export interface StepCall {
  name: string;
  calls: number;
  /** Its execution's time as the fake models it (each call is one Apps Script execution). */
  ms: number;
}

/**
 * A run as the sidebar drives it: detectTable (unless `detected` is given: a run again without
 * re-selecting), then the sidebar's own runInSteps, each step one google.script.run call into the
 * bundle (JSON in and out, errors as one-line messages).
 */
export async function runSteps(
  s: Script,
  settings: SettingsInput = {},
  options: RunOptions = {},
  onProgress: (p: Progress) => void = () => {},
  detected?: DetectedTable,
): Promise<{ summary: RunSummary; steps: StepCall[] }> {
  const steps: StepCall[] = [];
  const call = stepCall(s, steps);
  const table = detected ?? (await call<DetectedTable>('detectTable'));
  const summary = await runInSteps(
    call,
    table.location,
    table.headers.length,
    settings,
    options,
    onProgress,
  );
  return { summary, steps };
}

/** What-if sheets written as the sidebar writes them (sheetsHost.writeSheets), step by step. */
export async function writeSteps(
  s: Script,
  specs: SheetSpec[],
): Promise<{ names: string[]; steps: StepCall[] }> {
  const steps: StepCall[] = [];
  const names = await writeInSteps(stepCall(s, steps), specs, undefined, true);
  return { names, steps };
}

/** google.script.run into the bundle, each call logged in `steps`. */
function stepCall(s: Script, steps: StepCall[]): ServerCall {
  return async <T>(name: string, ...args: unknown[]): Promise<T> => {
    const before = s.fake.calls.spreadsheet;
    try {
      return s.run(name, ...args) as T;
    } catch (e) {
      throw new Error(String((e as Error)?.message ?? e));
    } finally {
      steps.push({ name, calls: s.fake.calls.spreadsheet - before, ms: s.fake.lastExecutionMs });
    }
  };
}

/**
 * Makes `google.script.run` (the sidebar's bridge) call the bundle's globals, asynchronously and
 * with JSON-only arguments and results, as in the sidebar's iframe; errors reach the failure
 * handler as Apps Script words them ("Exception: …"). Returns a function that removes it.
 */
export function installScriptRun(s: Script): () => void {
  type Handler = ((v: unknown) => void) | null;
  const chain = (ok: Handler, fail: Handler): unknown =>
    new Proxy(
      {},
      {
        get: (_, name) => {
          if (name === 'withSuccessHandler') return (f: Handler) => chain(f, fail);
          if (name === 'withFailureHandler') return (f: Handler) => chain(ok, f);
          return (...args: unknown[]) =>
            setTimeout(() => {
              try {
                const value = s.run(String(name), ...JSON.parse(JSON.stringify(args)));
                ok?.(value);
              } catch (e) {
                fail?.(new Error(String(e)));
              }
            }, 0);
        },
      },
    );
  const g = globalThis as { google?: unknown };
  g.google = {
    script: {
      get run() {
        return chain(null, null);
      },
    },
  };
  return () => {
    delete g.google;
  };
}
