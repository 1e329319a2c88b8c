import {
  type LoadEvent,
  type LoadResult,
  type LoadSecond,
  type LoadSettings,
  type RunStatus,
  type SweepPoint,
  sweepSizes,
  type Workload,
} from '@gatherscope/shared';
import { ActivityMonitor } from '../db/load/activity-monitor';
import { parseDatabaseUrl } from '../db/target';
import { assertWorkloadAllowed } from '../guard/workload-policy';
import { loadVerdict } from './load-verdict';
import { type LoadTimeLimits, localCores, runPhase } from './phase';

/** A latency proxy in front of the database: connect to `url` instead and every round trip pays `rttMs`. */
export type OpenProxy = (
  targetUrl: string,
  rttMs: number,
) => Promise<{ url: string; close(): Promise<void> }>;

export interface LoadTestOptions {
  testId: string;
  /** The database. Never logged, never stored with the test. */
  url: string;
  workload: Workload;
  settings: LoadSettings;
  /** Aborting stops the test at once and cancels its queries on the database server. */
  signal: AbortSignal;
  onEvent: (event: Exclude<LoadEvent, { type: 'load-started' | 'done' }>) => void;
  openProxy: OpenProxy;
  /** Run every transaction read-only (default); only the embedded demo or an opted-in connection may write. */
  readOnly?: boolean;
  /** Functions of the target that the owner of its saved connection trusts (src/guard/). */
  trustedFunctions?: readonly string[] | undefined;
  /** Shorter client-side time limits, for tests. */
  limits?: LoadTimeLimits;
}

export interface LoadTestOutcome {
  status: Exclude<RunStatus, 'running'>;
  series: LoadSecond[];
  results: LoadResult[];
  sweep: SweepPoint[];
  verdict: string | null;
}

/**
 * Every backend of a test starts with this application_name prefix (at most 63 bytes in
 * PostgreSQL), for a DBA's eyes only: a statement can rename its session, so cleanup goes by pid.
 */
export const applicationNameOf = (testId: string) => `gatherscope-load-${testId}`.slice(0, 60);

/**
 * Runs a load test: each strategy in turn for the whole duration on a fresh pool (not interleaved:
 * two strategies loading the same database at once would queue behind each other, and the
 * measurement would be of the mix), then the optional pool-size sweep.
 */
export async function runLoadTest(o: LoadTestOptions): Promise<LoadTestOutcome> {
  const { settings } = o;
  // The same decision as a profile run's, whoever drives the test (API, CLI): load connections have
  // no per-statement read-only block, so the policy is what stands between a statement and the
  // database's state outside the transaction (files, slots, other sessions, new tables).
  await assertWorkloadAllowed(o.workload, {
    url: o.url,
    mode: (o.readOnly ?? true) ? 'read-only' : 'read-write',
    trustedFunctions: o.trustedFunctions,
  });
  const appName = applicationNameOf(o.testId);
  const monitor = new ActivityMonitor(o.url);
  const series: LoadSecond[] = [];
  const results: LoadResult[] = [];
  const sweep: SweepPoint[] = [];
  const dbCores = localCores(parseDatabaseUrl(o.url).host);
  let proxy: Awaited<ReturnType<OpenProxy>> | undefined;
  try {
    if (settings.rttMs > 0) proxy = await o.openProxy(o.url, settings.rttMs);
    const connectUrl = proxy?.url ?? o.url;
    const phase = (
      strategy: LoadSettings['strategies'][number],
      poolSize: number,
      durationS: number,
      live: boolean,
    ) =>
      runPhase({
        connectUrl,
        applicationName: appName,
        readOnly: o.readOnly ?? true,
        workload: o.workload,
        settings,
        strategy,
        poolSize,
        durationS,
        monitor,
        dbCores,
        signal: o.signal,
        ...(o.limits ? { limits: o.limits } : {}),
        ...(live
          ? {
              onSecond: (s: LoadSecond) => {
                series.push(s);
                o.onEvent({ type: 'second', second: s });
              },
            }
          : {}),
      });

    for (const strategy of settings.strategies) {
      if (o.signal.aborted) break;
      o.onEvent({ type: 'phase', stage: 'test', strategy, poolSize: settings.poolSize });
      const result = await phase(strategy, settings.poolSize, settings.durationS, true);
      results.push(result);
      o.onEvent({ type: 'result', result });
    }

    if (settings.sweep) {
      for (const poolSize of sweepSizes(settings.sweep.maxPool)) {
        let refused = false;
        for (const strategy of settings.strategies) {
          if (o.signal.aborted) break;
          o.onEvent({ type: 'phase', stage: 'sweep', strategy, poolSize });
          const r = await phase(strategy, poolSize, settings.sweep.stepDurationS, false);
          const point: SweepPoint = {
            strategy,
            poolSize,
            throughput: r.throughput,
            p95: r.latencyMs.p95,
            errors: r.errors,
            maxConnectionsHit: (r.errorsBySqlstate['53300'] ?? 0) > 0,
          };
          refused ||= point.maxConnectionsHit;
          sweep.push(point);
          o.onEvent({ type: 'sweep-point', point });
        }
        // The server's max_connections is the ceiling: once a step of this size is refused, larger
        // pools would only be refused more. The other strategies still ran at this size, to compare.
        if (refused || o.signal.aborted) break;
      }
    }

    const verdict = loadVerdict(results, series);
    if (verdict) o.onEvent({ type: 'verdict', verdict });
    return {
      status: o.signal.aborted ? 'cancelled' : 'completed',
      series,
      results,
      sweep,
      verdict,
    };
  } finally {
    await proxy?.close().catch(() => {});
    await monitor.close();
  }
}
