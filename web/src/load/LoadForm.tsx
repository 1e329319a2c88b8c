import {
  type DatabaseTarget,
  type FieldIssue,
  strategyInfo,
  strategyNames,
  type Workload,
} from '@gatherscope/shared';
import { DatabasePicker } from '../connections/DatabasePicker';
import type { LoadFormState } from './form';

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

/** The Load test form: workload, database, strategies, load model and limits. */
export function LoadForm({
  form,
  setForm,
  target,
  setTarget,
  workloads,
  issues,
}: {
  form: LoadFormState;
  setForm: (f: LoadFormState) => void;
  target: DatabaseTarget;
  setTarget: (t: DatabaseTarget) => void;
  workloads: readonly Workload[];
  issues: readonly FieldIssue[];
}) {
  const issue = (path: string) => issues.find((i) => i.path === path)?.message;
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
  return (
    <div className="ld-form">
      <DatabasePicker value={target} onChange={setTarget} />
      <div className="ld-field">
        <label htmlFor="ld-workload">Workload</label>
        <select id="ld-workload" value={form.workload} onChange={(e) => set('workload')(e.target.value)}>
          {workloads.map((w) => (
            <option key={w.name} value={w.name}>
              {w.name} ({w.queries.length} queries)
            </option>
          ))}
        </select>
        {issue('workload') ? <span className="ld-issue">{issue('workload')}</span> : null}
      </div>
      <fieldset className="ld-strategies">
        <legend>Strategies (run one after another)</legend>
        {strategyNames.map((s) => (
          <label key={s} title={strategyInfo[s].summary}>
            <input type="checkbox" checked={form.strategies.includes(s)} onChange={() => toggle(s)} />{' '}
            {strategyInfo[s].label}
          </label>
        ))}
        {issue('strategies') ? <span className="ld-issue">{issue('strategies')}</span> : null}
      </fieldset>
      <fieldset className="ld-model">
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
      {form.model === 'closed' ? (
        <div className="ld-row">
          <Field
            id="ld-vus"
            label="Virtual users"
            value={form.vus}
            onChange={set('vus')}
            issue={issue('model.vus')}
          />
          <Field
            id="ld-think"
            label="Think time"
            unit="ms"
            value={form.thinkTimeMs}
            onChange={set('thinkTimeMs')}
            issue={issue('model.thinkTimeMs')}
          />
          <Field
            id="ld-ramp"
            label="Ramp-up"
            unit="s"
            value={form.rampUpS}
            onChange={set('rampUpS')}
            issue={issue('model.rampUpS')}
          />
        </div>
      ) : (
        <div className="ld-row">
          <Field
            id="ld-rate"
            label="Arrival rate"
            unit="req/s"
            value={form.rate}
            onChange={set('rate')}
            issue={issue('model.rate')}
          />
          <Field
            id="ld-inflight"
            label="Max in flight"
            value={form.maxInFlight}
            onChange={set('maxInFlight')}
            issue={issue('model.maxInFlight')}
          />
          <Field
            id="ld-lag"
            label="Drop when late by"
            unit="ms"
            value={form.maxLagMs}
            onChange={set('maxLagMs')}
            issue={issue('model.maxLagMs')}
          />
        </div>
      )}
      <div className="ld-row">
        <Field
          id="ld-duration"
          label="Duration per strategy"
          unit="s"
          value={form.durationS}
          onChange={set('durationS')}
          issue={issue('durationS')}
        />
        <Field
          id="ld-pool"
          label="Pool size"
          unit="connections"
          value={form.poolSize}
          onChange={set('poolSize')}
          issue={issue('poolSize')}
        />
        <Field
          id="ld-rtt"
          label="Network RTT"
          unit="ms"
          value={form.rttMs}
          onChange={set('rttMs')}
          issue={issue('rttMs')}
        />
      </div>
      <div className="ld-row">
        <label className="ld-check">
          <input type="checkbox" checked={form.sweep} onChange={(e) => set('sweep')(e.target.checked)} />{' '}
          Pool-size sweep afterwards (5 s per step)
        </label>
        {form.sweep ? (
          <Field
            id="ld-sweep"
            label="Largest pool"
            value={form.sweepMaxPool}
            onChange={set('sweepMaxPool')}
            issue={issue('sweep.maxPool')}
          />
        ) : null}
      </div>
    </div>
  );
}
