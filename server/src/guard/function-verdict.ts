import {
  ALLOWED_VOLATILE,
  ALLOWED_VOLATILE_PATTERN,
  ALLOWED_VOLATILE_WHEN_WRITING,
  DENIED,
} from './allow-list';
import { type FunctionFacts, isSystemSchema } from './catalog';

/**
 * read-only: plain reads. read-write: writes that commit (an explicit opt-in). rolled-back: writes
 * inside a transaction Gatherscope always rolls back (capture replays): writes are allowed, but
 * nothing that a ROLLBACK does not undo, and the database's own code is judged as in read-only.
 */
export type AccessMode = 'read-only' | 'read-write' | 'rolled-back';

export interface FunctionPolicy {
  mode: AccessMode;
  /** Functions the owner of a saved connection trusts: `name` (any schema) or `schema.name`. */
  trusted: ReadonlySet<string>;
}

const isTrusted = (f: { schema: string; name: string }, p: FunctionPolicy) =>
  p.trusted.has(f.name) || p.trusted.has(`${f.schema}.${f.name}`);

/** Why a name is refused whatever the catalog says, or null. */
export function deniedReason(name: string): string | null {
  for (const [pattern, why] of DENIED) if (pattern.test(name)) return why;
  return null;
}

/**
 * A function of the database written in SQL, not volatile, neither denied nor trusted, in read-only
 * mode: it may run if its bodies pass the policy like the statement itself (policy.ts reads them).
 */
export function readableSqlFunction(
  f: FunctionFacts,
  volatility: FunctionFacts['volatility'],
  p: FunctionPolicy,
): f is FunctionFacts & { sqlBodies: string[] } {
  return (
    p.mode !== 'read-write' &&
    f.userCode &&
    f.sqlBodies !== null &&
    volatility !== 'v' &&
    !deniedReason(f.name) &&
    !isTrusted(f, p)
  );
}

/**
 * Why this function may not run, or null. `volatility` is the marking that applies to how it is
 * called (all overloads for a call, one-argument overloads for attribute notation): conservative,
 * since which overload the server picks depends on argument types the policy does not know.
 */
export function functionProblem(
  f: FunctionFacts,
  volatility: FunctionFacts['volatility'],
  p: FunctionPolicy,
): string | null {
  const denied = deniedReason(f.name);
  if (denied) return `${f.name} ${denied}`;
  if (isTrusted(f, p)) return null;
  if (isSystemSchema(f.schema)) {
    if (volatility !== 'v') return null;
    if (ALLOWED_VOLATILE.has(f.name) || ALLOWED_VOLATILE_PATTERN.test(f.name)) return null;
    if (ALLOWED_VOLATILE_WHEN_WRITING.has(f.name)) {
      if (p.mode === 'read-write') return null;
      // A sequence advances outside the transaction: the rollback would leave it changed.
      if (p.mode === 'rolled-back')
        return `${f.name} changes a sequence, which the rollback of the replay's transaction does not undo`;
    }
    return `${f.name} is volatile: it can change state outside the statement`;
  }
  // The database's own functions: with writes enabled, the owner vouched for what runs there. A
  // rolled-back replay promises the database is unchanged afterwards, so their code is judged as
  // in read-only mode (a volatile one could call dblink, take a session lock…): trust it to run it.
  if (p.mode === 'read-write') return null;
  if (volatility === 'v')
    return `${f.schema}.${f.name} is volatile: it can change state outside the statement`;
  if (f.userCode) {
    // PostgreSQL does not check that a STABLE PL/pgSQL function only calls stable ones.
    return `${f.schema}.${f.name} is a function of this database in a procedural language, which the policy cannot read (trust it on a saved connection if it only reads)`;
  }
  return null;
}
