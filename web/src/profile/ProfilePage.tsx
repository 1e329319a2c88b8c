import { type FieldIssue, formatCount } from '@gatherscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError } from '../api/client';
import { createRun, invalidateRunLists, liveRunQuery, runRecordQuery } from '../api/runs';
import { DatabasePicker } from '../connections/DatabasePicker';
import { navigate, useLocation } from '../ui/router';
import { builtinWorkloadsQuery } from '../workload-editor/api';
import { workloadFromDraft } from '../workload-editor/draft';
import { issuesByField, validateWorkload } from '../workload-editor/issues';
import { issuesAfterEdit } from './edited-issues';
import { RunView } from './RunView';
import { formFromRun } from './restore';
import { SettingsFields } from './SettingsFields';
import { buildRequest, defaultSetup, normalizeRunIssues, type RunSetup, unplacedRunIssues } from './setup';
import { type WorkloadChoice, WorkloadChooser } from './WorkloadChooser';
import '../ui/forms.css';

/** Profile: choose a database, a workload and strategies; run; watch the timelines fill in live. */
export function ProfilePage() {
  const { search } = useLocation();
  const runId = new URLSearchParams(search).get('run') ?? undefined;
  const client = useQueryClient();
  const builtins = useQuery(builtinWorkloadsQuery());
  const [setup, setSetup] = useState<RunSetup>(defaultSetup);
  const [picked, setPicked] = useState<WorkloadChoice | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const results = useRef<HTMLDivElement>(null);
  const started = useRef<string | null>(null);
  // A run started here scrolls its live timelines into view; opening a run by its URL does not.
  useEffect(() => {
    if (runId && started.current === runId)
      results.current?.scrollIntoView({
        behavior: window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
        block: 'start',
      });
  }, [runId]);
  // Opened by its URL (a reload, a shared link): the form shows that run's settings, not the defaults.
  const opened = useQuery({ ...runRecordQuery(runId ?? ''), enabled: Boolean(runId) });
  const restored = useRef<string | null>(null);
  useEffect(() => {
    if (!runId || !opened.data || !builtins.data || restored.current === runId) return;
    restored.current = runId;
    if (started.current === runId) return;
    const form = formFromRun(opened.data, builtins.data.workloads);
    setSetup(form.setup);
    setPicked(form.choice);
    setIssues([]);
  }, [runId, opened.data, builtins.data]);
  // A new run would replace the shown one on this page while it goes on unseen: stop it first.
  const shown = useQuery({ ...liveRunQuery(runId ?? ''), enabled: Boolean(runId) });
  const busy = shown.data?.status === 'running';
  const preferred =
    builtins.data?.workloads.find((w) => w.name === 'slow-dashboard') ?? builtins.data?.workloads[0];
  const choice: WorkloadChoice = picked ?? { mode: 'builtin', name: preferred?.name ?? '' };

  const run = useMutation({
    mutationFn: createRun,
    onSuccess: (created) => {
      setIssues([]);
      started.current = created.id;
      invalidateRunLists(client);
      navigate(`/profile?run=${encodeURIComponent(created.id)}`);
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && e.issues.length) setIssues(normalizeRunIssues(e.issues));
    },
  });

  // The editor's issue paths start at the workload (`queries.1.sql`); the form's at the request.
  const setWorkloadIssues = (list: FieldIssue[]) =>
    setIssues(list.map((i) => ({ ...i, path: `workload.${i.path}` })));

  const start = () => {
    if (choice.mode === 'builtin') return run.mutate(buildRequest(setup, choice.name));
    const c = validateWorkload(workloadFromDraft(choice.draft));
    if ('issues' in c) return setWorkloadIssues(c.issues);
    run.mutate(buildRequest(setup, c.workload));
  };

  // The form as the request it will become, so issue paths (`workload.queries.1.sql`) point into it.
  const asRequest = (s: RunSetup, c: WorkloadChoice) => ({
    ...s,
    workload: c.mode === 'builtin' ? c.name : workloadFromDraft(c.draft),
  });
  /** Applies an edit of the form, keeping the messages of the fields it did not change. */
  const edit = (next: { setup?: RunSetup; choice?: WorkloadChoice }) => {
    const after = asRequest(next.setup ?? setup, next.choice ?? choice);
    setIssues((list) => issuesAfterEdit(list, asRequest(setup, choice), after));
    if (next.setup) setSetup(next.setup);
    if (next.choice) setPicked(next.choice);
  };

  const workloadIssues = useMemo(() => issuesByField(issues, 'workload.'), [issues]);
  const unplaced = unplacedRunIssues(issues, choice.mode === 'custom');
  const settingIssues = useMemo(
    () => issuesByField(issues.filter((i) => !i.path.startsWith('workload.'))),
    [issues],
  );
  const hint = run.error instanceof ApiRequestError ? run.error.hint : undefined;

  return (
    <div className="page pf">
      <h1 id="page-title">Profile</h1>
      <p className="lead">
        Run a dashboard’s queries under several strategies against a real PostgreSQL and watch the execution
        timelines fill in.
      </p>
      <form
        className="pf-form"
        aria-label="Run setup"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <DatabasePicker value={setup.target} onChange={(target) => edit({ setup: { ...setup, target } })} />
        <WorkloadChooser
          choice={choice}
          onChange={(c) => edit({ choice: c })}
          issues={workloadIssues}
          onIssues={setWorkloadIssues}
        />
        <SettingsFields setup={setup} onChange={(next) => edit({ setup: next })} issues={settingIssues} />
        <div className="pf-actions">
          <button
            type="submit"
            className="primary pf-run-button"
            disabled={busy || run.isPending || (choice.mode === 'builtin' && !choice.name)}
            aria-describedby={busy ? 'pf-run-busy' : undefined}
          >
            {run.isPending ? 'Starting…' : 'Run'}
          </button>
          {busy ? (
            <p id="pf-run-busy" className="muted">
              Stop the running run first.
            </p>
          ) : null}
          {run.error ? (
            <p className="error-box" role="alert">
              {run.error.message}
              {hint ? `\n${hint}` : ''}
            </p>
          ) : null}
          {issues.length && !run.error ? (
            <p className="pf-error" role="alert">
              Fix the marked fields: {formatCount(issues.length, 'problem')}.
            </p>
          ) : null}
          {unplaced.length ? (
            <ul className="pf-error">
              {unplaced.map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  {i.path}: {i.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </form>
      {runId ? (
        <div ref={results} className="pf-results">
          <RunView key={runId} id={runId} permalink />
        </div>
      ) : (
        <p className="muted">No run yet: press Run to start one.</p>
      )}
    </div>
  );
}
