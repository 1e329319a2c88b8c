import type { RunRecord, Workload } from '@gatherscope/shared';
import { draftFromWorkload } from '../workload-editor/draft';
import type { RunSetup } from './setup';
import type { WorkloadChoice } from './WorkloadChooser';

/**
 * The form as a stored run left it, so that reloading `/profile?run=…` shows that run's settings
 * and workload instead of the defaults: the built-in workload by name when the run used it
 * unchanged, else the run's workload as a custom one.
 */
export function formFromRun(
  run: Pick<RunRecord, 'settings' | 'target' | 'workload'>,
  builtins: readonly Workload[],
): { setup: RunSetup; choice: WorkloadChoice } {
  const builtin = builtins.find((w) => w.name === run.workload.name);
  const unchanged = builtin !== undefined && JSON.stringify(builtin) === JSON.stringify(run.workload);
  return {
    setup: { ...run.settings, target: run.target },
    choice: unchanged
      ? { mode: 'builtin', name: run.workload.name }
      : { mode: 'custom', draft: draftFromWorkload(run.workload) },
  };
}
