import type { DatabaseTarget, LoadTestRecord, SavedWorkloadInfo, Workload } from '@gatherscope/shared';
import { defaultLoadForm, type LoadFormState, savedOption } from './form';

/**
 * The form as a stored load test left it, so that opening `/load/<id>` shows the settings the test
 * ran with instead of the defaults. The workload is the built-in of that name when the test used it
 * unchanged, else the saved workload of that name; a workload that is neither stays as the default
 * choice (the test's heading still names it). Fields of the other load model keep their defaults.
 */
export function formFromLoadTest(
  test: Pick<LoadTestRecord, 'settings' | 'workload'> & { target?: DatabaseTarget | undefined },
  builtins: readonly Workload[],
  saved: readonly SavedWorkloadInfo[],
): { form: LoadFormState; target: DatabaseTarget | undefined } {
  const s = test.settings;
  const builtin = builtins.find((w) => w.name === test.workload.name);
  const unchanged = builtin !== undefined && JSON.stringify(builtin) === JSON.stringify(test.workload);
  const savedMatch = saved.find((w) => w.name === test.workload.name);
  const workload = unchanged
    ? test.workload.name
    : savedMatch
      ? savedOption(savedMatch.id)
      : defaultLoadForm.workload;
  const m = s.model;
  const model =
    m.kind === 'closed'
      ? {
          model: 'closed' as const,
          vus: `${m.vus}`,
          thinkTimeMs: `${m.thinkTimeMs}`,
          rampUpS: `${m.rampUpS}`,
        }
      : {
          model: 'open' as const,
          rate: `${m.rate}`,
          maxInFlight: `${m.maxInFlight}`,
          maxLagMs: `${m.maxLagMs}`,
        };
  return {
    form: {
      ...defaultLoadForm,
      ...model,
      workload,
      strategies: [...s.strategies],
      durationS: `${s.durationS}`,
      poolSize: `${s.poolSize}`,
      rttMs: `${s.rttMs}`,
      graceMs: `${s.graceMs}`,
      maxRequests: `${s.maxRequests}`,
      boundedK: `${s.boundedK}`,
      threads: s.threads === undefined ? '' : `${s.threads}`,
      statementMode: s.statementMode,
      sweep: s.sweep !== undefined,
      ...(s.sweep ? { sweepMaxPool: `${s.sweep.maxPool}`, sweepStepS: `${s.sweep.stepDurationS}` } : {}),
    },
    target: test.target,
  };
}

/**
 * The form each test was started with, by test id. Start navigates to `/load/<id>`, which mounts the
 * page afresh (the shell keys pages by path); the new page takes the form from here, as the user
 * left it, rather than rebuilding it from the stored test.
 */
const started = new Map<string, { form: LoadFormState; target: DatabaseTarget }>();

export const keepStartedForm = (id: string, form: LoadFormState, target: DatabaseTarget) =>
  started.set(id, { form, target });

export const startedForm = (id: string | undefined) => (id ? started.get(id) : undefined);
