/**
 * The README's function reference is generated from core/functions/definitions.ts; this test fails
 * when they drift. `npm run docs` rewrites the block.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../core/functions/definitions.js';
import { functionDocsMarkdown } from '../core/functions/function-docs.js';

const START =
  '<!-- functions:start (generated from core/functions/definitions.ts by npm run docs) -->';
const END = '<!-- functions:end -->';

describe('README', () => {
  it('documents every custom function exactly as the function table defines it', () => {
    const readme = readFileSync('README.md', 'utf8');
    const a = readme.indexOf(START),
      b = readme.indexOf(END);
    expect(a, 'README has the functions block markers').toBeGreaterThan(-1);
    const generated = `${START}\n${functionDocsMarkdown(FUNCTIONS)}\n${END}`;
    const current = readme.slice(a, b + END.length);
    if (process.env.UPDATE_README && current !== generated)
      writeFileSync('README.md', readme.replace(current, generated));
    else expect(current).toBe(generated);
  });

  it('shows the quick start and the test command', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
