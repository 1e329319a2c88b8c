import { loadModule, scanSync } from 'libpg-query';

/**
 * The simple query protocol has no parameters: a driver in that mode (psycopg2, Django's
 * client-side binding) writes each value into the SQL text as a literal. This does the same, with
 * PostgreSQL's own scanner (libpg-query) finding the `$n` placeholders, so a `$1` inside a string,
 * a comment or a dollar-quoted body is never touched.
 */

/**
 * A text value as an escaped string constant. Every value is quoted, numbers too: the extended
 * protocol sends a parameter as text of unknown type that the statement's context types
 * (`id = $1` compares as the column's type), and a quoted constant is typed by the same rule, so
 * the statement means the same in every mode; a bare `42` would be an integer and turn `name = $1`
 * into `text = integer`, an error. E'' syntax escapes backslashes the same way whatever the
 * server's standard_conforming_strings.
 */
export function quoteLiteral(value: string | null): string {
  if (value === null) return 'NULL';
  if (value.includes('\0'))
    throw new Error('A parameter contains a NUL character, which PostgreSQL text cannot hold.');
  return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

let loaded: Promise<void> | null = null;
let ready = false;
/** Loads PostgreSQL's scanner (WebAssembly) once; call before `inlineParams`. */
export function loadInliner(): Promise<void> {
  loaded ??= loadModule().then(() => {
    ready = true;
  });
  return loaded;
}
export const inlinerLoaded = () => ready;

interface Placeholder {
  /** Byte offsets in the UTF-8 text (the scanner's unit). */
  start: number;
  end: number;
  index: number;
}

// A workload has a handful of statements; a load test inlines the same ones thousands of times a
// second, so each text is scanned once (bounded, in case texts vary).
const scanned = new Map<string, Placeholder[]>();
const MAX_SCANNED = 1_000;

function placeholders(sql: string): Placeholder[] {
  const known = scanned.get(sql);
  if (known) return known;
  const found = scanSync(sql)
    .tokens.filter((t) => t.tokenName === 'PARAM')
    .map((t) => ({ start: t.start, end: t.end, index: Number(t.text.slice(1)) }));
  if (scanned.size >= MAX_SCANNED) scanned.clear();
  scanned.set(sql, found);
  return found;
}

/**
 * The statement with `$n` replaced by the n-th value as a literal. A placeholder without a value is
 * an error, as it is for the server in the other modes. Throws when the text cannot be scanned (an
 * unterminated string or comment), which the server would refuse too.
 */
export function inlineParams(sql: string, values: readonly (string | null)[]): string {
  if (values.length === 0 && !sql.includes('$')) return sql;
  const found = placeholders(sql);
  if (found.length === 0) return sql;
  const bytes = Buffer.from(sql, 'utf8');
  const parts: string[] = [];
  let at = 0;
  for (const p of found) {
    if (p.index < 1 || p.index > values.length) throw new Error(`there is no parameter $${p.index}`);
    parts.push(bytes.subarray(at, p.start).toString('utf8'));
    // A space before: the literal can never join the token before it (`1E'…'`).
    parts.push(` ${quoteLiteral(values[p.index - 1] ?? null)}`);
    at = p.end;
  }
  parts.push(bytes.subarray(at).toString('utf8'));
  return parts.join('');
}
