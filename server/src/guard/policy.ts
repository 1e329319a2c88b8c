import type { FunctionFacts, GuardCatalog } from './catalog';
import {
  type AccessMode,
  type FunctionPolicy,
  functionProblem,
  readableSqlFunction,
} from './function-verdict';
import { parseSql } from './parse';
import { commandName, explainExecutes, notProfiled, WRITE_STATEMENTS } from './statement-kinds';
import { collectRefs, type TreeRefs } from './tree-refs';

export type { AccessMode };

export interface StatementProblem {
  message: string;
  /** 1-based character position, when the parser reported one. */
  position?: number;
}

export interface PolicyOptions {
  catalog: GuardCatalog;
  mode: AccessMode;
  /** Functions the owner of a saved connection trusts explicitly (`name` or `schema.name`). */
  trustedFunctions?: readonly string[];
}

export interface StatementPolicy {
  mode: AccessMode;
  /** Why `sql` may not run in this mode on this database, or null. Needs `ensureParser()` first. */
  check(sql: string): StatementProblem | null;
}

const joined = (names: readonly string[]) => names.join('.');

/**
 * The tables a statement writes: the target of INSERT, UPDATE, DELETE or MERGE, at the top or in a
 * data-modifying WITH query. (A target is a bare RangeVar in the tree, which collectRefs, looking
 * for wrapped nodes, does not list.)
 */
function writtenRelations(stmt: { type: string; body: Record<string, unknown> }): string[][] {
  const out: string[][] = [];
  const target = (body: unknown) => {
    const rel = (body as { relation?: { schemaname?: unknown; relname?: unknown } } | null)?.relation;
    if (rel) out.push([rel.schemaname, rel.relname].filter((x): x is string => typeof x === 'string'));
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [k, v] of Object.entries(value)) {
      if (WRITE_STATEMENTS.has(k)) target(v);
      walk(v);
    }
  };
  if (WRITE_STATEMENTS.has(stmt.type)) target(stmt.body);
  walk(stmt.body);
  return out;
}

/**
 * The read-only execution policy, decided on PostgreSQL's own parse tree and the target's catalog.
 * Allowed: one statement, a plain read (SELECT, VALUES, TABLE, WITH) without INTO, row locks or
 * data-modifying CTEs, EXPLAIN of such, SHOW; with writes enabled also INSERT, UPDATE, DELETE and
 * MERGE. Every function the statement can make the server run (calls, attribute notation,
 * operators, casts, user views, row-security policies, and what PostgreSQL calls implicitly) is
 * judged by what the catalog says of it (function-verdict.ts).
 */
export function createPolicy(o: PolicyOptions): StatementPolicy {
  const { catalog, mode } = o;
  const fp: FunctionPolicy = { mode, trusted: new Set(o.trustedFunctions ?? []) };
  const relationVerdicts = new Map<string, string | null>();

  const hiddenProblem = (() => {
    for (const h of catalog.hidden) {
      const f = catalog.function(h.fn);
      const p = f && functionProblem(f, f.volatility, fp);
      if (p)
        return `PostgreSQL calls ${h.fn.join('.')} through ${h.via} without the statement naming it, and ${p}`;
    }
    return null;
  })();

  const sqlVerdicts = new Map<string, string | null>();

  /** Why a function may not run: by the catalog, or, for the database's own SQL functions, by their bodies. */
  function judge(f: FunctionFacts, volatility: FunctionFacts['volatility'], depth: number): string | null {
    if (!readableSqlFunction(f, volatility, fp)) return functionProblem(f, volatility, fp);
    const key = `${f.schema}.${f.name}`;
    if (sqlVerdicts.has(key)) return sqlVerdicts.get(key) ?? null;
    sqlVerdicts.set(key, null); // a function that calls itself adds nothing new
    let problem: string | null = null;
    for (const body of f.sqlBodies) {
      // pg_get_function_sqlbody gives a SQL-standard body as `BEGIN ATOMIC … END`: its statements are inside.
      const parsed = parseSql(body.replace(/^\s*BEGIN\s+ATOMIC\b([\s\S]*)\bEND\s*;?\s*$/i, '$1'));
      const inner = !parsed.ok
        ? 'cannot be parsed'
        : depth > 16
          ? 'is nested too deeply to be checked'
          : parsed.statements.map((s) => storedReadProblem(s, depth + 1)).find((p) => p !== null);
      if (inner) {
        problem = `${key} runs code the policy refuses: ${inner}`;
        break;
      }
    }
    sqlVerdicts.set(key, problem);
    return problem;
  }

  /**
   * SQL stored in the database that a statement runs (a view, a policy or CHECK expression, a SQL
   * function's body) is held to the same rules as the statement: a plain read, and code that passes.
   */
  function storedReadProblem(
    stmt: { type: string; body: Record<string, unknown> },
    depth: number,
  ): string | null {
    if (stmt.type !== 'SelectStmt') return `runs ${commandName(stmt.type)}`;
    const refs = collectRefs(stmt.body);
    if (refs.into) return 'creates a table (SELECT INTO)';
    if (refs.locking) return 'locks rows (FOR UPDATE/SHARE)';
    const other = refs.nestedStatements.find((t) => t !== 'SelectStmt');
    if (other) return `runs ${commandName(other)}`;
    return refsProblem(refs, depth);
  }

  /** Why the code this tree makes the server run is refused, or null. */
  function refsProblem(refs: TreeRefs, depth: number): string | null {
    for (const call of refs.calls) {
      const candidates = catalog.functions(call);
      if (candidates.length === 0) return `function ${joined(call)} does not exist on this database`;
      for (const f of candidates) {
        const p = judge(f, f.volatility, depth);
        if (p) return p;
      }
    }
    for (const attr of new Set(refs.attributes)) {
      for (const f of catalog.functions([attr])) {
        if (f.attrVolatility === null) continue;
        const p = judge(f, f.attrVolatility, depth);
        if (p) return `.${attr} can be a call in attribute notation, and ${p}`;
      }
    }
    for (const op of refs.operators) {
      for (const fn of catalog.operatorFunctions(op)) {
        const f = catalog.function(fn);
        const p = f && judge(f, f.volatility, depth);
        if (p) return `the operator ${joined(op)} calls ${fn.join('.')}, and ${p}`;
      }
    }
    for (const type of refs.casts) {
      for (const fn of catalog.castFunctions(type)) {
        const f = catalog.function(fn);
        const p = f && judge(f, f.volatility, depth);
        if (p) return `a cast to ${joined(type)} may call ${fn.join('.')}, and ${p}`;
      }
      // A cast to a domain runs its CHECK constraints.
      const p = relationProblem(type, depth);
      if (p) return p;
    }
    for (const rel of refs.relations) {
      const p = relationProblem(rel, depth);
      if (p) return p;
    }
    return null;
  }

  /** A user view runs its definition, a row-security policy its expression, a foreign table its wrapper. */
  function relationProblem(rel: readonly string[], depth: number): string | null {
    for (const r of catalog.relations(rel)) {
      // A trigger runs on a write, not a read (triggerProblem).
      if (r.facts.kind === 'trigger') continue;
      const key = `${r.schema}.${r.name}.${r.facts.kind}.${r.facts.text}`;
      if (relationVerdicts.has(key)) {
        const known = relationVerdicts.get(key);
        if (known) return known;
        continue;
      }
      relationVerdicts.set(key, null); // a view that reaches itself again adds nothing new
      const what = `${r.schema}.${r.name}`;
      let problem: string | null = null;
      if (r.facts.kind === 'foreign') {
        if (r.facts.text !== 'postgres_fdw')
          problem = `${what} is a foreign table of ${r.facts.text}, which can read files or run programs on the server`;
      } else if (depth > 16) {
        problem = `${what} is nested too deeply in other views to be checked`;
      } else {
        const parsed = parseSql(r.facts.text);
        const stmt = parsed.ok && parsed.statements.length === 1 ? parsed.statements[0] : undefined;
        const inner = stmt ? storedReadProblem(stmt, depth + 1) : 'cannot be parsed';
        const owner = {
          trigger: 'a trigger of',
          view: 'the view',
          policy: 'a row-security policy of',
          domain: 'a CHECK constraint of the domain',
        }[r.facts.kind];
        if (inner) problem = `${owner} ${what} ${inner.startsWith('cannot') ? inner : `runs code: ${inner}`}`;
      }
      relationVerdicts.set(key, problem);
      if (problem) return problem;
    }
    return null;
  }

  /**
   * A write fires the triggers of the table it writes. In a transaction that is rolled back their
   * function is judged like any function the statement calls: a volatile one of the database must
   * be trusted to run.
   */
  function triggerProblem(written: readonly string[][]): string | null {
    for (const rel of written) {
      for (const r of catalog.relations(rel)) {
        if (r.facts.kind !== 'trigger') continue;
        const fn = JSON.parse(r.facts.text) as [string, string];
        const f = catalog.function(fn);
        const p = f ? judge(f, f.volatility, 0) : `${joined(fn)} is not in the catalog`;
        if (p) return `a write to ${r.schema}.${r.name} fires a trigger that calls ${joined(fn)}, and ${p}`;
      }
    }
    return null;
  }

  function check(sql: string): StatementProblem | null {
    if (!catalog.standardConformingStrings && sql.includes('\\')) {
      return {
        message:
          'it has a backslash, and this database runs with standard_conforming_strings off, where PostgreSQL reads backslashes in strings differently from the policy’s parser',
      };
    }
    const parsed = parseSql(sql);
    if (!parsed.ok) {
      const at = parsed.position !== undefined ? ` (at character ${parsed.position})` : '';
      return {
        message: `PostgreSQL's parser rejects it: ${parsed.message}${at}`,
        ...(parsed.position !== undefined && { position: parsed.position }),
      };
    }
    if (parsed.statements.length === 0) return { message: 'it has no statement' };
    if (parsed.statements.length > 1) {
      return { message: 'it has more than one statement (one statement per query)' };
    }
    const top = parsed.statements[0]!;
    let stmt = top;
    let executes = true;
    if (top.type === 'ExplainStmt') {
      const [entry] = Object.entries((top.body.query ?? {}) as Record<string, Record<string, unknown>>);
      if (!entry) return { message: 'EXPLAIN without a statement' };
      stmt = { type: entry[0], body: entry[1] };
      executes = explainExecutes(top.body.options);
      if (stmt.type === 'CreateTableAsStmt') return { message: 'EXPLAIN of CREATE TABLE AS creates a table' };
      if (stmt.type !== 'SelectStmt' && !WRITE_STATEMENTS.has(stmt.type))
        return { message: `EXPLAIN of ${commandName(stmt.type)} is not profiled` };
    }
    // EXPLAIN without ANALYZE only plans a write: it is allowed in read-only mode, as a plan.
    const writesRun = mode === 'read-only' && executes;
    if (WRITE_STATEMENTS.has(stmt.type)) {
      if (writesRun) {
        return {
          message:
            top.type === 'ExplainStmt'
              ? 'EXPLAIN ANALYZE would run the write it explains'
              : `${commandName(stmt.type)} writes, and this connection is read-only`,
        };
      }
    } else if (stmt.type !== 'SelectStmt' && stmt.type !== 'VariableShowStmt') {
      return { message: notProfiled(stmt.type, mode) };
    }
    const refs = collectRefs(stmt.body);
    if (refs.into) return { message: 'SELECT INTO creates a table' };
    if (refs.locking && mode === 'read-only') {
      return { message: 'FOR UPDATE/SHARE locks rows, and this connection is read-only' };
    }
    for (const nested of refs.nestedStatements) {
      if (nested === 'SelectStmt') continue;
      if (WRITE_STATEMENTS.has(nested)) {
        if (writesRun)
          return {
            message: `a data-modifying WITH query (${commandName(nested)}) writes, and this connection is read-only`,
          };
        continue;
      }
      return { message: `it contains ${commandName(nested)}, which is not profiled` };
    }
    const problem = refsProblem(refs, 0);
    if (problem) return { message: problem };
    const triggered = mode === 'rolled-back' && executes ? triggerProblem(writtenRelations(stmt)) : null;
    if (triggered) return { message: triggered };
    if (mode !== 'read-write' && hiddenProblem) return { message: hiddenProblem };
    return null;
  }

  return { mode, check };
}
