/**
 * The built function metadata per language (dist/excel/<locale>/functions.json) is the English
 * functions.json with the translation's names and descriptions: same ids, same arguments in the
 * same order, same types; the manifest points Excel at it for the locale.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../core/functions/definitions.js';
import { FUNCTION_LOCALES } from '../../core/functions/locales/index.js';
import { ensureExcelBuild } from '../excel/built-dist.js';

interface Meta {
  functions: {
    id: string;
    name: string;
    description: string;
    helpUrl: string;
    parameters: {
      name: string;
      description: string;
      type?: string;
      dimensionality?: string;
      optional?: boolean;
    }[];
    result: unknown;
  }[];
}

let english: Meta;
beforeAll(() => {
  ensureExcelBuild();
  english = JSON.parse(readFileSync('dist/excel/functions.json', 'utf8'));
});

describe.each(FUNCTION_LOCALES.map((l) => [l.locale, l] as const))(
  'functions.json in %s',
  (tag, locale) => {
    it('has the English ids, arguments and types with the translated names and descriptions', () => {
      const meta: Meta = JSON.parse(readFileSync(`dist/excel/${tag}/functions.json`, 'utf8'));
      expect(meta.functions.map((f) => f.id)).toEqual(english.functions.map((f) => f.id));
      for (const [i, f] of meta.functions.entries()) {
        const en = english.functions[i];
        const def = FUNCTIONS.find((d) => d.id === f.id)!;
        const t = locale.functions[f.id];
        expect([f.name, f.description]).toEqual([t.name, t.description]);
        expect([f.helpUrl, f.result]).toEqual([en.helpUrl, en.result]);
        expect(f.parameters.map((p) => p.name)).toEqual(
          def.params.map((p) => t.params[p.name].name),
        );
        expect(f.parameters.map(({ name: _n, description: _d, ...rest }) => rest)).toEqual(
          en.parameters.map(({ name: _n, description: _d, ...rest }) => rest),
        );
      }
    });

    it('the manifest points Excel at it for that locale', () => {
      const xml = readFileSync('manifest.xml', 'utf8');
      expect(xml).toMatch(
        new RegExp(
          `<bt:Url id="Functions.Metadata.Url" DefaultValue="https://localhost:3000/functions.json">\\s*<bt:Override Locale="${tag}" Value="https://localhost:3000/${tag}/functions.json"/>`,
        ),
      );
    });
  },
);
