import type { LoadSettings, StrategyName, Workload } from '@gatherscope/shared';
import type { LoadTimeLimits } from '../phase';
import type { ThreadReport } from '../recorder';
import type { ThreadShare } from './split';

/** What a generator thread is started with: its share of one phase. */
export interface ThreadData {
  connectUrl: string;
  applicationName: string;
  readOnly: boolean;
  workload: Workload;
  settings: LoadSettings;
  strategy: StrategyName;
  share: ThreadShare;
  /** Shorter client-side time limits, for tests. */
  limits?: LoadTimeLimits;
  /**
   * Int32 [0]: set by the main thread on stop (1 at the end of the grace period, 2 by the user). The virtual users read it before every request
   * and query, so a thread whose event loop is flooded stops starting work before its stop message
   * is even read.
   */
  stopFlag: SharedArrayBuffer;
}

/** The main thread asks (after `{ type: 'phase', data, id }` has started a phase on the thread). */
export type ToThread =
  /** Start the load; `deadlineEpoch` is performance.timeOrigin + now on the main thread's clock. */
  | { type: 'go'; deadlineEpoch: number }
  /** Report what was measured since the last report. */
  | { type: 'sample'; n: number }
  /** Stop starting requests, wake simulated delays; `user` when the user pressed Stop. */
  | { type: 'stop'; user: boolean }
  /** Drop the sockets of connections still running a statement after a stop (it ignored its cancel). */
  | { type: 'abandon' }
  /** The phase is over: last report, then the pool ends (its sockets dropped past `timeoutMs`). */
  | { type: 'end'; timeoutMs: number };

/** How busy a thread was since its last report. */
export interface ThreadLoad {
  /** Event-loop utilisation (0–1): the share of the time the thread was running code. */
  busy: number;
  /** 99th percentile of the event-loop delay (ms): how late timers and I/O callbacks ran. */
  loopDelayMs: number;
}

/** The thread answers. */
export type FromThread =
  | { type: 'ready' }
  /** `pids`: the backends of the thread's open connections. */
  | {
      type: 'report';
      n: number;
      report: ThreadReport;
      load: ThreadLoad;
      busyIntegral: number;
      pids: number[];
    }
  /** The load model ended (deadline, request cap, or stop). */
  | { type: 'finished' }
  /** Cancel the statements these backends run. */
  | { type: 'cancel'; pids: number[] }
  /** End these backends: their connections were dropped while a statement may still run. */
  | { type: 'terminate'; pids: number[] }
  /** `suspects`: backends that may still be on the server (open or dropped connections), to reap by pid. */
  | { type: 'ended'; report: ThreadReport; busyIntegral: number; suspects: number[] };
