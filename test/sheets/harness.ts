/**
 * Runs the BUILT add-on (dist/sheets/Code.js) in node:vm against the in-memory SpreadsheetApp fake,
 * the way Apps Script runs it: one global scope holding the bundle and its generated functions.
 */
import { readFile } from 'node:fs/promises';
import * as vm from 'node:vm';
// @ts-expect-error plain .mjs build script without types
import { buildCode } from '../../build/build-sheets.mjs';
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
