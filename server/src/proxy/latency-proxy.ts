import net from 'node:net';
import { atTime } from '../timing/precise-timer';

export interface LatencyProxyOptions {
  targetHost: string;
  targetPort: number;
  /** Simulated round-trip time: each direction delays every chunk by half of it. */
  rttMs: number;
  /** Uniform extra delay per chunk, 0 to this many ms, never reordering a direction. */
  jitterMs?: number;
  random?: () => number;
}

export interface LatencyProxy {
  host: '127.0.0.1';
  port: number;
  /** The last error connecting to the target, to explain a failed connection through the proxy. */
  lastUpstreamError(): Error | null;
  /** Closes the listener and every connection through it at once. */
  close(): Promise<void>;
}

const now = () => performance.now();
/** Past this many bytes in flight in one direction, stop reading the sender until they drain. */
const HIGH_WATER = 4 * 1024 * 1024;

/** Delivers what `from` sends to `to`, each chunk `delay()` ms later, in order. */
function delayedPipe(from: net.Socket, to: net.Socket, delay: () => number, notBefore: number): void {
  const queue: { at: number; chunk: Buffer | null }[] = [];
  let lastAt = 0;
  let queued = 0;
  let cancel: (() => void) | null = null;
  // Backpressure: what waits here plus what the receiver has not taken yet.
  const full = () => queued + to.writableLength >= HIGH_WATER;
  const maybeResume = () => {
    if (!full() && from.isPaused()) from.resume();
  };
  to.on('drain', maybeResume);

  const flush = () => {
    cancel = null;
    const t = now();
    while (queue.length > 0 && queue[0]!.at <= t + 0.05) {
      const { chunk } = queue.shift()!;
      if (chunk === null) {
        to.end();
        return;
      }
      queued -= chunk.length;
      if (!to.destroyed) to.write(chunk);
    }
    maybeResume();
    if (queue.length > 0) schedule();
  };
  const schedule = () => {
    cancel = atTime(queue[0]!.at, flush);
  };
  const push = (chunk: Buffer | null) => {
    const at = Math.max(lastAt, Math.max(now(), notBefore) + delay());
    lastAt = at;
    queue.push({ at, chunk });
    if (chunk) queued += chunk.length;
    if (full()) from.pause();
    if (!cancel) schedule();
  };
  from.on('data', (chunk: Buffer) => push(chunk));
  from.on('end', () => push(null));
  from.on('close', () => cancel?.());
}

/**
 * A TCP proxy on 127.0.0.1 in front of PostgreSQL that makes every round trip cost `rttMs`, as
 * against a remote database. A new connection also pays one RTT for the TCP handshake the local
 * connect skipped, so connect + startup costs two round trips as it would over a real network.
 */
export function startLatencyProxy(opts: LatencyProxyOptions): Promise<LatencyProxy> {
  const random = opts.random ?? Math.random;
  const oneWay = opts.rttMs / 2;
  const jitter = opts.jitterMs ?? 0;
  const delay = () => oneWay + (jitter > 0 ? random() * jitter : 0);
  const sockets = new Set<net.Socket>();
  let upstreamError: Error | null = null;

  const server = net.createServer((client) => {
    const acceptedAt = now();
    const upstream = net.connect({ host: opts.targetHost, port: opts.targetPort });
    upstream.on('error', (err) => {
      upstreamError = err;
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => {
        sockets.delete(s);
        // One side gone: the other goes too, at once (a reset is not delayed).
        client.destroy();
        upstream.destroy();
      });
      s.on('error', () => {});
    }
    delayedPipe(client, upstream, delay, acceptedAt + opts.rttMs);
    delayedPipe(upstream, client, delay, 0);
  });
  server.on('error', () => {});

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address() as net.AddressInfo;
      resolve({
        host: '127.0.0.1',
        port: addr.port,
        lastUpstreamError: () => upstreamError,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
