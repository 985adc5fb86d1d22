/**
 * A translation of the worksheet functions' metadata: what Excel shows in its formula
 * autocomplete and argument tooltips. Ids never change (workbooks call them); a locale gives each
 * function a display name and description, and each argument a name and description, keyed by
 * the function's id and the argument's English name in core/functions/definitions.ts. A
 * translation is data: build/generate-functions.mjs writes one functions.json per locale from it.
 */
import type { FunctionDef } from './definitions.js';

export interface ParamTranslation {
  name: string;
  description: string;
}

export interface FunctionTranslation {
  /** Display name, upper case like Excel's own functions (e.g. SERVICESTUFE). */
  name: string;
  description: string;
  /** By the argument's English name. */
  params: Record<string, ParamTranslation>;
}

export interface FunctionLocale {
  /** The Office locale tag the manifest overrides for, e.g. de-DE. */
  locale: string;
  /** By function id. */
  functions: Record<string, FunctionTranslation>;
}

/**
 * What is missing or left over in a translation against the function table: one line per problem
 * (a function or argument without a name or description, a name Excel refuses, a name used twice,
 * an entry for a function or argument the table does not have). Empty when it is complete.
 *
 * Excel's rule for a display name: it starts with a letter, has at least three characters, and
 * holds only letters, digits, underscores and periods.
 *
 * @example translationProblems(FUNCTIONS, { locale: 'de-DE', functions: {} })
 *   // → ['PROFITTIER: no translation', …]
 */
export function translationProblems(
  functions: readonly FunctionDef[],
  t: FunctionLocale,
): string[] {
  const out: string[] = [];
  const names = new Map<string, string>();
  for (const f of functions) {
    const tf = t.functions[f.id];
    if (!tf) {
      out.push(`${f.id}: no translation`);
      continue;
    }
    if (!/^\p{L}[\p{L}\p{N}_.]{2,}$/u.test(tf.name))
      out.push(`${f.id}: "${tf.name}" is not a name Excel accepts`);
    const other = names.get(tf.name.toUpperCase());
    if (other) out.push(`${f.id}: name ${tf.name} is also ${other}'s`);
    names.set(tf.name.toUpperCase(), f.id);
    if (!tf.description.trim()) out.push(`${f.id}: no description`);
    const params = new Set<string>();
    for (const p of f.params) {
      const tp = tf.params[p.name];
      if (!tp?.name.trim() || !tp.description.trim()) {
        out.push(`${f.id}(${p.name}): no name or description`);
        continue;
      }
      if (params.has(tp.name))
        out.push(`${f.id}(${p.name}): argument name ${tp.name} is used twice`);
      params.add(tp.name);
    }
    for (const name of Object.keys(tf.params))
      if (!f.params.some((p) => p.name === name))
        out.push(`${f.id}(${name}): the function has no such argument`);
  }
  for (const id of Object.keys(t.functions))
    if (!functions.some((f) => f.id === id)) out.push(`${id}: no such function`);
  return out;
}
