// The pane's strings tables (pane/strings): German says everything English says, and the host's
// language picks the table.
import { describe, expect, it } from 'vitest';
import { de } from '../../pane/strings/de.js';
import { en } from '../../pane/strings/en.js';
import { languageOf, setLanguage, t } from '../../pane/strings/language.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('pane strings', () => {
  it('German has every key of English, none empty, with the same {placeholders}', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const german = de[key as keyof typeof en];
      expect(german.trim(), key).not.toBe('');
      expect(placeholders(german), key).toEqual(placeholders(text));
    }
  });

  it('German is German where the words differ, not English left in place', () => {
    const same = Object.keys(en).filter(
      (k) => en[k as keyof typeof en] === de[k as keyof typeof en],
    );
    // names and words both languages share
    expect(same.sort()).toEqual(['app.name', 'whatif.name'].sort());
  });

  it('picks the table from the host’s language tag, English otherwise', () => {
    expect(languageOf('de-DE')).toBe('de');
    expect(languageOf('de_AT')).toBe('de');
    expect(languageOf('DE')).toBe('de');
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf('')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  it('fills {names} in the language chosen', () => {
    expect(setLanguage('de-CH')).toBe('de');
    expect(t('mapping.matched', { matched: 12, total: 15 })).toBe('12 von 15 Spalten zugeordnet');
    expect(setLanguage('en-US')).toBe('en');
    expect(t('mapping.matched', { matched: 12, total: 15 })).toBe('12 of 15 columns matched');
    expect(t('table.found', { rows: 3, address: 'A1:C4', source: 'the sheet' })).toBe(
      '3 rows in A1:C4, found from the sheet.',
    );
  });
});
