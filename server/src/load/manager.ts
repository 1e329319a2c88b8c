import type { LoadEvent, LoadTestListItem, LoadTestRecord, ParsedLoadTestRequest } from '@gatherscope/shared';
import type { Clock } from '../jobs/clock';
import { Jobs } from '../jobs/jobs';
import { startingRecord } from '../jobs/record';
import type { JobContext, JobEnd, JobKind } from '../jobs/types';
import type { LogFn } from '../logging/logger';
import { assertAllowedOn, type ResolvedTarget, type TargetResolver } from '../targets/targets';
import { resolveWorkload, type WorkloadCatalog } from '../workloads/catalog';
import { type OpenProxy, runLoadTest } from './runner';
import type { LoadTestStore } from './store';

export interface LoadManagerOptions {
  store: LoadTestStore;
  workloads: WorkloadCatalog;
  resolveTarget: TargetResolver;
  openProxy: OpenProxy;
  log: LogFn;
  clock?: Clock;
}

/** The event that opens a test's log, live or replayed from the stored record. */
const startedEvent = (r: LoadTestRecord): LoadEvent => ({
  type: 'load-started',
  testId: r.id,
  workload: r.workload,
  settings: r.settings,
  database: r.database,
});

/**
 * Load tests on the job core, one at a time (a load test saturates the machine; two would measure
 * each other): a test plans its workload and database, and executes its phases.
 */
export class LoadTestManager extends Jobs<
  LoadTestRecord,
  LoadEvent,
  LoadTestListItem,
  ParsedLoadTestRequest
> {
  /** Where finished tests are files: their exports stream from there (export/load-routes.ts). */
  readonly store: LoadTestStore;

  constructor(o: LoadManagerOptions) {
    super(loadKind(o), o);
    this.store = o.store;
  }
}

function loadKind(
  o: LoadManagerOptions,
): JobKind<LoadTestRecord, LoadEvent, LoadTestListItem, ParsedLoadTestRequest> {
  return {
    label: 'load test',
    plural: 'load tests',
    logKey: 'load_test',
    store: o.store,
    limit: 1,
    limitHint:
      'Wait for it to finish or stop it (POST /api/load-tests/:id/stop): one load test at a time keeps the measurements honest.',
    startedEvent,
    replay: (r) => ({
      body: [
        ...r.series.map((second): LoadEvent => ({ type: 'second', second })),
        ...r.results.map((result): LoadEvent => ({ type: 'result', result })),
        ...r.sweep.map((point): LoadEvent => ({ type: 'sweep-point', point })),
      ],
      ending: r.verdict ? [{ type: 'verdict', verdict: r.verdict }] : [],
    }),
    describe: (r) => ({ workload: r.workload.name, strategies: r.settings.strategies }),
    plan: async (req) => {
      const workload = resolveWorkload(o.workloads, req.workload);
      const { workload: _w, target, detached, ...settings } = req;
      const resolved = await o.resolveTarget(target);
      await assertAllowedOn(workload, resolved, typeof req.workload === 'string');
      const record: LoadTestRecord = {
        ...startingRecord(),
        kind: 'load',
        settings,
        workload,
        target,
        database: resolved.database,
        series: [],
        results: [],
        sweep: [],
        verdict: null,
      };
      return { record, detached, execute: (job) => executeLoadTest(o.openProxy, record, resolved, job) };
    },
  };
}

/**
 * Runs the test's phases. The record grows with the events (what a replay rebuilds), so a test read
 * while it runs, or left behind by a crash, holds what was measured so far.
 */
async function executeLoadTest(
  openProxy: OpenProxy,
  record: LoadTestRecord,
  target: ResolvedTarget,
  job: JobContext<LoadEvent>,
): Promise<JobEnd> {
  const out = await runLoadTest({
    testId: record.id,
    url: target.url,
    readOnly: target.readOnly,
    trustedFunctions: target.trustedFunctions,
    workload: record.workload,
    settings: record.settings,
    signal: job.signal,
    openProxy,
    onEvent: (e) => {
      job.emit(e);
      if (e.type === 'second') record.series.push(e.second);
      else if (e.type === 'sweep-point') record.sweep.push(e.point);
      else if (e.type === 'verdict') record.verdict = e.verdict;
      else if (e.type === 'result') {
        record.results.push(e.result);
        job.changed();
      }
    },
  });
  return { status: out.status };
}
