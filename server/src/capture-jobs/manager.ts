import type {
  Capture,
  CaptureEvent,
  CaptureJobEvent,
  CaptureListItem,
  CaptureRecord,
  ParsedCaptureStartRequest,
} from '@gatherscope/shared';
import { startCaptureThread } from '../capture/capture-thread';
import { endpointGroups } from '../capture/endpoints';
import type { CaptureOptions } from '../capture/recorder';
import { redactDatabaseUrl } from '../db/target';
import type { Clock } from '../jobs/clock';
import { Jobs } from '../jobs/jobs';
import { startingRecord } from '../jobs/record';
import type { JobContext, JobEnd, JobKind } from '../jobs/types';
import type { LogFn } from '../logging/logger';
import type { TargetResolver } from '../targets/targets';
import { measureRoundTrip } from './round-trip';
import type { CaptureStore } from './store';

/** The recorder as the manager drives it: on a worker thread in the server (capture-thread.ts). */
export interface CaptureProxy {
  port: number;
  listenUrl: string;
  stop(): Promise<Capture>;
}
export type OpenCaptureProxy = (o: CaptureOptions) => Promise<CaptureProxy>;

export interface CaptureManagerOptions {
  store: CaptureStore;
  resolveTarget: TargetResolver;
  log: LogFn;
  /** Default: the recorder on a worker thread, so forwarding never waits for the server's work. */
  openProxy?: OpenCaptureProxy;
  /** Default: the fastest of a few SELECT 1 round trips (round-trip.ts). */
  measureRtt?: (url: string) => Promise<number | null>;
  clock?: Clock;
  persistEveryMs?: number;
}

/** Endpoint groups are recomputed at most this often while a capture runs (each pass sorts every request). */
const ENDPOINTS_EVERY_MS = 1_000;

/** The URL the app connects to: for the embedded demo with its password, which is local and ours. */
export function appUrlFor(listenUrl: string, dbUrl: string, embedded: boolean): string | null {
  if (!embedded) return null;
  const u = new URL(listenUrl);
  u.password = new URL(dbUrl).password;
  return u.toString();
}

export function emptyCapture(target: string, listenUrl: string, gapMs: number): Capture {
  return {
    version: 1,
    target,
    listenUrl,
    startedAt: new Date().toISOString(),
    endedAt: null,
    gapMs,
    redacted: false,
    counts: {
      connections: 0,
      statements: 0,
      requests: 0,
      droppedStatements: 0,
      droppedRequests: 0,
      cutConnections: 0,
      cancelRequests: 0,
      unanalysedStatements: 0,
    },
    cuts: [],
    requests: [],
    endpoints: [],
  };
}

export const captureStartedEvent = (r: CaptureRecord): CaptureJobEvent => ({
  type: 'capture-started',
  captureId: r.id,
  listenUrl: r.capture.listenUrl,
  appUrl: r.appUrl,
  database: r.database,
  gapMs: r.capture.gapMs,
  rttMs: r.rttMs,
});

/**
 * Captures on the job core, one at a time (each holds a loopback port and a thread): planning
 * resolves the database and opens the proxy, so a port or login problem is the start's error;
 * executing records until Stop. The record keeps the closed requests as they come, so a capture
 * read while it runs, or left behind by a crash, holds what was recorded so far.
 */
export class CaptureManager extends Jobs<
  CaptureRecord,
  CaptureJobEvent,
  CaptureListItem,
  ParsedCaptureStartRequest
> {
  readonly store: CaptureStore;
  constructor(o: CaptureManagerOptions) {
    super(captureKind(o), o);
    this.store = o.store;
  }
}

function captureKind(
  o: CaptureManagerOptions,
): JobKind<CaptureRecord, CaptureJobEvent, CaptureListItem, ParsedCaptureStartRequest> {
  const openProxy = o.openProxy ?? startCaptureThread;
  return {
    label: 'capture',
    plural: 'captures',
    logKey: 'capture',
    store: o.store,
    limit: 1,
    limitHint: 'Stop the capture in progress first (its page has a Stop button).',
    startedEvent: captureStartedEvent,
    replay: (r) => ({
      body: [
        ...r.capture.requests.map((request): CaptureJobEvent => ({ type: 'request', request })),
        ...r.capture.cuts.map((cut): CaptureJobEvent => ({ type: 'cut', cut })),
      ],
      ending: [],
    }),
    describe: (r) => ({ target: r.capture.target }),
    plan: async (req) => {
      const resolved = await o.resolveTarget(req.target);
      const rttMs = await (o.measureRtt ?? measureRoundTrip)(resolved.url);
      // Events that arrive before the job runs (none should: the app has no URL yet) wait here.
      const early: CaptureEvent[] = [];
      let sink: (e: CaptureEvent) => void = (e) => early.push(e);
      const proxy = await openProxy({
        targetUrl: resolved.url,
        gapMs: req.gapMs,
        maxStatements: req.maxStatements,
        onEvent: (e) => sink(e),
      });
      const record: CaptureRecord = {
        ...startingRecord(),
        kind: 'capture',
        source: 'proxy',
        fileName: null,
        target: req.target,
        database: resolved.database,
        appUrl: appUrlFor(proxy.listenUrl, resolved.url, resolved.database.embedded),
        rttMs,
        capture: emptyCapture(redactDatabaseUrl(resolved.url), proxy.listenUrl, req.gapMs),
      };
      return {
        record,
        detached: req.detached,
        execute: (job) => {
          const live = new LiveCapture(record, job, req.maxStatements);
          sink = (e) => live.add(e);
          for (const e of early.splice(0)) live.add(e);
          return recordUntilStopped(proxy, record, live, job);
        },
      };
    },
  };
}

async function recordUntilStopped(
  proxy: CaptureProxy,
  record: CaptureRecord,
  live: LiveCapture,
  job: JobContext<CaptureJobEvent>,
): Promise<JobEnd> {
  if (!job.signal.aborted)
    await new Promise<void>((resolve) =>
      job.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  live.close();
  record.capture = await proxy.stop();
  // A capture's natural end is Stop; one stopped because its page closed keeps what it recorded.
  return { status: job.stopCause === 'requested' ? 'completed' : 'cancelled' };
}

/** The record of a running capture, kept up to date from the recorder's events. */
class LiveCapture {
  #statements = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #stale = false;

  constructor(
    private readonly record: CaptureRecord,
    private readonly job: JobContext<CaptureJobEvent>,
    private readonly maxStatements: number,
  ) {
    this.#timer = setInterval(() => this.#regroup(), ENDPOINTS_EVERY_MS);
    this.#timer.unref();
  }

  add(e: CaptureEvent): void {
    const c = this.record.capture;
    // The started event already carries the URL.
    if (e.type === 'listening') return;
    this.job.emit(e);
    if (e.type === 'connection') c.counts.connections++;
    else if (e.type === 'statement') c.counts.statements++;
    else if (e.type === 'cut') {
      c.cuts.push(e.cut);
      c.counts.cutConnections = new Set(c.cuts.map((x) => x.connection)).size;
    } else if (e.type === 'dropped') {
      c.counts.droppedStatements = e.droppedStatements;
      c.counts.droppedRequests = e.droppedRequests;
    } else if (e.type === 'request') {
      c.requests.push(e.request);
      this.#statements += e.request.statements.length;
      // The same cap as the recorder's: the oldest requests go first.
      while (this.#statements > this.maxStatements && c.requests.length > 1)
        this.#statements -= c.requests.shift()?.statements.length ?? 0;
      c.counts.requests = c.requests.length;
      this.#stale = true;
      this.job.changed();
    }
  }

  #regroup(): void {
    if (!this.#stale) return;
    this.#stale = false;
    this.record.capture.endpoints = endpointGroups(this.record.capture.requests);
  }

  close(): void {
    clearInterval(this.#timer);
  }
}
