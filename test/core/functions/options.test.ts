// The `options` argument of the custom functions: JSON text or a two-column range of setting paths.
// Excel's shared runtime lives as long as the workbook, so a path must never reach Object.prototype.
import { afterEach, describe, expect, it } from 'vitest';
import { FunctionArgumentError } from '../../../core/functions/arguments.js';
import { functionSettings } from '../../../core/functions/options.js';

afterEach(() => {
  // Clean up after a failing run, so one polluted prototype cannot fail every later test.
  for (const k of ['polluted', 'method']) delete (Object.prototype as Record<string, unknown>)[k];
});

describe('functionSettings', () => {
  it('reads a two-column range of paths and values into settings', () => {
    const s = functionSettings([
      ['size.method', 'terciles'],
      ['costOfCapital', 0.08],
      [null, null],
    ]);
    expect(s.size.method).toBe('terciles');
    expect(s.costOfCapital).toBe(0.08);
  });

  it.each([
    ['__proto__.polluted', '__proto__'],
    ['constructor.prototype.polluted', 'constructor'],
    ['size.__proto__.polluted', '__proto__'],
    ['prototype', 'prototype'],
  ])('refuses the path %s and leaves Object.prototype alone', (path, name) => {
    let caught: unknown;
    try {
      functionSettings([[path, 'yes']]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FunctionArgumentError);
    expect((caught as Error).message).toBe(`options: "${name}" cannot be a setting name (${path})`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses the names in JSON text too', () => {
    expect(() => functionSettings('{"__proto__": {"polluted": 1}}')).toThrow(
      'options: "__proto__" cannot be a setting name',
    );
    expect(() => functionSettings('{"size": {"constructor": {"prototype": 1}}}')).toThrow(
      'options: "constructor" cannot be a setting name',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says so when a path goes through a value', () => {
    expect(() =>
      functionSettings([
        ['size', 'big'],
        ['size.method', 'terciles'],
      ]),
    ).toThrow('options: size.method: size is a value, not a group');
  });
});
