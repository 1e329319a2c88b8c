import { EventEmitter } from 'node:events';
import { MessageChannel, Worker } from 'node:worker_threads';
import { AppError } from '../../errors/app-error';
import type { PhaseRecorder } from '../recorder';
import { serveGenerator } from './generator-thread';
import type { FromThread, ThreadData, ThreadLoad, ToThread } from './protocol';
import type { ThreadShare } from './split';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Threads kept between phases (and tests): starting one costs up to a second on a busy machine
 * (under tsx in a clone, most of it), which a sweep of a dozen phases would otherwise pay each time.
 * Unreferenced while idle, so they never keep the process alive.
 */
const idle: Worker[] = [];
let phaseIds = 0;

function takeWorker(): Worker {
  const w = idle.pop();
  if (w) {
    w.ref();
    return w;
  }
  const fresh = new Worker(new URL('./generator-worker.mjs', import.meta.url));
  // While idle nobody else listens: a thread that fails then leaves the pool, not the process.
  fresh.on('error', () => {});
  fresh.on('exit', () => {
    const i = idle.indexOf(fresh);
    if (i >= 0) idle.splice(i, 1);
  });
  return fresh;
}

/**
 * Starts `n` threads ahead of need and resolves once they are loaded, so the first phase does not
 * pay for them (tests that time a whole load test; a server may call it when it starts).
 */
export async function warmGeneratorThreads(n: number): Promise<void> {
  const fresh = Array.from({ length: Math.max(0, n - idle.length) }, () => takeWorker());
  await Promise.all(
    fresh.map(
      (w) =>
        new Promise<void>((resolve) => {
          const done = () => {
            w.off('message', onMessage);
            resolve();
          };
          const onMessage = (m: { type: string }) => {
            if (m.type === 'loaded') done();
          };
          w.on('message', onMessage);
          w.once('exit', done);
        }),
    ),
  );
  for (const w of fresh) {
    w.unref();
    if (w.threadId >= 0) idle.push(w);
  }
}

/**
 * The one generator "thread" of a phase that needs only one, served in this thread over a
 * MessageChannel: a worker would add an isolate (tens of MB) and a second of start-up for no
 * parallelism, since this thread waits for it anyway. Same messages, same code (generator-thread.ts).
 */
class InProcessThread extends EventEmitter {
  private readonly channel = new MessageChannel();
  constructor() {
    super();
    serveGenerator(this.channel.port2);
    this.channel.port1.on('message', (m) => this.emit('message', m));
  }
  postMessage(m: unknown): void {
    this.channel.port1.postMessage(m);
  }
  async terminate(): Promise<number> {
    this.channel.port1.close();
    this.channel.port2.close();
    this.emit('exit', 0);
    return 0;
  }
}

interface Thread {
  worker: Worker | InProcessThread;
  /** It ended its phase in order (not killed, not crashed): it may serve the next one. */
  reusable: boolean;
  detach: () => void;
  ready: boolean;
  finished: boolean;
  ended: boolean;
  /** Connection-milliseconds in use so far on this thread's pool. */
  busyIntegral: number;
  /** Backends of its open connections as last reported, and those it may have left (when it ended). */
  pids: number[];
  suspects: number[];
  /** The load it reported for the sample being collected. */
  load: ThreadLoad | undefined;
  waiters: Map<FromThread['type'], () => void>;
}

/**
 * The main thread's side of the generator threads of one phase: starts them, each with its share,
 * merges what they report into one recorder (histograms merged bucket by bucket, counters added),
 * and relays their requests to cancel statements to whoever watches the database.
 */
export class GeneratorThreads {
  private readonly threads: Thread[];
  private readonly flag: Int32Array;
  private readonly id = ++phaseIds;
  private sampleN = 0;

  constructor(
    base: Omit<ThreadData, 'share' | 'stopFlag'>,
    shares: readonly ThreadShare[],
    private readonly recorder: PhaseRecorder,
    private readonly onCancel: (pids: number[]) => void,
    private readonly onTerminate: (pids: number[]) => void,
  ) {
    const stopFlag = new SharedArrayBuffer(4);
    this.flag = new Int32Array(stopFlag);
    this.threads = shares.map((share) => {
      const worker = shares.length === 1 ? new InProcessThread() : takeWorker();
      const t: Thread = {
        worker,
        reusable: false,
        detach: () => {},
        ready: false,
        finished: false,
        ended: false,
        busyIntegral: 0,
        pids: [],
        suspects: [],
        load: undefined,
        waiters: new Map(),
      };
      const onMessage = (m: FromThread & { phase: number }) => {
        if (m.phase === this.id) this.receive(t, m);
      };
      // A thread that dies is a generator that stops generating: its share ends, the phase goes on.
      const gone = () => {
        t.finished = true;
        t.ended = true;
        t.reusable = false;
        for (const w of t.waiters.values()) w();
      };
      worker.on('message', onMessage);
      worker.on('error', gone);
      worker.on('exit', gone);
      t.detach = () => {
        worker.off('message', onMessage);
        worker.off('error', gone);
        worker.off('exit', gone);
      };
      const data: ThreadData = { ...base, share, stopFlag };
      worker.postMessage({ type: 'phase', data, id: this.id });
      return t;
    });
  }

  get count(): number {
    return this.threads.length;
  }

  private receive(t: Thread, m: FromThread): void {
    if (m.type === 'report' || m.type === 'ended') {
      // Absorbed whenever it arrives: a late report joins the second being measured then.
      this.recorder.absorb(m.report);
      t.busyIntegral = m.busyIntegral;
    }
    if (m.type === 'report') t.pids = m.pids;
    if (m.type === 'report' && m.n === this.sampleN) t.load = m.load;
    if (m.type === 'ready') t.ready = true;
    if (m.type === 'finished') t.finished = true;
    if (m.type === 'ended') {
      t.finished = true;
      t.ended = true;
      t.reusable = true;
      t.suspects = m.suspects;
    }
    if (m.type === 'cancel') this.onCancel(m.pids);
    if (m.type === 'terminate') this.onTerminate(m.pids);
    t.waiters.get(m.type)?.();
    t.waiters.delete(m.type);
  }

  private waitAll(
    type: FromThread['type'],
    done: (t: Thread) => boolean,
    until: Promise<unknown>,
  ): Promise<void> {
    const each = this.threads.map((t) =>
      done(t) ? Promise.resolve() : new Promise<void>((r) => t.waiters.set(type, r)),
    );
    return Promise.race([Promise.all(each).then(() => {}), until.then(() => {})]);
  }

  private send(m: ToThread): void {
    for (const t of this.threads) if (!t.ended) t.worker.postMessage(m);
  }

  /** Resolves once every thread has its pool open (or could not start). */
  async ready(signal: AbortSignal): Promise<void> {
    const aborted = new Promise<void>((r) => {
      if (signal.aborted) r();
      signal.addEventListener('abort', () => r(), { once: true });
    });
    await this.waitAll('ready', (t) => t.ready || t.ended, aborted);
    if (!signal.aborted && this.threads.every((t) => !t.ready)) {
      throw new AppError('internal', 'The load generator threads could not start.', {
        status: 500,
        hint: 'Run the load test again; if it fails again, report this with the server log.',
      });
    }
  }

  go(deadlineEpoch: number): void {
    this.send({ type: 'go', deadlineEpoch });
  }

  /** Collects every thread's report for this second (a thread that cannot answer within 800 ms is late, not lost). */
  async sample(): Promise<ThreadLoad[]> {
    const n = ++this.sampleN;
    for (const t of this.threads) t.load = undefined;
    this.send({ type: 'sample', n });
    await this.waitAll('report', (t) => t.ended, sleep(800));
    // A thread too busy to answer in time is the busiest of all.
    return this.threads.filter((t) => !t.ended).map((t) => t.load ?? { busy: 1, loopDelayMs: 800 });
  }

  get finished(): boolean {
    return this.threads.every((t) => t.finished);
  }

  /** Stops every thread at once: the shared flag first (read before each request), then a message. */
  stop(user: boolean): void {
    Atomics.store(this.flag, 0, user ? 2 : 1);
    this.send({ type: 'stop', user });
  }

  /** Waits up to `ms` for every thread's load model to end. */
  waitFinished(ms: number): Promise<void> {
    return this.waitAll('finished', (t) => t.finished, sleep(ms));
  }

  /** Backends of every thread's open connections, as last reported. */
  pids(): number[] {
    return this.threads.flatMap((t) => t.pids);
  }

  /** After a stop: every thread drops the connections still running a statement; their pids come back to be ended. */
  abandonRunning(): void {
    this.send({ type: 'abandon' });
  }

  /**
   * Backends the phase may have left on the server: what each thread named when it ended, and for
   * a thread that had to be terminated, the connections it last reported.
   */
  suspectPids(): number[] {
    return [...new Set(this.threads.flatMap((t) => [...t.suspects, ...t.pids]))];
  }

  busyIntegral(): number {
    return this.threads.reduce((a, t) => a + t.busyIntegral, 0);
  }

  /**
   * Ends the phase on every thread (last report, pool closed, its sockets dropped past
   * `poolTimeoutMs`); a thread that does not answer in `ms` is terminated, which closes its sockets.
   */
  async end(poolTimeoutMs: number, ms: number): Promise<void> {
    this.send({ type: 'end', timeoutMs: poolTimeoutMs });
    await this.waitAll('ended', (t) => t.ended, sleep(ms));
    for (const t of this.threads) {
      t.detach();
      if (t.reusable && t.worker instanceof Worker) {
        t.reusable = false;
        t.worker.unref();
        idle.push(t.worker);
      } else if (t.worker instanceof InProcessThread) {
        // Its pool has ended (or was given up on): the channel closes with the phase.
        t.ended = true;
        await t.worker.terminate();
      }
    }
    await Promise.all(
      this.threads
        .filter((t) => !t.ended)
        .map((t) => {
          t.ended = true;
          return t.worker.terminate();
        }),
    );
  }
}
