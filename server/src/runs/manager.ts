import type {
  ParsedRunRequest,
  RunEvent,
  RunLimits,
  RunListItem,
  RunRecord,
  Workload,
} from '@gatherscope/shared';
import type { RunProfile } from '../engine/types';
import { type CatalogSource, catalogFor } from '../guard/workload-policy';
import type { Clock } from '../jobs/clock';
import { Jobs } from '../jobs/jobs';
import { startingRecord } from '../jobs/record';
import type { JobContext, JobEnd, JobKind } from '../jobs/types';
import type { LogFn } from '../logging/logger';
import {
  assertAllowedOn,
  assertRollbackAllowed,
  type ResolvedTarget,
  type TargetResolver,
} from '../targets/targets';
import { resolveWorkload, type WorkloadCatalog } from '../workloads/catalog';
import { replayRun, runStartedEvent } from './replay';
import { withSequencesChecked } from './rolled-back-sequences';
import type { RunStore } from './store';
import { TrialCollector } from './trials';

export interface RunManagerOptions {
  store: RunStore;
  runProfile: RunProfile;
  workloads: WorkloadCatalog;
  resolveTarget: TargetResolver;
  /** Refuses, before any trial, a workload whose queries cannot run on the target (workloads/check-on-database.ts). */
  checkWorkload?: (
    w: Workload,
    target: ResolvedTarget,
    builtin: boolean,
    limits?: RunLimits,
  ) => Promise<void>;
  log: LogFn;
  /** Runs at once; more are refused with `run_limit_reached`. */
  maxConcurrent?: number;
  persistEveryMs?: number;
  keepFinished?: number;
  clock?: Clock;
  /** The catalog the statement policy judges functions by: the target's own, unless a test fixes one. */
  catalogOf?: CatalogSource;
}

/** Profiling runs on the job core: a run plans its workload and database, and executes its trials. */
export class RunManager extends Jobs<RunRecord, RunEvent, RunListItem, ParsedRunRequest> {
  constructor(o: RunManagerOptions) {
    super(runKind(o), o);
  }
}

function runKind(o: RunManagerOptions): JobKind<RunRecord, RunEvent, RunListItem, ParsedRunRequest> {
  return {
    label: 'run',
    plural: 'runs',
    logKey: 'run',
    store: o.store,
    limit: o.maxConcurrent ?? 2,
    limitHint: 'Wait for one to finish, or stop one (POST /api/runs/:id/stop), then start again.',
    startedEvent: runStartedEvent,
    replay: replayRun,
    describe: (r) => ({ workload: r.workload.name, strategies: r.settings.strategies }),
    plan: async (req) => {
      const workload = resolveWorkload(o.workloads, req.workload);
      const resolved = await o.resolveTarget(req.target);
      if (req.rolledBack) assertRollbackAllowed(resolved, []);
      const target = req.rolledBack ? { ...resolved, rolledBack: req.rolledBack } : resolved;
      await assertAllowedOn(workload, target, typeof req.workload === 'string', o.catalogOf ?? catalogFor);
      await o.checkWorkload?.(workload, target, typeof req.workload === 'string', req.limits);
      const { workload: _w, target: _t, detached, ...settings } = req;
      const record: RunRecord = {
        ...startingRecord(),
        kind: 'profile',
        settings,
        workload,
        target: req.target,
        database: target.database,
        trials: [],
        summary: null,
      };
      return { record, detached, execute: (job) => executeRun(o.runProfile, record, target, job) };
    },
  };
}

/** Runs the trials; the record's trials grow as they finish, so a read or a save sees them. */
async function executeRun(
  runProfile: RunProfile,
  record: RunRecord,
  target: ResolvedTarget,
  job: JobContext<RunEvent>,
): Promise<JobEnd> {
  const collector = new TrialCollector(record.trials);
  const profile = () =>
    runProfile({
      url: target.url,
      limits: { readOnly: target.readOnly },
      trustedFunctions: target.trustedFunctions,
      workload: record.workload,
      settings: record.settings,
      signal: job.signal,
      onEvent: (event) => {
        collector.add(event);
        job.emit(event);
        if (event.type === 'trial') job.changed();
      },
    });
  const result = record.settings.rolledBack
    ? await withSequencesChecked(target, profile, (summary) => job.emit({ type: 'summary', summary }))
    : await profile();
  record.trials = result.trials;
  record.summary = result.summary;
  return { status: result.status, error: result.error };
}
