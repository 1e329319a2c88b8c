import type { Duplex } from 'node:stream';
import pg from 'pg';
import { type BudgetWaiter, type MessageBudget, processBudget } from './message-budget';

/** A message the meter refused, before its body was read. */
export interface Oversize {
  /** Bytes of rows the statement received before it, plus the refused message's length. */
  announced: number;
}

interface Armed {
  /** Bytes of rows (DataRow and CopyData lengths, as pg-protocol reports them) still allowed. */
  remaining: number;
  counted: number;
  onOversize: (o: Oversize) => void;
}

const DATA_ROW = 0x44; // 'D'
const COPY_DATA = 0x64; // 'd'
const READY_FOR_QUERY = 0x5a; // 'Z'
const HEADER = 5; // type byte + Int32 length (which counts itself)

/**
 * Reads the type and length of every backend message as its bytes arrive on the socket, before
 * pg-protocol assembles the message: pg buffers a whole DataRow before anyone sees it, so a single
 * `repeat('x', 1e8)` row would take 100 MB (and twice that while its buffer doubles) however small
 * the result cap. While a statement is armed, a row whose announced length exceeds what is left of
 * its byte budget destroys the socket at once: the body is never read, the server stops sending,
 * and the statement's query fails (the caller says why).
 */
export class WireMeter {
  private header = Buffer.alloc(HEADER);
  private headerFill = 0;
  /** Body bytes of the current message still to pass by. */
  private skip = 0;
  private armed: Armed[] = [];
  private stream: Duplex | null = null;
  /** Bytes of the process budget this connection holds for the message it is receiving. */
  private held = 0;
  /** Set while the current large message waits for room in the budget. */
  private waiter: BudgetWaiter | null = null;

  constructor(private readonly budget: MessageBudget = processBudget) {}

  /** Meters `stream`; called before pg-protocol listens to it, so this listener runs first. */
  attach(stream: Duplex): void {
    this.stream = stream;
    stream.on('data', (chunk: Buffer) => this.feed(chunk));
    stream.on('close', () => {
      if (this.waiter) this.budget.leave(this.waiter);
      this.waiter = null;
      this.budget.release(this.held);
      this.held = 0;
    });
  }

  /** Paused for room in the process's budget of large messages. */
  get waiting(): boolean {
    return this.waiter !== null;
  }

  /**
   * Caps the rows of a statement about to be sent. Statements are answered in the order they were
   * sent, each up to its ReadyForQuery (its Sync): pipelined ones queue here, and each
   * ReadyForQuery moves on to the next. Returns the token to `disarm` it with.
   */
  arm(maxBytes: number, onOversize: (o: Oversize) => void): object {
    const a: Armed = { remaining: maxBytes, counted: 0, onOversize };
    this.armed.push(a);
    return a;
  }

  /** Forgets a statement that ended otherwise (its connection failed); without a token, all. */
  disarm(token?: object): void {
    if (!token) {
      this.armed = [];
      return;
    }
    // Usually gone already (its ReadyForQuery shifted it): no new array per statement.
    const i = this.armed.indexOf(token as Armed);
    if (i >= 0) this.armed.splice(i, 1);
  }

  feed(chunk: Buffer): void {
    let at = 0;
    let pending = 0;
    while (at < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
        if (this.skip === 0) this.received();
        continue;
      }
      let type: number;
      let length: number;
      if (this.headerFill === 0 && chunk.length - at >= HEADER) {
        // Read in place: Buffer#copy of a part of a chunk makes a view object, five per statement.
        type = chunk[at]!;
        length = chunk.readUInt32BE(at + 1);
        at += HEADER;
      } else {
        while (this.headerFill < HEADER && at < chunk.length) this.header[this.headerFill++] = chunk[at++]!;
        if (this.headerFill < HEADER) break;
        this.headerFill = 0;
        type = this.header[0]!;
        length = this.header.readUInt32BE(1);
      }
      this.skip = Math.max(0, length - 4);
      if (type === READY_FOR_QUERY) this.armed.shift();
      else if ((type === DATA_ROW || type === COPY_DATA) && this.armed[0] && !this.count(length)) return;
      if (this.skip >= this.budget.largeBytes) {
        if (this.budget.tryReserve(this.skip)) this.held = this.skip;
        else pending = this.skip;
      }
    }
    // The rest of this chunk reaches pg (at most one socket read); no more until there is room.
    if (pending > 0 && this.skip > 0) this.waitForRoom(pending);
  }

  /** Counts a row; false when it broke the cap (the socket is gone). */
  private count(length: number): boolean {
    const a = this.armed[0]!;
    a.counted += length;
    if (length <= a.remaining) {
      a.remaining -= length;
      return true;
    }
    // The statements queued behind it fail with the connection.
    this.armed = [];
    this.stream?.destroy();
    a.onOversize({ announced: a.counted });
    return false;
  }

  /** A message has fully arrived: pg parses it now, and its room goes to the next one. */
  private received(): void {
    if (this.held > 0) {
      const held = this.held;
      this.held = 0;
      this.budget.release(held);
    }
  }

  private waitForRoom(bytes: number): void {
    const stream = this.stream;
    if (!stream) return;
    stream.pause();
    const waiter: BudgetWaiter = {
      bytes,
      grant: () => {
        this.waiter = null;
        // Granted after the message already passed (it was smaller than it looked): give it back.
        if (this.skip === 0) this.budget.release(bytes);
        else this.held = bytes;
        stream.resume();
      },
    };
    this.waiter = waiter;
    this.budget.wait(waiter);
  }
}

const meters = new WeakMap<object, WireMeter>();

/** The meter of a client's wire connection, when it was opened as a MeteredClient. */
export const meterOf = (connection: object): WireMeter | undefined => meters.get(connection);

/**
 * A pg.Client whose socket is metered (see WireMeter), also after a TLS upgrade: pg attaches its
 * parser through `attachListeners`, for the plain socket and for the TLS stream alike.
 */
export class MeteredClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const meter = new WireMeter();
    const con = (this as unknown as { connection: { attachListeners(s: Duplex): void } }).connection;
    const attach = con.attachListeners.bind(con);
    con.attachListeners = (stream: Duplex) => {
      meter.attach(stream);
      attach(this.parserInput(stream));
    };
    meters.set(con, meter);
  }

  /** What node-postgres's parser reads: the socket itself, here; the load path routes it (db/load/load-client.ts). */
  protected parserInput(stream: Duplex): Duplex {
    return stream;
  }
}

/** The identity a backend reported in BackendKeyData: no statement can change it. */
export interface BackendKey {
  pid: number;
  secretKey: number;
}

export function backendKeyOf(client: pg.Client): BackendKey {
  const c = client as unknown as { processID: number | null; secretKey: number | null };
  return { pid: c.processID ?? 0, secretKey: c.secretKey ?? 0 };
}
