/**
 * What the recorder learns from SQL text, all through PostgreSQL's own parser and scanner
 * (libpg-query): statement boundaries in a simple Query, the fingerprint, the tables read and
 * written, literal tokens (for value links) and the sqlcommenter tags at either end.
 * Results are cached by text: drivers using the extended protocol repeat the same SQL.
 */
import { fingerprintSync, loadModule, normalizeSync, parseSync, scanSync } from 'libpg-query';
import { parseTagComment } from './sqlcommenter';

let loaded: Promise<void> | null = null;
/** libpg-query's WebAssembly module must be loaded once before the sync calls below. */
export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

export interface Literal {
  /** The literal's value as PostgreSQL would read it ('it''s' → it's). */
  value: string;
  /** Character offset in the statement's SQL. */
  offset: number;
}

export interface SqlFacts {
  sql: string;
  /** null when the text does not parse (the server will say why). */
  fingerprint: string | null;
  tablesRead: string[];
  tablesWritten: string[];
  literals: Literal[];
  tags: Record<string, string>;
}

/** The facts of SQL the parser could not (or did not get to) read. */
export const noSqlFacts = (sql: string): SqlFacts => ({
  sql,
  fingerprint: null,
  tablesRead: [],
  tablesWritten: [],
  literals: [],
  tags: {},
});

const isAscii = (s: string) => Buffer.byteLength(s, 'utf8') === s.length;

/** Byte offsets from the parser to a substring, also for non-ASCII SQL. */
function sliceBytes(sql: string, start: number, end?: number): string {
  if (isAscii(sql)) return sql.slice(start, end);
  return Buffer.from(sql, 'utf8').toString('utf8', start, end);
}

/**
 * The statements of a simple Query, as the server will run them. SQL that does not parse stays one
 * statement: the server rejects the whole string with one error.
 */
export function splitStatements(sql: string): string[] {
  // Only text with a semicolon before its end can hold several statements (the parser then says
  // which): most Queries have none, and parsing costs the forwarding thread tens of microseconds.
  if (!sql.replace(/[\s;]+$/, '').includes(';')) return [sql];
  let stmts: { stmt_location?: number; stmt_len?: number }[];
  try {
    stmts = parseSync(sql).stmts ?? [];
  } catch {
    return [sql];
  }
  if (stmts.length <= 1) return [sql];
  // Each statement from the end of the one before: a comment prepended to it (Datadog's tags) stays
  // with it, while the parser's own location would start at its first keyword.
  let prevEnd = 0;
  return stmts.map((s) => {
    const end = s.stmt_len ? (s.stmt_location ?? 0) + s.stmt_len : undefined;
    const text = sliceBytes(sql, prevEnd, end).trim().replace(/^;\s*/, '');
    prevEnd = end ?? prevEnd;
    return text;
  });
}

const WRITE_TARGET: Record<string, string> = {
  InsertStmt: 'relation',
  UpdateStmt: 'relation',
  DeleteStmt: 'relation',
  MergeStmt: 'relation',
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const relName = (rv: { [k: string]: Json }): string =>
  [rv.schemaname, rv.relname].filter((x) => typeof x === 'string' && x).join('.');

/** Tables a parse tree reads and writes (CTE names are not tables). */
export function tablesOf(tree: Json): { read: string[]; written: string[] } {
  const read = new Set<string>();
  const written = new Set<string>();
  const ctes = new Set<string>();
  const walk = (node: Json, key?: string): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, key);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'CommonTableExpr' && v && typeof v === 'object' && !Array.isArray(v)) {
        const name = v.ctename;
        if (typeof name === 'string') ctes.add(name);
      }
      if (k in WRITE_TARGET && v && typeof v === 'object' && !Array.isArray(v)) {
        const rel = v[WRITE_TARGET[k]!];
        if (rel && typeof rel === 'object' && !Array.isArray(rel)) written.add(relName(rel));
      }
      if (k === 'CopyStmt' && v && typeof v === 'object' && !Array.isArray(v) && v.is_from) {
        const rel = v.relation;
        if (rel && typeof rel === 'object' && !Array.isArray(rel)) written.add(relName(rel));
      }
      if (k === 'TruncateStmt' && v && typeof v === 'object' && !Array.isArray(v)) {
        for (const r of (v.relations as Json[]) ?? []) {
          const rv = r && typeof r === 'object' && !Array.isArray(r) ? r.RangeVar : null;
          if (rv && typeof rv === 'object' && !Array.isArray(rv)) written.add(relName(rv));
        }
      }
      if (k === 'RangeVar' && v && typeof v === 'object' && !Array.isArray(v)) read.add(relName(v));
      walk(v, k);
    }
  };
  walk(tree);
  for (const c of ctes) read.delete(c);
  for (const w of written) read.delete(w);
  return { read: [...read].sort(), written: [...written].sort() };
}

/** A string constant's value: quotes removed, doubled quotes undone, E'' escapes left as written. */
function literalValue(tokenName: string, text: string): string | null {
  if (tokenName === 'ICONST' || tokenName === 'FCONST') return text;
  if (tokenName !== 'SCONST' && tokenName !== 'USCONST') return null;
  const m = /^[eEnN]?'([\s\S]*)'$/.exec(text);
  if (m) return m[1]!.replace(/''/g, "'");
  const dollar = /^(\$[^$]*\$)([\s\S]*)\1$/.exec(text);
  return dollar ? dollar[2]! : null;
}

function analyseUncached(sql: string): SqlFacts {
  const facts = noSqlFacts(sql);
  try {
    facts.fingerprint = fingerprintSync(sql);
    const t = tablesOf(parseSync(sql) as unknown as Json);
    facts.tablesRead = t.read;
    facts.tablesWritten = t.written;
  } catch {
    // Not valid SQL: recorded as sent, the server's error says why.
  }
  try {
    const ascii = isAscii(sql);
    const bytes = ascii ? null : Buffer.from(sql, 'utf8');
    const text = (s: number, e: number) => (bytes ? bytes.toString('utf8', s, e) : sql.slice(s, e));
    const charOffset = (s: number) => (bytes ? bytes.toString('utf8', 0, s).length : s);
    const tokens = scanSync(sql).tokens;
    for (const t of tokens) {
      const v = literalValue(t.tokenName, t.text ?? text(t.start, t.end));
      if (v !== null) facts.literals.push({ value: v, offset: charOffset(t.start) });
    }
    // Tags live in a comment at either end of the statement (appended, or prepended by Datadog).
    const ends = [tokens[0], tokens.at(-1)].filter((t) => t?.tokenName === 'C_COMMENT');
    for (const t of ends) Object.assign(facts.tags, parseTagComment(text(t!.start, t!.end)) ?? {});
  } catch {
    // An unterminated string or comment: no literals or tags.
  }
  return facts;
}

const CACHE_SIZE = 2000;
const cache = new Map<string, SqlFacts>();

export function analyseSql(sql: string): SqlFacts {
  const hit = cache.get(sql);
  if (hit) {
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const facts = analyseUncached(sql);
  cache.set(sql, facts);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return facts;
}

/** Literals replaced by $n placeholders, for exports that must not carry values. */
export function redactSql(sql: string): string {
  try {
    return normalizeSync(sql);
  } catch {
    return '(SQL withheld: it does not parse, so its literals cannot be found)';
  }
}
