/**
 * The pane's language: picked once from the host's display language (Excel:
 * Office.context.displayLanguage, "de-DE"; Sheets: Session.getActiveUserLocale(), "de"), English
 * for any language without a table. t() looks a key up in the table chosen and fills its {names}.
 */
import { de } from './de.js';
import { en, type StringKey } from './en.js';

export type { StringKey };

const TABLES: Record<string, Record<StringKey, string>> = { en, de };
let table: Record<StringKey, string> = en;
let current = 'en';

/**
 * The table's language for a host's language tag: "de-DE", "de_AT", "DE" → "de"; "fr-FR", "",
 * undefined → "en".
 */
export function languageOf(tag: string | undefined | null): string {
  const primary = String(tag ?? '')
    .trim()
    .toLowerCase()
    .split(/[-_]/)[0];
  return primary in TABLES ? primary : 'en';
}

/** Uses the table for `tag` (see languageOf) from now on; returns the language chosen. */
export function setLanguage(tag: string | undefined | null): string {
  current = languageOf(tag);
  table = TABLES[current];
  return current;
}

/** The language in use ("en", "de"). */
export const language = (): string => current;

/**
 * The text of `key` in the language in use, each {name} replaced by vars[name].
 * Example: `t('table.found', { rows: 3, address: 'A1:C4', source: 'the sheet' })` →
 * "3 rows in A1:C4, found from the sheet."
 */
export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  const text = table[key] || en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}
