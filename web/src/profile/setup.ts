import type { DatabaseTarget, FieldIssue, RunRequest, RunSettings, Workload } from '@gatherscope/shared';
import { strategyNames } from '@gatherscope/shared';

/** Settings of the run form, as the form holds them: the run's settings and the database to run on. */
export type RunSetup = RunSettings & { target: DatabaseTarget };

export const defaultSetup: RunSetup = {
  target: { kind: 'default' },
  strategies: ['sequential', 'concurrent', 'single-connection'],
  trials: 10,
  warmup: 2,
  poolSize: 10,
  boundedK: 2,
  rttMs: 0,
  jitterMs: 0,
  coldConnections: false,
  statementMode: 'extended',
};

/** The run request for the chosen workload (a built-in by name, or a full custom workload). */
export function buildRequest(setup: RunSetup, workload: string | Workload): RunRequest {
  // Strategies in their canonical order, whatever order they were ticked in: panels line up run to run.
  const strategies = strategyNames.filter((s) => setup.strategies.includes(s));
  return { ...setup, workload, strategies };
}

/**
 * Issue paths of a run request all start at the request (`workload.queries.1.sql`), except those of
 * checks that look at the workload alone (the read-only statement policy says `queries.1.sql`):
 * give those the `workload.` prefix so they land at the editor's fields too.
 */
export function normalizeRunIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((i) =>
    /^(queries|name|description)(\.|$)/.test(i.path) ? { ...i, path: `workload.${i.path}` } : i,
  );
}

const settingFields = new Set([
  'strategies',
  'trials',
  'warmup',
  'poolSize',
  'boundedK',
  'rttMs',
  'jitterMs',
  'statementMode',
  'limits',
]);

/**
 * Issues no field of the form shows: a settings field shows its own, the workload editor those under
 * `workload.` (custom workloads only). The rest are listed next to the Run button.
 */
export function unplacedRunIssues(issues: readonly FieldIssue[], customWorkload: boolean): FieldIssue[] {
  return issues.filter((i) => {
    const head = i.path.split('.')[0] ?? '';
    if (settingFields.has(head)) return false;
    return !(customWorkload && i.path.startsWith('workload.'));
  });
}
