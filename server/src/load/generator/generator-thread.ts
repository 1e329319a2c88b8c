// A generator thread's body: serves one phase after another over a message port (threads.ts keeps
// a thread between phases: starting one costs up to a second). On a worker thread it is
// generator-worker-main.ts that serves it; with one generator thread it runs in the main thread
// itself over a MessageChannel (threads.ts), which costs no isolate of its own.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { MessagePort } from 'node:worker_threads';
import { LoadPool } from '../../db/load/load-pool';
import { runClosed } from '../models/closed';
import { runOpen } from '../models/open';
import { openPool } from '../open-pool';
import { PhaseRecorder } from '../recorder';
import { runRequest } from '../request';
import type { FromThread, ThreadData, ToThread } from './protocol';

/** One phase on this thread: its slice of the pool and its share of the load model. */
function startPhase(port: MessagePort, data: ThreadData, id: number): (m: ToThread) => void {
  // Every message names its phase: a late one of an earlier phase is not taken for this one's.
  const post = (m: FromThread) => port.postMessage({ ...m, phase: id });
  const flag = new Int32Array(data.stopFlag);
  const { settings, share } = data;

  const pool = new LoadPool({
    url: data.connectUrl,
    size: share.poolSize,
    applicationName: data.applicationName,
    readOnly: data.readOnly,
    statementMode: settings.statementMode,
    ...data.limits,
    // A connection dropped mid-statement (byte cap, past its deadline): its backend is ended by pid.
    onAbandon: (pid) => post({ type: 'terminate', pids: [pid] }),
  });
  // The flag: 0 running, 1 stopped at the end of the grace period, 2 stopped by the user.
  const recorder = new PhaseRecorder(() => Atomics.load(flag, 0) === 2);
  let stopped = false;
  const isStopped = () => stopped || Atomics.load(flag, 0) !== 0;
  // Aborted on stop: ends the pool's opening and wakes requests in a simulated delay.
  const halt = new AbortController();
  let model: Promise<void> | undefined;

  // How busy this thread is: utilisation of its event loop, and how late its callbacks run.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let elu = performance.eventLoopUtilization();
  const load = () => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, elu).utilization;
    elu = now;
    const loopDelayMs = delay.count > 0 ? delay.percentile(99) / 1e6 : 0;
    delay.reset();
    return { busy: Number.isFinite(busy) ? busy : 0, loopDelayMs };
  };

  const go = (deadlineEpoch: number) => {
    const deadline = deadlineEpoch - performance.timeOrigin;
    elu = performance.eventLoopUtilization();
    delay.enable();
    const requestOptions = { boundedK: settings.boundedK, stopped: isStopped, signal: halt.signal };
    const ctx = {
      deadline,
      maxRequests: share.maxRequests,
      stopped: isStopped,
      runOne: () => runRequest(data.workload, data.strategy, pool, requestOptions),
      recorder,
    };
    model = share.model.kind === 'closed' ? runClosed(share.model, ctx) : runOpen(share.model, ctx);
    void model.then(() => post({ type: 'finished' }));
  };

  void openPool(pool, halt.signal).then(() => post({ type: 'ready' }));

  return (m) => {
    if (m.type === 'go') go(m.deadlineEpoch);
    else if (m.type === 'sample') {
      post({
        type: 'report',
        n: m.n,
        report: recorder.takeReport(),
        load: load(),
        busyIntegral: pool.busyIntegral(),
        pids: pool.backends.pids(),
      });
    } else if (m.type === 'stop') {
      if (!stopped) {
        stopped = true;
        halt.abort();
        // By pid, never by application_name: a statement can rename its session.
        post({ type: 'cancel', pids: pool.backends.runningPids() });
      }
      if (!model) post({ type: 'finished' });
    } else if (m.type === 'abandon') {
      post({ type: 'terminate', pids: pool.backends.abandonRunning() });
    } else if (m.type === 'end') {
      const busyIntegral = pool.busyIntegral();
      const report = recorder.takeReport();
      const suspects = pool.backends.suspectPids();
      delay.disable();
      void pool.end(m.timeoutMs).then(() => post({ type: 'ended', report, busyIntegral, suspects }));
    }
  };
}

/** Serves phases on `port` until it closes. */
export function serveGenerator(port: MessagePort): void {
  let current: ((m: ToThread) => void) | undefined;
  port.on('message', (m: ToThread | { type: 'phase'; data: ThreadData; id: number }) => {
    if (m.type === 'phase') current = startPhase(port, m.data, m.id);
    else current?.(m);
  });
  // Loaded: warmGeneratorThreads waits for this.
  port.postMessage({ type: 'loaded', phase: 0 });
}
