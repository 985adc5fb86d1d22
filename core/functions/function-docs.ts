/**
 * The README's reference of worksheet functions, generated from the same table as Excel's
 * functions.json and the Sheets globals, so the three never drift (a test compares the README).
 */
import type { FunctionDef } from './definitions.js';

export function functionDocsMarkdown(functions: readonly FunctionDef[]): string {
  const out: string[] = [];
  for (const f of functions) {
    const signature = f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
    out.push(`#### \`${f.id}(${signature})\``, '', f.description, '');
    out.push('| argument | |', '|---|---|');
    for (const p of f.params)
      out.push(
        `| \`${p.name}\`${p.optional ? ' (optional)' : ''} | ${p.description.replace(/\|/g, '\\|')} |`,
      );
    out.push('', `Returns: ${f.returns} Example: \`${f.example}\``, '');
  }
  return out.join('\n').trimEnd();
}
