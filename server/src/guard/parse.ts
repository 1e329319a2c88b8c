import { loadModule, parseSync } from 'libpg-query';

/**
 * PostgreSQL's own parser (libpg-query: the server's grammar and lexer compiled to WebAssembly).
 * The policy decides on its tree, never on an imitation of its lexer.
 */
let loading: Promise<void> | undefined;

/** Loads the WebAssembly module once; every check awaits this first. */
export function ensureParser(): Promise<void> {
  loading ??= loadModule();
  return loading;
}

export type ParsedStatement = { type: string; body: Record<string, unknown> };

export type ParseOutcome =
  | { ok: true; statements: ParsedStatement[] }
  /** `position` is 1-based, as PostgreSQL reports it. */
  | { ok: false; message: string; position: number | undefined };

/** Parses `sql` into its statements; `ensureParser()` must have resolved. */
export function parseSql(sql: string): ParseOutcome {
  // The wrapper refuses an empty string; PostgreSQL reads it, like a lone comment, as no statement.
  if (sql.trim() === '') return { ok: true, statements: [] };
  let tree: { stmts?: { stmt?: Record<string, unknown> }[] };
  try {
    tree = parseSync(sql) as typeof tree;
  } catch (err) {
    const e = err as { message?: string; sqlDetails?: { message?: string; cursorPosition?: number } };
    const at = e.sqlDetails?.cursorPosition;
    return {
      ok: false,
      message: e.sqlDetails?.message ?? e.message ?? String(err),
      position: typeof at === 'number' && at >= 0 ? at + 1 : undefined,
    };
  }
  const statements = (tree.stmts ?? []).flatMap(({ stmt }) => {
    const [entry] = Object.entries(stmt ?? {});
    return entry ? [{ type: entry[0], body: entry[1] as Record<string, unknown> }] : [];
  });
  return { ok: true, statements };
}
