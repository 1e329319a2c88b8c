import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery } from '../../test/pg-admin';
import { readGuardCatalog } from '../db/guard/catalog-read';
import { defaultConnectionLimits, ProfilerConnection } from '../db/profiler/instrumented-connection';
import { GuardCatalog } from './catalog';
import { KINDS, LEXICAL } from './differential-corpus';
import { ensureParser, parseSql } from './parse';
import { createPolicy, type StatementPolicy } from './policy';

/**
 * The policy's reading of each corpus statement against the real server's. The server only parses
 * (extended-protocol Parse + Describe, which run nothing), so hostile statements are safe to ask
 * about; a statement the policy allows is then also executed the way profile runs execute it
 * (BEGIN READ ONLY … ROLLBACK), where the server itself says whether it writes. Disagreements on
 * the number of statements, on what a statement returns, or an allowed statement the server calls
 * a write, fail the test.
 */

type ServerReading =
  | { kind: 'one'; rows: boolean | null; error?: string }
  | { kind: 'many' }
  | { kind: 'syntax'; message: string };

/** Parse + Describe of the unnamed statement on an idle client: what the server makes of `sql`. */
function serverReads(client: pg.Client, sql: string): Promise<ServerReading> {
  return new Promise((resolve) => {
    let rows: boolean | null = null;
    const con = (
      client as unknown as { connection: NodeJS.EventEmitter & Record<string, (m: unknown) => void> }
    ).connection;
    const onNoData = () => {
      rows = false;
    };
    con.on('noData', onNoData);
    const done = (r: ServerReading) => {
      con.off('noData', onNoData);
      resolve(r);
    };
    client.query({
      submit(c: unknown) {
        const w = c as { parse(m: object): void; describe(m: object): void; sync(): void };
        w.parse({ text: sql, name: '', types: [] });
        w.describe({ type: 'S', name: '' });
        w.sync();
      },
      handleRowDescription() {
        rows = true;
      },
      handleError(err: { code?: string; message: string }) {
        if (err.message.includes('cannot insert multiple commands into a prepared statement'))
          done({ kind: 'many' });
        else if (err.code === '42601') done({ kind: 'syntax', message: err.message });
        // Parse analysis (unknown function, operator, table…): one statement the server understood.
        else done({ kind: 'one', rows: null, error: `${err.code} ${err.message}` });
      },
      handleReadyForQuery() {
        done({ kind: 'one', rows });
      },
    } as unknown as pg.QueryConfig);
  });
}

/** What the server's Describe should answer for the statement the policy's parser saw, when certain. */
function expectedRows(type: string, body: Record<string, unknown>): boolean | null {
  if (type === 'SelectStmt') return !body.intoClause;
  if (type === 'VariableShowStmt' || type === 'ExplainStmt') return true;
  if (['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt'].includes(type))
    return Boolean(body.returningClause ?? body.returningList);
  if (['FetchStmt', 'ExecuteStmt', 'CallStmt'].includes(type)) return null;
  return false;
}

/**
 * Where libpg-query (PostgreSQL 18's grammar) and an older server disagree. Each is allowed only
 * because the policy refuses the statement: the safe side.
 */
const STRICTER_THAN_SERVER = new Map([
  // PostgreSQL 15 still joins string constants across a comment (removed from the lexer since).
  ["SELECT 'a' -- c\n 'b'", 'string continuation across a comment'],
]);

interface Verdict {
  sql: string;
  problem: string | null;
}

describe('the policy reads SQL as the server does (differential, real PostgreSQL)', () => {
  const template = inject('clusterUrlTemplate');
  let db: string;
  let url: string;
  const clients: pg.Client[] = [];

  const open = async (u: string) => {
    const c = new pg.Client({ connectionString: u, application_name: 'gatherscope-test-admin' });
    c.on('error', () => {});
    await c.connect();
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = `gs_diff_${crypto.randomBytes(4).toString('hex')}`;
    await adminQuery(template.replace('{db}', 'postgres'), `CREATE DATABASE ${db}`);
    url = template.replace('{db}', db);
    await adminQuery(
      url,
      `CREATE TABLE t (id int PRIMARY KEY, v text);
       CREATE SEQUENCE s;
       CREATE VIEW v AS SELECT * FROM t;
       CREATE MATERIALIZED VIEW m AS SELECT 1 AS one;
       CREATE FUNCTION f() RETURNS int LANGUAGE sql STABLE AS 'SELECT 1';
       CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';`,
    );
    await ensureParser();
  });
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => {});
    if (db)
      await adminQuery(template.replace('{db}', 'postgres'), `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  });

  /** Every disagreement between the policy and the server on `corpus`, on a connection to `u`. */
  async function disagreements(u: string, corpus: readonly string[], policy: StatementPolicy) {
    const client = await open(u);
    const out: string[] = [];
    const allowed: Verdict[] = [];
    for (const sql of corpus) {
      const ours = parseSql(sql);
      const theirs = await serverReads(client, sql);
      const problem = policy.check(sql);
      const say = (what: string) => {
        // A known version difference is tolerated only while the policy refuses the statement.
        if (!(STRICTER_THAN_SERVER.has(sql) && problem !== null)) out.push(`${JSON.stringify(sql)}: ${what}`);
      };
      if (problem === null) allowed.push({ sql, problem });
      // A statement the policy refuses for a reason of its own (a backslash with
      // standard_conforming_strings off) is not read by the parser: nothing to compare.
      if (problem?.message.includes('standard_conforming_strings')) continue;
      if (!ours.ok) {
        if (theirs.kind !== 'syntax') say(`the policy's parser rejects it, the server reads ${theirs.kind}`);
        continue;
      }
      const n = ours.statements.length;
      if (theirs.kind === 'syntax') {
        say(`the server rejects it (${theirs.message}), the policy reads ${n} statement(s)`);
      } else if (theirs.kind === 'many') {
        if (n <= 1) say(`the server reads several statements, the policy ${n}`);
      } else if (n > 1) {
        say(`the server reads one statement, the policy ${n}`);
      } else if (n === 1 && theirs.rows !== null) {
        const stmt = ours.statements[0]!;
        const rows = expectedRows(stmt.type, stmt.body);
        if (rows !== null && rows !== theirs.rows)
          say(`${stmt.type}: the server says it ${theirs.rows ? 'returns' : 'returns no'} rows`);
      }
    }
    // What the policy allows runs as profile runs run it: the server must not call it a write.
    const conn = await ProfilerConnection.open(u, { ...defaultConnectionLimits, statementTimeoutMs: 2_000 });
    try {
      for (const a of allowed) {
        if (!conn.alive) break;
        const r = await conn.run(a.sql, []);
        const code = (r.error as { code?: string } | null)?.code;
        if (code === '25006')
          out.push(`${JSON.stringify(a.sql)}: allowed, but the server refuses it as a write`);
      }
    } finally {
      await conn.close();
    }
    return { out, allowed: allowed.length };
  }

  it('agrees on every statement of the corpus: count, kind, and what is a write', async () => {
    const corpus = [...LEXICAL, ...KINDS];
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(
      KINDS.flatMap((s) => {
        const p = parseSql(s);
        return p.ok ? p.statements.map((x) => x.type) : [];
      }),
    );
    expect(kinds.size).toBeGreaterThanOrEqual(50);
    const policy = createPolicy({
      catalog: new GuardCatalog(await readGuardCatalog(url)),
      mode: 'read-only',
    });
    const { out, allowed } = await disagreements(url, corpus, policy);
    expect(out).toEqual([]);
    // The corpus is not all refusals: plenty of it must run.
    expect(allowed).toBeGreaterThanOrEqual(40);
  });

  it('agrees with standard_conforming_strings off, where backslashes in strings read differently', async () => {
    const off = new URL(url);
    off.searchParams.set('options', '-c standard_conforming_strings=off');
    const catalog = new GuardCatalog(await readGuardCatalog(off.toString()));
    expect(catalog.standardConformingStrings).toBe(false);
    const policy = createPolicy({ catalog, mode: 'read-only' });
    const { out } = await disagreements(off.toString(), LEXICAL, policy);
    expect(out).toEqual([]);
    // The statement that is one SELECT with the setting on and a DELETE behind a SELECT with it off.
    expect(policy.check("SELECT 'a\\'; DELETE FROM t; --'")?.message).toMatch(/standard_conforming_strings/);
  });
});
