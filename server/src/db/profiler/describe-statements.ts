import type { StatementError } from '@gatherscope/shared';
import pg from 'pg';
import { databaseError } from '../pg-errors';
import { parseDatabaseUrl } from '../target';
import { guardedConnectionString } from './instrumented-connection';

/** The parts of pg's wire connection a Parse + Describe drives (as in pg/lib/connection.js). */
interface WireConnection {
  stream: { cork?: () => void; uncork?: () => void };
  parse(query: { text: string }): void;
  describe(msg: { type: 'S'; name: string }): void;
  sync(): void;
}

interface FieldInfo {
  name: string;
  dataTypeID: number;
  dataTypeModifier: number;
}

interface PgErrorLike extends Error {
  code?: string;
  position?: string;
  hint?: string;
}

export type Described = { ok: true; fields: FieldInfo[] } | { ok: false; error: StatementError };

/**
 * Parse and Describe of the unnamed statement, then Sync: PostgreSQL parses, analyses and plans
 * the statement's types (unknown tables and columns are errors here) and answers with the result's
 * columns, and nothing is executed. One string is one statement: the extended protocol refuses
 * `SELECT 1; DELETE …`.
 */
class DescribeStatement implements pg.Submittable {
  readonly done: Promise<Described>;
  private resolve!: (d: Described) => void;
  private result: Described = { ok: true, fields: [] };

  constructor(private readonly text: string) {
    this.done = new Promise((r) => {
      this.resolve = r;
    });
  }

  submit(connection: pg.Connection): void {
    const con = connection as unknown as WireConnection;
    con.stream.cork?.();
    try {
      con.parse({ text: this.text });
      con.describe({ type: 'S', name: '' });
      con.sync();
    } finally {
      con.stream.uncork?.();
    }
  }

  handleRowDescription(msg: { fields: FieldInfo[] }): void {
    this.result = {
      ok: true,
      fields: msg.fields.map((f) => ({
        name: f.name,
        dataTypeID: f.dataTypeID,
        dataTypeModifier: f.dataTypeModifier,
      })),
    };
  }

  handleError(err: PgErrorLike): void {
    const position = Number(err.position);
    this.result = {
      ok: false,
      error: {
        message: err.message,
        ...(Number.isInteger(position) && position > 0 ? { position } : {}),
        ...(err.code ? { sqlstate: err.code } : {}),
        ...(err.hint ? { hint: err.hint } : {}),
      },
    };
    // pg forgets the active query on an error (the ReadyForQuery that follows goes to no one).
    this.resolve(this.result);
  }

  handleReadyForQuery(): void {
    this.resolve(this.result);
  }

  // Never sent (nothing executes), but pg calls these on whatever query is active.
  handleDataRow(): void {}
  handleCommandComplete(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}
}

export interface DescribeLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  connectTimeoutMs: number;
}

export type DescribedStatement =
  | { ok: true; columns: { name: string; type: string }[] }
  | { ok: false; error: StatementError };

/**
 * Describes each statement on one read-only connection opened with the profiler's guard (read-only
 * in the startup packet, the URL unable to override it, statement and lock timeouts): never
 * executes a user's statement. Column types are named by the server (`format_type`), in one query
 * of Gatherscope's own after the statements. Rejects with an AppError when the database cannot be
 * reached.
 */
export async function describeStatements(
  url: string,
  statements: readonly string[],
  limits: DescribeLimits,
): Promise<DescribedStatement[]> {
  const client = new pg.Client({
    ...guardedConnectionString(url, true),
    application_name: 'gatherscope-check',
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    // The server enforces statement_timeout; this bounds a network that stops answering.
    query_timeout: limits.statementTimeoutMs + 5_000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    throw databaseError(err, parseDatabaseUrl(url));
  }
  try {
    const described: Described[] = [];
    for (const text of statements) {
      const q = new DescribeStatement(text);
      client.query(q);
      described.push(await q.done);
    }
    const types = await typeNames(client, described);
    return described.map((d) =>
      d.ok
        ? {
            ok: true,
            columns: d.fields.map((f) => ({
              name: f.name,
              type: types.get(typeKey(f)) ?? String(f.dataTypeID),
            })),
          }
        : d,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

const typeKey = (f: Pick<FieldInfo, 'dataTypeID' | 'dataTypeModifier'>) =>
  `${f.dataTypeID}:${f.dataTypeModifier}`;

async function typeNames(client: pg.Client, described: Described[]): Promise<Map<string, string>> {
  const fields = described.flatMap((d) => (d.ok ? d.fields : []));
  const distinct = [...new Map(fields.map((f) => [typeKey(f), f])).values()];
  if (distinct.length === 0) return new Map();
  const { rows } = await client.query<{ oid: number; mod: number; name: string }>(
    'SELECT t.oid::int AS oid, t.mod AS mod, format_type(t.oid, NULLIF(t.mod, -1)) AS name FROM unnest($1::oid[], $2::int[]) AS t(oid, mod)',
    [distinct.map((f) => f.dataTypeID), distinct.map((f) => f.dataTypeModifier)],
  );
  return new Map(rows.map((r) => [typeKey({ dataTypeID: r.oid, dataTypeModifier: r.mod }), r.name]));
}
