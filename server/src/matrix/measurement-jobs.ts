import type { Measurement, ScenarioId } from '@gatherscope/shared';
import { Jobs } from '../jobs/jobs';
import { startingRecord } from '../jobs/record';
import type { EndEvent, JobRecord, JobStore } from '../jobs/types';
import type { LogFn } from '../logging/logger';
import type { MatrixStore } from './store';

/** One measurement of the decision matrix: a scenario's preset, or a detector finding's confirmation. */
export interface MatrixJob extends JobRecord {
  /** Names it in messages: `The preset "Blog or CMS"`. */
  what: string;
  /** The preset's scenario; null for a confirmation. */
  scenario: ScenarioId | null;
  measurement: Measurement | null;
}

/** A matrix measurement is not streamed; its log holds its start and its end, as every job's does. */
export type MatrixJobEvent = { type: 'started'; what: string } | EndEvent;

export interface MatrixJobRequest {
  what: string;
  scenario: ScenarioId | null;
  /** Measures; a preset resolves its measurement (kept as the scenario's latest), a confirmation null. */
  work(signal: AbortSignal): Promise<Measurement | null>;
}

/**
 * The matrix's measurements are kept as the latest per scenario (`MatrixStore`), not one record per
 * job: a finished preset's measurement is saved there, and nothing else is stored.
 */
function latestPerScenario(store: MatrixStore): JobStore<MatrixJob, never> {
  return {
    save: async (job) => {
      if (job.status === 'completed' && job.measurement) await store.save(job.measurement);
    },
    get: async () => undefined,
    delete: async () => false,
    list: () => [],
  };
}

/**
 * Matrix measurements on the job core, one at a time: two presets, or a preset and a confirmation,
 * running together would load the same database and measure each other.
 */
export function matrixJobs(
  store: MatrixStore,
  log: LogFn,
): Jobs<MatrixJob, MatrixJobEvent, never, MatrixJobRequest> {
  return new Jobs<MatrixJob, MatrixJobEvent, never, MatrixJobRequest>(
    {
      label: 'matrix measurement',
      plural: 'matrix measurements',
      logKey: 'matrix_job',
      store: latestPerScenario(store),
      limit: 1,
      limitHint:
        'The decision matrix measures one thing at a time (presets and detector confirmations), so they do not measure each other: wait for it to finish, or stop it, then try again.',
      busyMessage: (running) => `${running.what} is still running.`,
      startedEvent: (job) => ({ type: 'started', what: job.what }),
      replay: () => ({ body: [], ending: [] }),
      describe: (job) => ({ what: job.what }),
      plan: async (req) => {
        const record: MatrixJob = {
          ...startingRecord(),
          what: req.what,
          scenario: req.scenario,
          measurement: null,
        };
        return {
          record,
          // The request that started it is its viewer (attached by the service).
          detached: false,
          execute: async (job) => {
            record.measurement = await req.work(job.signal);
            return { status: 'completed' };
          },
        };
      },
    },
    { log },
  );
}
