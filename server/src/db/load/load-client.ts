import { EventEmitter } from 'node:events';
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
    super(config);
    this.load.meter = meterOf((this as unknown as { connection: object }).connection);
  }

  protected override parserInput(stream: Duplex): Duplex {
    const relay = new EventEmitter();
    this.load.attach(stream);
    stream.on('data', (chunk: Buffer) => {
      if (this.load.busy) this.load.feed(chunk);
      else relay.emit('data', chunk);
    });
    stream.on('end', () => relay.emit('end'));
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
