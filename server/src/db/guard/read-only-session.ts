import type pg from 'pg';

/**
 * Between trials, outside any measured time: puts a profiling session back to its startup state.
 * DISCARD ALL releases advisory locks, drops prepared statements, cursors, temporary objects and
 * LISTEN registrations, and RESETs every setting to its value from the startup packet (verified
 * in read-only-session.test.ts: `default_transaction_read_only` and `statement_timeout` come back).
 */
export const SESSION_RESET_SQL = 'DISCARD ALL';

export type SessionViolation =
  | { kind: 'read-write'; message: string }
  | { kind: 'open-transaction'; message: string }
  | { kind: 'role'; message: string };

interface WireMessages {
  prependListener(
    event: 'parameterStatus',
    fn: (msg: { parameterName: string; parameterValue: string }) => void,
  ): void;
  prependListener(event: 'readyForQuery', fn: (msg: { status: string }) => void): void;
  stream: { destroy(): void };
}

/**
 * Attach before `client.connect()`, so the startup messages give the identity to compare with; a
 * pool's clients can only be watched once connected (`connected: true`), then the read-write and
 * open-transaction checks apply and the identity check does not.
 * Watches what the server reports anyway, at no round-trip cost: PostgreSQL ≥ 14 sends a
 * ParameterStatus when `default_transaction_read_only` changes, and every ReadyForQuery carries
 * the transaction status. If a statement left the session read-write, inside a transaction, or
 * under another identity, the socket is destroyed at once, before node-postgres can send the next
 * queued statement (these listeners run before the client's own), and the server rolls back
 * whatever was open. `onViolation` learns why, to report it instead of a bare connection error.
 */
/**
 * The watch's two entry points, for a reader of the connection's messages other than node-postgres's
 * (the load path's, db/load/load-connection.ts): the same checks, called before anything else sees
 * the message.
 */
export interface SessionWatch {
  parameterStatus(msg: { parameterName: string; parameterValue: string }): void;
  readyForQuery(msg: { status: string }): void;
}

export function watchSession(
  client: pg.Client,
  opts: {
    readOnly: boolean;
    connected?: boolean;
    /**
     * Set while Gatherscope holds a transaction open on purpose (a replay's writes, rolled back at
     * the end of the trial): then the session must stay inside it, and a statement that ended it
     * (COMMIT, ROLLBACK, PREPARE TRANSACTION…) cuts the connection off.
     */
    transaction?: { open: boolean };
  },
  onViolation: (v: SessionViolation) => void,
): SessionWatch {
  const con = (client as unknown as { connection: WireMessages }).connection;
  let reported = false;
  const violate = (v: SessionViolation) => {
    if (reported) return;
    reported = true;
    con.stream.destroy();
    onViolation(v);
  };
  const startupRole: Record<string, string> = {};
  let ready = opts.connected === true;
  const parameterStatus = (msg: { parameterName: string; parameterValue: string }) => {
    const { parameterName: name, parameterValue: value } = msg;
    if (!ready) {
      startupRole[name] = value;
      return;
    }
    if (opts.readOnly && name === 'default_transaction_read_only' && value !== 'on') {
      violate({
        kind: 'read-write',
        message: 'A statement switched the session to read-write; its connection was discarded.',
      });
    } else if (
      (name === 'session_authorization' || name === 'is_superuser') &&
      startupRole[name] !== undefined &&
      startupRole[name] !== value
    ) {
      violate({
        kind: 'role',
        message: `A statement changed the session's ${name}; its connection was discarded.`,
      });
    }
  };
  const readyForQuery = (msg: { status: string }) => {
    if (!ready) {
      ready = true;
      return;
    }
    if (opts.transaction?.open) {
      // Only Gatherscope's own ROLLBACK (which clears `open` first) may end it. The policy never
      // lets transaction control through; this is the layer behind it. (Kind 'open-transaction':
      // the session's transaction state is not the one the guard holds it to.)
      if (msg.status === 'I')
        violate({
          kind: 'open-transaction',
          message:
            "A statement ended the replay's transaction before Gatherscope rolled it back; its connection was discarded.",
        });
      return;
    }
    // 'E' (failed transaction) is expected after an error inside BEGIN READ ONLY: the executor
    // rolls it back. 'T' means a statement opened a transaction of its own and left it open.
    if (msg.status === 'T') {
      violate({
        kind: 'open-transaction',
        message: 'A statement left a transaction open; its connection was discarded.',
      });
    }
  };
  con.prependListener('parameterStatus', parameterStatus);
  con.prependListener('readyForQuery', readyForQuery);
  return { parameterStatus, readyForQuery };
}
