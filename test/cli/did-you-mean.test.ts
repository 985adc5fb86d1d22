import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../cli/did-you-mean.js';

describe('closest', () => {
  it('counts inserts, deletes and changes', () => {
    expect(editDistance('ot', 'out')).toBe(1);
    expect(editDistance('jsno', 'json')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the option a typo was meant to be, and nothing for a word that is not near', () => {
    const analyze = ['sheet', 'settings', 'json', 'previous', 'periods', 'out', 'force', 'help'];
    expect(closest('ot', analyze)).toBe('out');
    expect(closest('setings', analyze)).toBe('settings');
    expect(closest('previos', analyze)).toBe('previous');
    expect(closest('OUT', analyze)).toBe('out');
    expect(closest('xlsx', analyze)).toBeUndefined();
    expect(closest('verbose', analyze)).toBeUndefined();
  });
});
