import { type DatabaseTarget, type FieldIssue, strategyInfo } from '@gatherscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiRequestError } from '../api/client';
import { navigate } from '../ui/router';
import { builtinWorkloadsQuery, loadSavedWorkload, savedWorkloadsQuery } from '../workload-editor/api';
import { createLoadTest, loadKeys, stopLoadTest, useLiveLoadTest } from './api';
import { FormExport, TestExport } from './ExportScripts';
import {
  buildLoadRequest,
  defaultLoadForm,
  describeSettings,
  type LoadFormState,
  loadFieldLabel,
  presetForm,
  savedWorkloadId,
  validateLoadForm,
} from './form';
import { LiveCharts } from './LiveCharts';
import { LoadForm } from './LoadForm';
import { LoadSharePanel } from './LoadSharePanel';
import { DistributionChart, SweepCharts } from './ResultCharts';
import { ResultsTable } from './ResultsTable';
import { formFromLoadTest, keepStartedForm, startedForm } from './restore';
import './load.css';

/** Load test: many virtual users or an arrival rate; live per-second charts, then results and the sweep. */
export function LoadTestPage({ id }: { id?: string | undefined }) {
  const client = useQueryClient();
  const workloads = useQuery(builtinWorkloadsQuery());
  const saved = useQuery(savedWorkloadsQuery());
  // Started from this form: the form as the user left it; opened by its URL: restored from the test.
  const kept = startedForm(id);
  const [form, setForm] = useState<LoadFormState>(kept?.form ?? defaultLoadForm);
  const [target, setTarget] = useState<DatabaseTarget>(kept?.target ?? { kind: 'default' });
  const [serverIssues, setIssues] = useState<FieldIssue[]>([]);
  // After a first Start, the form is checked with the shared schema as the user edits it, so each
  // field's message comes and goes with its value; the server's issues (a saved workload's) stay.
  const [tried, setTried] = useState(false);
  const local = tried ? validateLoadForm(form, target) : [];
  const issues = local.length ? local : serverIssues;
  const test = useLiveLoadTest(id);
  const restored = useRef(kept !== undefined);
  const opened = test.data;
  useEffect(() => {
    if (restored.current || !opened || !workloads.data || saved.isPending) return;
    restored.current = true;
    const r = formFromLoadTest(opened, workloads.data.workloads, saved.data?.workloads ?? []);
    setForm(r.form);
    if (r.target) setTarget(r.target);
  }, [opened, workloads.data, saved.isPending, saved.data]);

  const start = useMutation({
    mutationFn: async ({ f, to }: { f: LoadFormState; to: DatabaseTarget }) => {
      const savedId = savedWorkloadId(f.workload);
      return createLoadTest(buildLoadRequest(f, to, savedId ? await loadSavedWorkload(savedId) : f.workload));
    },
    onSuccess: (created, { f, to }) => {
      setIssues([]);
      keepStartedForm(created.id, f, to);
      void client.invalidateQueries({ queryKey: loadKeys.all, exact: true });
      navigate(`/load/${encodeURIComponent(created.id)}`);
    },
    onError: (e) => setIssues(e instanceof ApiRequestError ? e.issues : []),
  });
  const stop = useMutation({ mutationFn: stopLoadTest });
  const t = test.data;
  const running = t?.status === 'running';

  return (
    <div className="page ld">
      <h1 id="page-title">Load test</h1>
      <p className="lead">
        Many virtual users (closed model) or a fixed arrival rate (open model, latency counted from each
        request’s scheduled start) against a workload, strategy after strategy on the same database.
      </p>
      <form
        aria-label="Load test settings"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (validateLoadForm(form, target).length === 0) start.mutate({ f: form, to: target });
        }}
      >
        <LoadForm
          form={form}
          setForm={setForm}
          target={target}
          setTarget={setTarget}
          workloads={workloads.data?.workloads ?? []}
          saved={saved.data?.workloads ?? []}
          issues={issues}
        />
        <div className="ld-actions">
          <button type="submit" className="primary" disabled={start.isPending || running}>
            Start load test
          </button>
          <button type="button" onClick={() => setForm(presetForm())}>
            Preset: 100 users, 4-query dashboard
          </button>
          {running && id ? (
            <button type="button" onClick={() => stop.mutate(id)} disabled={stop.isPending}>
              Stop
            </button>
          ) : null}
        </div>
        <FormExport form={form} target={target} />
        {local[0] ? (
          <p className="error-box" role="alert">
            The load test settings are not valid: {loadFieldLabel(local[0].path)}: {local[0].message} Fix the
            fields marked above.
          </p>
        ) : start.error ? (
          <p className="error-box" role="alert">
            {start.error.message}
            {start.error instanceof ApiRequestError && start.error.hint ? `\n${start.error.hint}` : ''}
          </p>
        ) : null}
      </form>

      {id && test.error ? (
        <p className="error-box" role="alert">
          {test.error.message}
        </p>
      ) : null}
      {t ? (
        <section className="ld-test" aria-labelledby="ld-test-title">
          <h2 id="ld-test-title">
            {t.workload.name} on {t.database.label}
          </h2>
          <p className="muted">{describeSettings(t.settings)}</p>
          <p role="status" aria-label="Load test status" className="ld-status">
            {running
              ? t.phase
                ? `Running: ${strategyInfo[t.phase.strategy].label}${t.phase.stage === 'sweep' ? ` (sweep, pool ${t.phase.poolSize})` : ''}…`
                : 'Starting…'
              : `Load test ${t.status}.`}
            {test.stream.state === 'reconnecting' ? ' Reconnecting to the live stream…' : ''}
          </p>
          {t.error ? (
            <p className="error-box" role="alert">
              {t.error.message}
              {t.error.hint ? `\n${t.error.hint}` : ''}
            </p>
          ) : null}
          {running ? null : <TestExport test={t} />}
          <LiveCharts
            series={t.series}
            strategies={t.settings.strategies}
            model={t.settings.model.kind}
            ended={!running}
          />
          {t.results.length ? (
            <section aria-labelledby="ld-results-title">
              <h2 id="ld-results-title">Results</h2>
              <p className="muted">
                Each strategy's pool was opened before measuring: the seconds exclude connecting.
              </p>
              {t.verdict ? <p className="ld-verdict">{t.verdict}</p> : null}
              <ResultsTable
                results={t.results}
                cancelledBy={t.error?.code === 'job_unwatched' ? 'when its page was closed' : 'by Stop'}
              />
              <div className="ld-charts">
                <DistributionChart results={t.results} />
              </div>
            </section>
          ) : null}
          {t.sweep.length ? <SweepCharts points={t.sweep} /> : null}
          <LoadSharePanel test={t} />
        </section>
      ) : null}
    </div>
  );
}
