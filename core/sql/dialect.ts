/**
 * The few places where DuckDB, BigQuery and Spark SQL differ for the segmentation query:
 * identifier quoting, string-literal escaping, and the names of the double and string types.
 * Everything else in the query is the same text in all three.
 */

export const DIALECTS = ['duckdb', 'bigquery', 'spark'] as const;
export type Dialect = (typeof DIALECTS)[number];

export interface DialectSyntax {
  name: Dialect;
  /** IEEE double: DOUBLE / FLOAT64. */
  double: string;
  /** Text: VARCHAR / STRING. */
  string: string;
  /** A column name or one part of a table path, quoted. */
  ident(name: string): string;
  /** A table name as given (`db.schema.table`, `project.dataset.table`), quoted. */
  table(name: string): string;
  /** A string literal. */
  str(text: string): string;
}

const backslashed = (s: string) =>
  `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

export const SYNTAX: Record<Dialect, DialectSyntax> = {
  duckdb: {
    name: 'duckdb',
    double: 'DOUBLE',
    string: 'VARCHAR',
    ident: (n) => `"${n.replace(/"/g, '""')}"`,
    table: (n) =>
      n
        .split('.')
        .map((p) => `"${p.replace(/"/g, '""')}"`)
        .join('.'),
    str: (s) => `'${s.replace(/'/g, "''")}'`,
  },
  bigquery: {
    // Backticks around the whole path: project ids may hold hyphens.
    name: 'bigquery',
    double: 'FLOAT64',
    string: 'STRING',
    ident: (n) => `\`${n.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
    table: (n) => `\`${n.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
    str: backslashed,
  },
  spark: {
    name: 'spark',
    double: 'DOUBLE',
    string: 'STRING',
    ident: (n) => `\`${n.replace(/`/g, '``')}\``,
    table: (n) =>
      n
        .split('.')
        .map((p) => `\`${p.replace(/`/g, '``')}\``)
        .join('.'),
    str: backslashed,
  },
};

/**
 * A double constant that every dialect reads as an IEEE double, bit for bit: exponent notation
 * (`8e-1`, `2.5e+1`). Plain `0.8` would be a DECIMAL in DuckDB and Spark.
 * Example: `double(0.8)` → `8e-1`; `double(-0.1)` → `(-1e-1)`.
 */
export function double(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const s = (x === 0 ? 0 : x).toExponential();
  return x < 0 ? `(${s})` : s;
}
