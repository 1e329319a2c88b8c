import { databaseError } from '../pg-errors';
import { withClient } from '../postgres';
import { parseDatabaseUrl } from '../target';

export type Volatility = 'i' | 's' | 'v';
/** [schema, name] of a function. */
export type FunctionName = [string, string];

/**
 * What the statement policy (src/guard/) needs to know of a target database, read in one short
 * read-only transaction: every function name with the worst volatility of its overloads, what
 * operators, casts and PostgreSQL's own implicit calls resolve to, and the SQL that runs when a
 * user view or a row-security policy is read.
 */
export interface GuardCatalogRows {
  /** current_schemas(true): the schemas unqualified names resolve in, pg_catalog included. */
  searchPath: string[];
  standardConformingStrings: boolean;
  functions: {
    schema: string;
    name: string;
    /** Worst over every overload; for aggregates, also over their support functions. */
    volatility: Volatility;
    /** Worst over overloads callable with one argument, i.e. by attribute notation `(x).name`; null when none. */
    attrVolatility: Volatility | null;
    languages: string[];
    /** Bodies of the overloads written in SQL, for functions outside pg_catalog; null when none. */
    sqlBodies: string[] | null;
  }[];
  /** Operators by name, with the functions they call. */
  operators: { schema: string; name: string; fns: FunctionName[] }[];
  /** Types, with the functions a cast to them may call (cast functions, the type's input function). Only the ones worth judging. */
  castTargets: { schema: string; name: string; fns: FunctionName[] }[];
  /** Functions outside pg_catalog that PostgreSQL calls without the statement naming them. Only the ones worth judging. */
  hidden: { schema: string; name: string; via: string }[];
  /**
   * Code that runs when a relation is read or a type is cast to: user views (their definition),
   * row-security policies (their USING expression), domains (their CHECK constraints), and foreign
   * tables (their wrapper's name); and the triggers a write to a table fires (their function, as
   * a JSON [schema, name]).
   */
  relations: {
    schema: string;
    name: string;
    kind: 'view' | 'policy' | 'domain' | 'foreign' | 'trigger';
    text: string;
  }[];
  /**
   * A fingerprint of everything the rows above come from (catalogVersion): equal fingerprints, the
   * same rows. Absent from a catalog that was not read from a database.
   */
  version?: string;
}

const SYSTEM = `('pg_catalog', 'information_schema')`;
/** Functions every verdict passes without a look: PostgreSQL's own non-volatile code. */
const WORTH_JUDGING = `(f.provolatile = 'v' OR fl.lanname NOT IN ('internal', 'c'))`;

const FUNCTIONS = `
  WITH agg AS (
    -- An aggregate runs its support functions: their volatility and language are the aggregate's.
    SELECT a.aggfnoid, max(f.provolatile::text) AS v,
      string_agg(DISTINCT fl.lanname::text, ',') FILTER (WHERE fl.lanname NOT IN ('internal', 'c')) AS lang
    FROM pg_aggregate a
    CROSS JOIN LATERAL unnest(ARRAY[a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
      a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn]::oid[]) AS support(fid)
    JOIN pg_proc f ON f.oid = support.fid
    JOIN pg_language fl ON fl.oid = f.prolang
    GROUP BY a.aggfnoid)
  SELECT n.nspname AS schema, p.proname AS name,
    max(greatest(p.provolatile::text, coalesce(agg.v, 'i'))) AS volatility,
    max(greatest(p.provolatile::text, coalesce(agg.v, 'i')))
      FILTER (WHERE p.pronargs >= 1 AND p.pronargs - p.pronargdefaults <= 1) AS "attrVolatility",
    array_agg(DISTINCT l.lanname::text) || array_remove(array_agg(DISTINCT agg.lang), NULL) AS languages,
    -- The SQL a user-defined SQL function runs, so the policy can read it like the statement itself.
    array_agg(CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) ELSE p.prosrc END)
      FILTER (WHERE l.lanname = 'sql' AND n.nspname NOT IN ${SYSTEM}) AS "sqlBodies"
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_language l ON l.oid = p.prolang
  LEFT JOIN agg ON agg.aggfnoid = p.oid
  GROUP BY 1, 2`;

const OPERATORS = `
  SELECT n.nspname AS schema, o.oprname AS name,
    jsonb_agg(DISTINCT jsonb_build_array(fn.nspname, f.proname)) AS fns
  FROM pg_operator o
  JOIN pg_namespace n ON n.oid = o.oprnamespace
  JOIN pg_proc f ON f.oid = o.oprcode
  JOIN pg_namespace fn ON fn.oid = f.pronamespace
  JOIN pg_language fl ON fl.oid = f.prolang
  WHERE ${WORTH_JUDGING}
  GROUP BY 1, 2`;

const CAST_TARGETS = `
  SELECT tn.nspname AS schema, t.typname AS name,
    jsonb_agg(DISTINCT jsonb_build_array(fn.nspname, f.proname)) AS fns
  FROM pg_type t
  JOIN pg_namespace tn ON tn.oid = t.typnamespace
  JOIN LATERAL (SELECT t.typinput AS fid UNION ALL
                SELECT c.castfunc FROM pg_cast c WHERE c.casttarget = t.oid AND c.castfunc <> 0) x ON true
  JOIN pg_proc f ON f.oid = x.fid
  JOIN pg_namespace fn ON fn.oid = f.pronamespace
  JOIN pg_language fl ON fl.oid = f.prolang
  WHERE ${WORTH_JUDGING}
  GROUP BY 1, 2`;

const HIDDEN = `
  SELECT DISTINCT fn.nspname AS schema, f.proname AS name, h.via
  FROM (
    SELECT c.castfunc AS fid, 'an implicit cast' AS via FROM pg_cast c WHERE c.castcontext IN ('i', 'a')
    UNION ALL SELECT o.oprcode, 'an operator class' FROM pg_amop a JOIN pg_operator o ON o.oid = a.amopopr
    UNION ALL SELECT a.amproc, 'an operator class' FROM pg_amproc a
    UNION ALL SELECT unnest(ARRAY[t.typinput, t.typoutput, t.typreceive, t.typsend]), 'a type''s input or output'
      FROM pg_type t
  ) h
  JOIN pg_proc f ON f.oid = h.fid
  JOIN pg_namespace fn ON fn.oid = f.pronamespace
  JOIN pg_language fl ON fl.oid = f.prolang
  WHERE fn.nspname NOT IN ${SYSTEM} AND ${WORTH_JUDGING}`;

const RELATIONS = `
  SELECT n.nspname AS schema, c.relname AS name, 'view' AS kind, pg_get_viewdef(c.oid) AS text
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'v' AND n.nspname NOT IN ${SYSTEM}
  UNION ALL
  SELECT n.nspname, c.relname, 'policy', 'SELECT ' || pg_get_expr(p.polqual, p.polrelid)
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE p.polqual IS NOT NULL AND p.polcmd IN ('r', '*')
  UNION ALL
  SELECT n.nspname, t.typname, 'domain', 'SELECT ' || pg_get_expr(c.conbin, 0)
  FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE c.contype = 'c' AND n.nspname NOT IN ${SYSTEM}
  UNION ALL
  SELECT n.nspname, c.relname, 'foreign', w.fdwname
  FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_foreign_server s ON s.oid = ft.ftserver JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
  UNION ALL
  -- Triggers of the user's (foreign keys' own triggers are internal, and PostgreSQL's).
  SELECT DISTINCT n.nspname, c.relname, 'trigger', jsonb_build_array(fn.nspname, f.proname)::text
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_proc f ON f.oid = t.tgfoid JOIN pg_namespace fn ON fn.oid = f.pronamespace
  WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'`;

/** The catalogs the queries above read. */
const SOURCES = [
  'pg_proc',
  'pg_aggregate',
  'pg_language',
  'pg_namespace',
  'pg_operator',
  'pg_cast',
  'pg_type',
  'pg_amop',
  'pg_amproc',
  'pg_class',
  'pg_rewrite',
  'pg_policy',
  'pg_constraint',
  'pg_trigger',
  'pg_foreign_table',
  'pg_foreign_server',
  'pg_foreign_data_wrapper',
];

/**
 * A fingerprint of what the catalog read depends on, far cheaper than the read: the session's search
 * path and string syntax, and the multiset of xmin of each catalog. A row that a CREATE, ALTER,
 * REPLACE or DROP writes carries its transaction's id, which no row seen before carries; a row it
 * removes leaves the set. A change that does not matter (a new table) only makes the fingerprint
 * differ, which costs a read, never a wrong verdict.
 */
const VERSION = `SELECT concat_ws('|', current_schemas(true)::text, current_setting('standard_conforming_strings'),
  ${SOURCES.map((t) => `(SELECT md5(coalesce(string_agg(xmin::text, ',' ORDER BY xmin::text), '')) FROM ${t})`).join(',\n  ')}) AS version`;

/**
 * Reads the catalog of `url` as the profiling connections will see it (same role, database and
 * startup options, so the same search_path). Bounded on both sides; read-only.
 */
export async function readGuardCatalog(url: string): Promise<GuardCatalogRows> {
  try {
    return await readRows(url);
  } catch (err) {
    throw databaseError(err, parseDatabaseUrl(url));
  }
}

function readRows(url: string): Promise<GuardCatalogRows> {
  return withClient(
    url,
    async (q) => {
      // One round trip (simple protocol, one transaction): the read costs one RTT to a remote database.
      const results = (await q(
        [
          `BEGIN READ ONLY`,
          `SET LOCAL statement_timeout = '10s'`,
          // Before the rows: each statement reads its own snapshot. A change committed between the
          // fingerprint and the rows only makes the next fingerprint differ (a read more); read after
          // them, rows older than their fingerprint would pass as up to date.
          VERSION,
          `SELECT current_schemas(true)::text[] AS path, current_setting('standard_conforming_strings') AS scs`,
          FUNCTIONS,
          OPERATORS,
          CAST_TARGETS,
          HIDDEN,
          RELATIONS,
          `ROLLBACK`,
        ].join(';\n'),
      )) as unknown as { rows: unknown[] }[];
      const rows = <T>(i: number) => (results[i]?.rows ?? []) as T;
      const head = rows<{ path: string[]; scs: string }[]>(3)[0];
      return {
        searchPath: head?.path ?? [],
        standardConformingStrings: head?.scs === 'on',
        functions: rows(4),
        operators: rows(5),
        castTargets: rows(6),
        hidden: rows(7),
        relations: rows(8),
        version: rows<{ version: string }[]>(2)[0]?.version ?? '',
      };
    },
    { applicationName: 'gatherscope-guard', connectTimeoutMs: 10_000, queryTimeoutMs: 15_000 },
  );
}

/** The catalog's fingerprint now (the `version` of a read): one short read-only transaction. */
export async function readCatalogVersion(url: string): Promise<string> {
  try {
    return await withClient(
      url,
      async (q) => {
        const results = (await q(
          [`BEGIN READ ONLY`, `SET LOCAL statement_timeout = '10s'`, VERSION, `ROLLBACK`].join(';\n'),
        )) as unknown as { rows: { version: string }[] }[];
        return results[2]?.rows[0]?.version ?? '';
      },
      { applicationName: 'gatherscope-guard', connectTimeoutMs: 10_000, queryTimeoutMs: 15_000 },
    );
  } catch (err) {
    throw databaseError(err, parseDatabaseUrl(url));
  }
}
