/**
 * The optional `options` argument of the custom functions: settings as JSON text
 * (`{"size": {"method": "terciles"}}`) or a two-column range of setting paths and values
 * (`size.method | terciles`, `size.large | 0.7`) or of the template's Settings labels and values
 * (`Size method | terciles`, core/settings-labels.ts).
 */

import { isBlank } from '../parse-number.js';
import { FORBIDDEN_NAMES, resolveSettings, type Settings } from '../settings.js';
import { settingPaths } from '../settings-labels.js';
import { type Arg, FunctionArgumentError, omitted } from './arguments.js';

const cache = new Map<string, Settings>();

export function functionSettings(arg: Arg): Settings {
  if (omitted(arg) || (typeof arg === 'string' && arg.trim() === ''))
    return resolveSettings({}).settings;
  const key = JSON.stringify(arg);
  const hit = cache.get(key);
  if (hit) return hit;
  // biome-ignore lint/suspicious/noExplicitAny: the user's JSON or range, checked by resolveSettings
  let input: Record<string, any>;
  if (typeof arg === 'string') {
    try {
      input = JSON.parse(arg);
    } catch {
      throw new FunctionArgumentError(
        'options',
        'is not JSON settings such as {"size": {"method": "terciles"}}',
      );
    }
  } else if (Array.isArray(arg) && arg.every((r) => r.length >= 2)) {
    input = {};
    // the template's Settings labels ("Size method") are read as their settings paths
    for (const [path, value] of settingPaths(arg)) {
      if (isBlank(path)) continue;
      const parts = String(path).trim().split('.');
      // The shared runtime lives as long as the workbook: a path through "__proto__" would change
      // every object in it, so such names are refused before anything is set.
      const bad = parts.find((p) => FORBIDDEN_NAMES.has(p));
      if (bad !== undefined)
        throw new FunctionArgumentError('options', `"${bad}" cannot be a setting name (${path})`);
      let node = input;
      for (const p of parts.slice(0, -1)) {
        if (!Object.hasOwn(node, p)) node[p] = {};
        node = node[p];
        if (node === null || typeof node !== 'object')
          throw new FunctionArgumentError('options', `${path}: ${p} is a value, not a group`);
      }
      node[parts[parts.length - 1]] = value instanceof Date ? value.toISOString() : value;
    }
  } else
    throw new FunctionArgumentError(
      'options',
      'give JSON text or a two-column range of setting names and values',
    );
  const { settings, problems } = resolveSettings(input);
  if (problems.length) throw new FunctionArgumentError('options', problems.join('; '));
  if (cache.size > 16) cache.clear();
  cache.set(key, settings);
  return settings;
}
