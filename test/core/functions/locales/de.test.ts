/**
 * The German translation of the worksheet functions is complete: every function and every
 * argument has a German name and description, the names are ones Excel accepts and are not used
 * twice, nothing is left in English, and nothing names a function or argument that does not exist.
 * The build writes de-DE/functions.json from it (checked in test/publish/localized-functions.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../../core/functions/definitions.js';
import { translationProblems } from '../../../../core/functions/function-locale.js';
import { DE } from '../../../../core/functions/locales/de.js';

describe('German function metadata (de-DE)', () => {
  it('names and describes every function and every argument', () => {
    expect(translationProblems(FUNCTIONS, DE)).toEqual([]);
    expect(Object.keys(DE.functions).sort()).toEqual(FUNCTIONS.map((f) => f.id).sort());
    for (const f of FUNCTIONS)
      expect(Object.keys(DE.functions[f.id].params).sort(), f.id).toEqual(
        f.params.map((p) => p.name).sort(),
      );
  });

  it('translates: no name or description is the English one', () => {
    for (const f of FUNCTIONS) {
      const t = DE.functions[f.id];
      expect(t.name, f.id).not.toBe(f.id);
      expect(t.description, f.id).not.toBe(f.description);
      for (const p of f.params) {
        expect(t.params[p.name].name, `${f.id}(${p.name})`).not.toBe(p.name);
        expect(t.params[p.name].description, `${f.id}(${p.name})`).not.toBe(p.description);
      }
    }
  });

  it('keeps the words the product shows untranslated where the function returns them', () => {
    // Tier and segment names are what the functions return (DOMAIN.md, in English everywhere).
    expect(DE.functions.PROFITTIER.description).toContain(
      'Concierge, Grow, Maintain, Fix, Self-service',
    );
    expect(DE.functions.PROFITSEGMENT.description).toContain('Large/High');
    // The measures are typed as given in English: "count", "revenue", "profit", "margin".
    expect(DE.functions.PROFITBYGROUP.params.measure.description).toMatch(/"margin"/);
  });
});

describe('translationProblems: what it reports', () => {
  it('a missing function, a missing argument, a bad or shared name, an unknown entry', () => {
    const broken = structuredClone(DE);
    delete (broken.functions as Record<string, unknown>).WHALEPEAK;
    delete broken.functions.PROFITMATRIX.params.measure;
    broken.functions.COSTTOSERVE.name = '1KOSTEN';
    broken.functions.WHALECURVE.name = 'servicestufe';
    broken.functions.PROFITTIER.params.nonsense = { name: 'x', description: 'y' };
    (broken.functions as Record<string, unknown>).NOSUCH = DE.functions.WHALEPEAK;
    expect(translationProblems(FUNCTIONS, broken)).toEqual([
      'PROFITTIER(nonsense): the function has no such argument',
      'PROFITMATRIX(measure): no name or description',
      'COSTTOSERVE: "1KOSTEN" is not a name Excel accepts',
      "WHALECURVE: name servicestufe is also PROFITTIER's",
      'WHALEPEAK: no translation',
      'NOSUCH: no such function',
    ]);
  });
});
