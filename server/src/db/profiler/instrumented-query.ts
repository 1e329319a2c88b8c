import type pg from 'pg';
import { meterOf, type WireMeter } from './wire-meter';

/** The parts of pg's wire connection this query drives (as in pg/lib/connection.js; @types/pg is off). */
export interface WireConnection {
  stream: { cork?: () => void; uncork?: () => void };
  parse(query: { text: string; name?: string }): void;
  bind(config: { values?: (string | null)[]; statement?: string }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(config: { portal?: string; rows?: number }): void;
  close(msg: { type: 'S'; name: string }): void;
  query(text: string): void;
  sync(): void;
  sendCopyFail(message: string): void;
}
export const wire = (c: pg.Connection) => c as unknown as WireConnection;

/**
 * Drops a client's socket at once: the server stops sending and rolls back, and the client reports
 * the query it was running as failed. (pg has no public call for it.)
 */
export function dropSocket(client: pg.Client): void {
  (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
}

interface FieldDescription {
  name: string;
}
interface DataRowMessage {
  length: number;
  fields: (string | null)[];
}
interface PgErrorLike extends Error {
  code?: string;
}

export interface QueryLimits {
  /** More rows than this fails the query; the server sends at most one row more. */
  maxRows: number;
  /** More bytes of rows than this fails the query (the statement is cancelled on the server). */
  maxBytes: number;
  /** Wrap the statement in `BEGIN READ ONLY` … `ROLLBACK`, pipelined in one round trip. */
  readOnly: boolean;
}

export interface QueryTiming {
  /** performance.now() when the messages were handed to the socket. */
  sentAt: number;
  firstRowAt: number | null;
  /** When the statement's last row (or its completion, or its error) arrived. */
  doneAt: number;
  rows: number;
  bytes: number;
  /** The first row as text values: what `ref` parameters read. */
  firstRow: Record<string, string | null> | null;
  /** Set when the statement failed, or broke a limit. */
  error: PgErrorLike | null;
  exceeded: 'rows' | 'bytes' | null;
  /** The statement failed inside the read-only transaction block: the connection needs a ROLLBACK. */
  needsRollback: boolean;
}

const now = () => performance.now();

/** A first-row value longer than this is not kept for `ref` parameters (it reads as NULL). */
const MAX_KEPT_VALUE_CHARS = 64 * 1024;

/** The timing of a statement not sent yet; every runner fills one in as the answers arrive. */
export function newTiming(): QueryTiming {
  return {
    sentAt: 0,
    firstRowAt: null,
    doneAt: 0,
    rows: 0,
    bytes: 0,
    firstRow: null,
    error: null,
    exceeded: null,
    needsRollback: false,
  };
}

/**
 * One user statement, sent over the extended protocol (Parse/Bind/Describe/Execute/Sync), so one
 * string is one statement: `SELECT 1; DELETE …` is refused by the server. In read-only mode the
 * statement is pipelined between `BEGIN READ ONLY` and `ROLLBACK` in the same write, which costs
 * no extra round trip and undoes whatever session settings the statement changed.
 *
 * It sees the protocol messages itself (a pg Submittable) to time the first row, count rows and
 * bytes without building result objects, and cap the rows with Execute's row limit.
 */
export class InstrumentedQuery implements pg.Submittable {
  readonly timing: QueryTiming = newTiming();
  readonly done: Promise<QueryTiming>;
  private resolve!: (t: QueryTiming) => void;
  protected stage: 'begin' | 'statement' | 'after' = 'statement';
  private fields: string[] = [];
  private settled = false;
  private meter: WireMeter | undefined;
  private meterToken: object | undefined;
  /** The wire meter refused a row: the socket is gone, and onOversize was called. */
  protected meterTripped = false;

  constructor(
    protected readonly text: string,
    protected readonly values: (string | null)[],
    protected readonly limits: QueryLimits,
    /**
     * Called once when the result grows past maxBytes: on a metered socket the socket is already
     * gone and the backend is to be ended by pid; elsewhere the statement is to be cancelled.
     */
    protected readonly onOversize: () => void = () => {},
    /** Called when the statement is handed to the socket (pg queues a client's queries until then). */
    protected readonly onSubmit: () => void = () => {},
  ) {
    this.done = new Promise((r) => {
      this.resolve = r;
    });
  }

  /**
   * Meters the statement's rows on the socket (a row is refused by its length header, before pg
   * buffers its body) and starts its client-side clock; every mode's submit calls it as it sends.
   */
  protected sending(connection: pg.Connection): void {
    this.meter = meterOf(connection);
    this.meterToken = this.meter?.arm(this.limits.maxBytes, ({ announced }) => {
      this.meterTripped = true;
      this.timing.bytes = announced;
      // In the simple protocol (no row limit) the row cap may have been passed first: it says why.
      this.timing.exceeded ??= 'bytes';
      this.onOversize();
    });
    this.onSubmit();
  }

  submit(connection: pg.Connection): void {
    const con = wire(connection);
    this.sending(connection);
    con.stream.cork?.();
    try {
      if (this.limits.readOnly) {
        this.stage = 'begin';
        con.parse({ text: 'BEGIN READ ONLY' });
        con.bind({});
        con.execute({});
      }
      this.writeStatement(con);
      if (this.limits.readOnly) {
        con.parse({ text: 'ROLLBACK' });
        con.bind({});
        con.execute({});
      }
      con.sync();
    } finally {
      con.stream.uncork?.();
    }
    this.timing.sentAt = now();
  }

  /** The user statement's own messages; statement modes (statement-mode.ts) send it otherwise. */
  protected writeStatement(con: WireConnection): void {
    con.parse({ text: this.text });
    con.bind({ values: this.values });
    con.describe({ type: 'P', name: '' });
    con.execute({ portal: '', rows: this.limits.maxRows + 1 });
  }

  handleRowDescription(msg: { fields: FieldDescription[] }): void {
    if (this.stage === 'statement') this.fields = msg.fields.map((f) => f.name);
  }

  handleDataRow(msg: DataRowMessage): void {
    if (this.stage !== 'statement') return;
    const t = this.timing;
    t.rows += 1;
    // Rows of the chunk in which the meter refused a later row still arrive: it counted them.
    if (!this.meterTripped) t.bytes += msg.length;
    if (t.rows === 1) {
      t.firstRowAt = now();
      const row: Record<string, string | null> = {};
      // Kept until the trial ends (what `ref` parameters read): a value too big to be a parameter
      // is not kept, or a trial of big rows would hold each of them.
      this.fields.forEach((name, i) => {
        const v = msg.fields[i] ?? null;
        row[name] = v !== null && v.length > MAX_KEPT_VALUE_CHARS ? null : v;
      });
      t.firstRow = row;
    }
    if (t.bytes > this.limits.maxBytes && t.exceeded === null) {
      t.exceeded = 'bytes';
      this.onOversize();
    }
  }

  handleCommandComplete(): void {
    if (this.stage === 'begin') {
      this.stage = 'statement';
    } else if (this.stage === 'statement') {
      this.statementDone();
    }
  }

  handlePortalSuspended(): void {
    // The row limit of Execute was reached: there were more rows than maxRows.
    if (this.timing.rows > this.limits.maxRows) this.timing.exceeded ??= 'rows';
    this.statementDone();
  }

  handleEmptyQuery(): void {
    if (this.stage === 'statement') this.statementDone();
  }

  handleError(err: PgErrorLike): void {
    if (this.stage === 'statement') this.timing.doneAt = now();
    // An error inside the explicit read-only block leaves it aborted until a ROLLBACK.
    this.timing.needsRollback = this.limits.readOnly && this.stage !== 'after';
    this.timing.error = err;
    this.finish();
  }

  handleReadyForQuery(): void {
    if (this.stage === 'statement') this.statementDone();
    this.finish();
  }

  handleCopyInResponse(connection: pg.Connection): void {
    wire(connection).sendCopyFail('COPY FROM STDIN is not supported by Gatherscope');
  }

  handleCopyData(msg: { chunk?: Buffer }): void {
    this.timing.bytes += msg.chunk?.length ?? 0;
  }

  private statementDone(): void {
    this.stage = 'after';
    this.timing.doneAt = now();
  }

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.meterToken) this.meter?.disarm(this.meterToken);
    if (this.timing.doneAt === 0) this.timing.doneAt = now();
    this.resolve(this.timing);
  }
}
