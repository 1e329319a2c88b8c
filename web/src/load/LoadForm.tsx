import {
  type DatabaseTarget,
  type FieldIssue,
  loadLimits,
  type SavedWorkloadInfo,
  strategyInfo,
  strategyNames,
  type Workload,
} from '@gatherscope/shared';
import { useState } from 'react';
import { DatabasePicker } from '../connections/DatabasePicker';
import { StatementModeField } from '../ui/StatementModeField';
import { type LoadFormState, plannedTime, savedOption } from './form';
import '../ui/forms.css';

function Field({
  id,
  label,
  value,
  onChange,
  issue,
  unit,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  issue?: string | undefined;
  unit?: string;
}) {
  return (
    <div className="ld-field">
      <label htmlFor={id}>{label}</label>
      <span>
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={issue ? true : undefined}
          aria-describedby={issue ? `${id}-err` : undefined}
        />
        {unit ? <span className="muted"> {unit}</span> : null}
      </span>
      {issue ? (
        <span id={`${id}-err`} className="ld-issue">
          {issue}
        </span>
      ) : null}
    </div>
  );
}

/** A number field of the form: which state key it edits and which request path the server names in its issues. */
interface NumberField {
  id: string;
  label: string;
  unit?: string;
  key: Exclude<keyof LoadFormState, 'workload' | 'strategies' | 'model' | 'sweep'>;
  path: string;
}

const closedFields: NumberField[] = [
  { id: 'ld-vus', label: 'Virtual users', key: 'vus', path: 'model.vus' },
  { id: 'ld-think', label: 'Think time', unit: 'ms', key: 'thinkTimeMs', path: 'model.thinkTimeMs' },
  { id: 'ld-ramp', label: 'Ramp-up', unit: 's', key: 'rampUpS', path: 'model.rampUpS' },
];
const openFields: NumberField[] = [
  { id: 'ld-rate', label: 'Arrival rate', unit: 'req/s', key: 'rate', path: 'model.rate' },
  { id: 'ld-inflight', label: 'Max in flight', key: 'maxInFlight', path: 'model.maxInFlight' },
  { id: 'ld-lag', label: 'Drop when late by', unit: 'ms', key: 'maxLagMs', path: 'model.maxLagMs' },
];
const limitFields: NumberField[] = [
  { id: 'ld-duration', label: 'Duration per strategy', unit: 's', key: 'durationS', path: 'durationS' },
  { id: 'ld-pool', label: 'Pool size', unit: 'connections', key: 'poolSize', path: 'poolSize' },
  { id: 'ld-rtt', label: 'Network RTT', unit: 'ms', key: 'rttMs', path: 'rttMs' },
];
// What the API and CLI accept beyond the everyday settings (`--grace`, `--max-requests`, `--bounded-k`, `--threads`).
const advancedFields: NumberField[] = [
  { id: 'ld-grace', label: 'Grace period', unit: 'ms', key: 'graceMs', path: 'graceMs' },
  {
    id: 'ld-max-requests',
    label: 'Request cap per strategy',
    unit: 'requests',
    key: 'maxRequests',
    path: 'maxRequests',
  },
  { id: 'ld-bounded-k', label: 'Bounded k', unit: 'connections', key: 'boundedK', path: 'boundedK' },
  // Each thread runs an even share of the users and of the pool; empty: the server's cores less one.
  { id: 'ld-threads', label: 'Generator threads', unit: 'empty: cores − 1', key: 'threads', path: 'threads' },
];
const sweepField: NumberField = {
  id: 'ld-sweep',
  label: 'Largest pool',
  key: 'sweepMaxPool',
  path: 'sweep.maxPool',
};
const sweepStepField: NumberField = {
  id: 'ld-sweep-step',
  label: 'Seconds per step',
  unit: 's (1–60)',
  key: 'sweepStepS',
  path: 'sweep.stepDurationS',
};

/** The Load test form: workload, database, strategies, load model and limits. */
export function LoadForm({
  form,
  setForm,
  target,
  setTarget,
  workloads,
  saved,
  issues,
}: {
  form: LoadFormState;
  setForm: (f: LoadFormState) => void;
  target: DatabaseTarget;
  setTarget: (t: DatabaseTarget) => void;
  workloads: readonly Workload[];
  /** Workloads saved from the Profile page's editor: the user's own queries. */
  saved: readonly SavedWorkloadInfo[];
  issues: readonly FieldIssue[];
}) {
  const issue = (path: string) => issues.find((i) => i.path === path)?.message;
  const planned = plannedTime(form);
  // The planned-time sum is shown once, on the planned line; the duration field, which the user
  // most likely changes, is marked with a pointer to it, as soon as the total goes over.
  const overLimit = planned?.problem
    ? `Over the ${loadLimits.maxTestMinutes} min limit of a test: see the planned time below.`
    : undefined;
  const advancedIssue = advancedFields.some((f) => issue(f.path));
  // Opened by the user or by an issue inside, it stays open once the issue is fixed.
  const [advancedOpen, setAdvancedOpen] = useState(false);
  // A saved workload is sent whole: the server names its bad query as `workload.queries.N.sql`.
  const workloadIssues = issues.filter((i) => i.path === 'workload' || i.path.startsWith('workload.'));
  const set =
    <K extends keyof LoadFormState>(k: K) =>
    (v: LoadFormState[K]) =>
      setForm({ ...form, [k]: v });
  const toggle = (s: (typeof strategyNames)[number]) =>
    setForm({
      ...form,
      strategies: form.strategies.includes(s)
        ? form.strategies.filter((x) => x !== s)
        : [...form.strategies, s],
    });
  const field = (f: NumberField) => (
    <Field
      key={f.id}
      id={f.id}
      label={f.label}
      unit={f.unit}
      value={form[f.key]}
      onChange={set(f.key)}
      issue={
        f.path === 'durationS' && planned?.problem
          ? issue(f.path) === planned.problem || !issue(f.path)
            ? overLimit
            : issue(f.path)
          : issue(f.path)
      }
    />
  );
  return (
    <div className="ld-form">
      <DatabasePicker value={target} onChange={setTarget} label="Load" />
      <div className="ld-field">
        <label htmlFor="ld-workload">Workload</label>
        <select id="ld-workload" value={form.workload} onChange={(e) => set('workload')(e.target.value)}>
          <optgroup label="Built-in">
            {workloads.map((w) => (
              <option key={w.name} value={w.name}>
                {w.name} ({w.queries.length} queries)
              </option>
            ))}
          </optgroup>
          {saved.length ? (
            <optgroup label="Saved">
              {saved.map((w) => (
                <option key={w.id} value={savedOption(w.id)}>
                  {w.name} ({w.queries} queries)
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        {workloadIssues.map((i) => (
          <span key={i.path} className="ld-issue">
            {i.path === 'workload' ? '' : `${i.path.slice('workload.'.length)}: `}
            {i.message}
          </span>
        ))}
      </div>
      <fieldset className="pf-fieldset ld-strategies">
        <legend>Strategies (run one after another)</legend>
        {strategyNames.map((s) => (
          <label key={s} title={strategyInfo[s].summary}>
            <input type="checkbox" checked={form.strategies.includes(s)} onChange={() => toggle(s)} />{' '}
            {strategyInfo[s].label}
          </label>
        ))}
        {issue('strategies') ? <span className="ld-issue">{issue('strategies')}</span> : null}
      </fieldset>
      <fieldset className="pf-fieldset ld-model">
        <legend>Load model</legend>
        <label>
          <input
            type="radio"
            name="ld-model"
            checked={form.model === 'closed'}
            onChange={() => set('model')('closed')}
          />{' '}
          Closed: virtual users
        </label>
        <label>
          <input
            type="radio"
            name="ld-model"
            checked={form.model === 'open'}
            onChange={() => set('model')('open')}
          />{' '}
          Open: arrival rate
        </label>
      </fieldset>
      <div className="ld-row">{(form.model === 'closed' ? closedFields : openFields).map(field)}</div>
      <div className="ld-row">{limitFields.map(field)}</div>
      <StatementModeField
        value={form.statementMode}
        onChange={set('statementMode')}
        error={issue('statementMode')}
      />
      {planned ? (
        <p
          role="status"
          aria-label="Planned time"
          className={planned.problem ? 'ld-issue ld-planned' : 'muted ld-planned'}
        >
          {planned.problem ??
            `Planned load time: ${planned.formula} (at most ${loadLimits.maxTestMinutes} min a test).`}
        </p>
      ) : null}
      <details
        className="ld-advanced"
        open={advancedOpen || advancedIssue}
        onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}
      >
        <summary>Advanced: grace period, request cap, bounded k, generator threads</summary>
        <p className="muted">
          After each strategy's duration, requests still running get the grace period, then are cancelled on
          the server. The request cap applies to each strategy (and each sweep step) on its own. Bounded k:
          connections one request may hold at once under the bounded strategy.
        </p>
        <div className="ld-row">{advancedFields.map(field)}</div>
      </details>
      <div className="ld-row">
        <label className="ld-check">
          <input type="checkbox" checked={form.sweep} onChange={(e) => set('sweep')(e.target.checked)} />{' '}
          Pool-size sweep afterwards
        </label>
        {form.sweep ? [field(sweepField), field(sweepStepField)] : null}
      </div>
    </div>
  );
}
