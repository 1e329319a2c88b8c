/**
 * A capture without the values it saw: literals in the SQL become $n placeholders (PostgreSQL's
 * own normalisation, as pg_stat_statements shows them) and parameters are withheld. Tags, timings,
 * shapes and value links stay: they say how the app behaved, not what data it moved.
 */
import type { Capture } from '@gatherscope/shared';
import { redactSql } from './sql-analysis';

export const REDACTED = '(redacted)';

export function redactCapture(c: Capture): Capture {
  return {
    ...c,
    redacted: true,
    requests: c.requests.map((r) => ({
      ...r,
      statements: r.statements.map((s) => ({
        ...s,
        sql: redactSql(s.sql),
        params: s.params.map((p) => (p === null ? null : REDACTED)),
        error: s.error ? { ...s.error, message: redactErrorMessage(s.error.message) } : null,
      })),
    })),
  };
}

/** Error messages quote values ("Key (email)=(a@b.c) already exists"): keep the words before them. */
function redactErrorMessage(m: string): string {
  return m
    .replace(/=\(.*?\)(?= |$)/g, `=${REDACTED}`)
    .replace(/"[^"]*"/g, (q) => (q.length > 40 ? `"${REDACTED}"` : q));
}
