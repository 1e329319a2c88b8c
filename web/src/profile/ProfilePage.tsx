import {
  type FieldIssue,
  formatCount,
  type ResultColumn,
  type Workload,
  workloadCheckIssues,
} from '@gatherscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError } from '../api/client';
import { createRun, invalidateRunLists, liveRunQuery, runRecordQuery } from '../api/runs';
import { getCurrentTarget } from '../connections/current-target';
import { DatabasePicker } from '../connections/DatabasePicker';
import { navigate, useLocation } from '../ui/router';
import { builtinWorkloadsQuery, checkWorkload } from '../workload-editor/api';
import { workloadFromDraft } from '../workload-editor/draft';
import { issuesByField, validateWorkload } from '../workload-editor/issues';
import { issuesAfterEdit } from './edited-issues';
import { RunView } from './RunView';
import { formFromRun } from './restore';
import { SettingsFields } from './SettingsFields';
import { buildRequest, defaultSetup, normalizeRunIssues, type RunSetup, unplacedRunIssues } from './setup';
import { useWorkloadChoice } from './useWorkloadChoice';
import { type WorkloadChoice, WorkloadChooser } from './WorkloadChooser';
import '../ui/forms.css';

/** Profile: choose a database, a workload and strategies; run; watch the timelines fill in live. */
export function ProfilePage() {
  const { search } = useLocation();
  const runId = new URLSearchParams(search).get('run') ?? undefined;
  const client = useQueryClient();
  const builtins = useQuery(builtinWorkloadsQuery());
  // The database being worked on stays chosen when the user comes back from another page.
  const [setup, setSetup] = useState<RunSetup>(() => ({ ...defaultSetup, target: getCurrentTarget() }));
  const stored = useWorkloadChoice();
  const { picked } = stored;
  const [issues, setIssuesNow] = useState<FieldIssue[]>([]);
  const form = useRef<HTMLFormElement>(null);
  const focusIssue = useRef(false);
  /** New messages from Run or Check: the first marked field gets the focus (not the button pressed). */
  const setIssues = (list: FieldIssue[], focus = false) => {
    focusIssue.current = focus && list.length > 0;
    setIssuesNow(list);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after the messages are drawn, to focus the first one.
  useEffect(() => {
    if (!focusIssue.current) return;
    focusIssue.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [issues]);
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
    const restoredForm = formFromRun(opened.data, builtins.data.workloads);
    setSetup(restoredForm.setup);
    stored.show(restoredForm.choice);
    setIssuesNow([]);
  }, [runId, opened.data, builtins.data, stored.show]);
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
      if (e instanceof ApiRequestError && e.issues.length) setIssues(normalizeRunIssues(e.issues), true);
    },
  });
  // The result columns of each query, from the last check: what "from a dependency" offers.
  const [columns, setColumns] = useState<Map<string, ResultColumn[]>>(new Map());
  const [checked, setChecked] = useState<string | null>(null);
  const check = useMutation({
    mutationFn: checkWorkload,
    onSuccess: (r) =>
      setColumns(new Map(r.queries.flatMap((q) => (q.ok ? [[q.queryId, q.columns] as const] : [])))),
  });
  /** Parses and describes each query on the chosen database (nothing runs); true when all of them can run. */
  const checkOnDatabase = async (workload: Workload): Promise<boolean> => {
    setChecked(null);
    const r = await check
      .mutateAsync({ workload, target: setup.target, limits: setup.limits })
      .catch(() => null);
    if (!r) return false;
    const found = workloadCheckIssues(workload, r.queries, 'workload.');
    setIssues(found, true);
    if (found.length === 0) {
      const n = r.queries.length;
      setChecked(
        `${n === 1 ? 'The query parses' : `All ${n} queries parse`} on ${r.database.label} (${r.database.name}, PostgreSQL ${r.database.serverVersion}).`,
      );
    }
    return found.length === 0;
  };

  // The editor's issue paths start at the workload (`queries.1.sql`); the form's at the request.
  const setWorkloadIssues = (list: FieldIssue[], focus = false) =>
    setIssues(
      list.map((i) => ({ ...i, path: `workload.${i.path}` })),
      focus,
    );

  /** The custom workload, or null with its problems marked at their fields. */
  const validDraft = (): Workload | null => {
    if (choice.mode !== 'custom') return null;
    const c = validateWorkload(workloadFromDraft(choice.draft));
    if ('issues' in c) {
      setWorkloadIssues(c.issues, true);
      return null;
    }
    return c.workload;
  };

  const start = async () => {
    if (choice.mode === 'builtin') return run.mutate(buildRequest(setup, choice.name));
    const workload = validDraft();
    // Checked on the database first: a bad table or column is marked at its query, and no trial runs.
    if (workload && (await checkOnDatabase(workload))) run.mutate(buildRequest(setup, workload));
  };

  // The form as the request it will become, so issue paths (`workload.queries.1.sql`) point into it.
  const asRequest = (s: RunSetup, c: WorkloadChoice) => ({
    ...s,
    workload: c.mode === 'builtin' ? c.name : workloadFromDraft(c.draft),
  });
  /** Applies an edit of the form, keeping the messages of the fields it did not change. */
  const edit = (next: { setup?: RunSetup; choice?: WorkloadChoice }) => {
    const after = asRequest(next.setup ?? setup, next.choice ?? choice);
    setIssuesNow((list) => issuesAfterEdit(list, asRequest(setup, choice), after));
    if (next.setup) setSetup(next.setup);
    if (next.choice) stored.choose(next.choice);
    setChecked(null);
  };

  const workloadIssues = useMemo(() => issuesByField(issues, 'workload.'), [issues]);
  const unplaced = unplacedRunIssues(issues, choice.mode === 'custom');
  const settingIssues = useMemo(
    () => issuesByField(issues.filter((i) => !i.path.startsWith('workload.'))),
    [issues],
  );
  const failure = run.error ?? check.error;
  const hint = failure instanceof ApiRequestError ? failure.hint : undefined;
  const pending = run.isPending || check.isPending;

  return (
    <div className="page pf">
      <h1 id="page-title">Profile</h1>
      <p className="lead">
        Run a dashboard’s queries under several strategies against a real PostgreSQL and watch the execution
        timelines fill in.
      </p>
      <form
        ref={form}
        className="pf-form"
        aria-label="Run setup"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <DatabasePicker value={setup.target} onChange={(target) => edit({ setup: { ...setup, target } })} />
        <WorkloadChooser
          choice={choice}
          onChange={(c) => edit({ choice: c })}
          issues={workloadIssues}
          onIssues={setWorkloadIssues}
          savedDraft={stored.draft}
          onDiscard={() => {
            setIssues([]);
            stored.discard(preferred?.name ?? '');
          }}
          columns={columns}
        />
        <SettingsFields setup={setup} onChange={(next) => edit({ setup: next })} issues={settingIssues} />
        <div className="pf-actions">
          <button
            type="submit"
            className="primary pf-run-button"
            disabled={busy || pending || (choice.mode === 'builtin' && !choice.name)}
            aria-describedby={busy ? 'pf-run-busy' : undefined}
          >
            {check.isPending ? 'Checking…' : run.isPending ? 'Starting…' : 'Run'}
          </button>
          {choice.mode === 'custom' ? (
            <button
              type="button"
              disabled={pending}
              onClick={() => {
                const workload = validDraft();
                if (workload) void checkOnDatabase(workload);
              }}
            >
              Check SQL
            </button>
          ) : null}
          {checked ? (
            <p className="status-ok" role="status">
              {checked}
            </p>
          ) : null}
          {busy ? (
            <p id="pf-run-busy" className="muted">
              Stop the running run first.
            </p>
          ) : null}
          {failure ? (
            <p className="error-box" role="alert">
              {failure.message}
              {hint ? `\n${hint}` : ''}
            </p>
          ) : null}
          {issues.length && !failure ? (
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
