import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import { MeteredClient, meterOf } from '../profiler/wire-meter';
import { LoadConnection } from './load-connection';

/**
 * A load pool's client: node-postgres opens the connection (start-up, authentication, TLS) and
 * runs whatever the load path sends through it (pipelines, simple-mode statements, a test's own
 * query), while the load path's extended and prepared statements go through `load`
 * (load-connection.ts), which reads the socket's bytes itself as long as it has a statement on it.
 * The wire meter sees every byte first either way.
 */
export class LoadClient extends MeteredClient {
  readonly load = new LoadConnection();

  constructor(config?: string | pg.ClientConfig) {
    super(withOwnReads(config));
    this.load.meter = meterOf((this as unknown as { connection: object }).connection);
  }

  protected override parserInput(stream: Duplex): Duplex {
    const relay = new EventEmitter();
    const own = ownReads.get(stream);
    this.load.attach(stream);
    stream.on('end', () => relay.emit('end'));
    if (!own) {
      stream.on('data', (chunk: Buffer) => {
        if (this.load.busy) this.load.feed(chunk);
        else relay.emit('data', chunk);
      });
      return relay as unknown as Duplex;
    }
    // The socket's reads come here directly: the wire meter first, as its 'data' listener would.
    const meter = this.load.meter;
    own.deliver = (chunk: Buffer) => {
      meter?.feed(chunk);
      if (this.load.busy) this.load.feed(chunk);
      // node-postgres's parser keeps what it has not parsed yet: the reused buffer is copied for it.
      else relay.emit('data', Buffer.from(chunk));
    };
    return relay as unknown as Duplex;
  }

  /** node-postgres has nothing queued or running: the socket's answers would not be its own. */
  get pgIdle(): boolean {
    // The fields behind pg 8.23's deprecated `activeQuery` and `queryQueue` getters.
    const c = this as unknown as { _activeQuery: unknown; _queryQueue: unknown[] };
    return !c._activeQuery && c._queryQueue.length === 0;
  }
}

/** A load pool's client as its class (pg's pool hands clients out typed as its own). */
export const asLoadClient = (client: pg.Client): LoadClient => client as unknown as LoadClient;

/**
 * Sockets that read into one reused buffer (a chunk is valid only during the call), and where
 * their reads go: straight to the client's readers, without a 'data' event (whose emit copies its
 * listener list, once per statement's answer).
 */
const ownReads = new WeakMap<object, { deliver: ((chunk: Buffer) => void) | null }>();

/**
 * A plain TCP connection reads into one buffer of its own, handed to the 'data' listeners (the
 * wire meter, then load-connection.ts or node-postgres's parser) while they run: Node otherwise
 * allocates a 64 KB buffer and a stream chunk per read, one read per statement. A TLS connection
 * keeps Node's own reads (the TLS layer reads the socket itself).
 */
function withOwnReads(config?: string | pg.ClientConfig): pg.ClientConfig {
  const base: pg.ClientConfig = typeof config === 'string' ? { connectionString: config } : { ...config };
  if (base.stream) return base;
  const stream = (c: { ssl?: unknown }) => {
    if (c.ssl) return new net.Socket();
    const buffer = Buffer.allocUnsafe(64 * 1024);
    const own: { deliver: ((chunk: Buffer) => void) | null } = { deliver: null };
    // `onread` is in Node's net.Socket constructor (since 12) but not in @types/node's options.
    const socket: net.Socket = new net.Socket({
      onread: {
        buffer,
        callback: (n: number) => {
          const chunk = buffer.subarray(0, n);
          if (own.deliver) own.deliver(chunk);
          else socket.emit('data', chunk);
          return true;
        },
      },
    } as net.SocketConstructorOpts);
    ownReads.set(socket, own);
    return socket;
  };
  return { ...base, stream: stream as unknown as pg.ClientConfig['stream'] };
}
