import { type StrategyName, strategyInfo, strategyNames } from '@gatherscope/shared';
import { useId } from 'react';
import { StatementModeField } from '../ui/StatementModeField';
import { issueAt } from '../workload-editor/issues';
import { LimitsFields } from './LimitsFields';
import type { RunSetup } from './setup';

function NumberField({
  label,
  value,
  min,
  max,
  onChange,
  error,
  help,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
  error: string | undefined;
  help?: string;
}) {
  const errorId = useId();
  return (
    <label className="pf-field" title={help}>
      <span>{label}</span>
      <input
        type="number"
        className="we-num"
        min={min}
        max={max}
        value={Number.isFinite(value) ? value : ''}
        onChange={(e) => onChange(e.target.valueAsNumber)}
        aria-invalid={Boolean(error)}
        aria-describedby={errorId}
      />
      <span id={errorId} className="pf-error">
        {error}
      </span>
    </label>
  );
}

/** Strategies, trials, warm-up, pool size, k, network RTT, connection reuse and statement mode. */
export function SettingsFields({
  setup,
  onChange,
  issues,
}: {
  setup: RunSetup;
  onChange: (s: RunSetup) => void;
  issues: Map<string, string[]>;
}) {
  const set = <K extends keyof RunSetup>(k: K, v: RunSetup[K]) => onChange({ ...setup, [k]: v });
  const toggle = (s: StrategyName, on: boolean) =>
    set('strategies', on ? [...setup.strategies, s] : setup.strategies.filter((x) => x !== s));
  const strategiesErr = issueAt(issues, 'strategies', true);
  const uid = useId();
  return (
    <>
      <fieldset className="pf-fieldset" aria-describedby={`${uid}-strategies`}>
        <legend>Strategies</legend>
        <div className="pf-strategies">
          {strategyNames.map((s) => (
            <label key={s} className="pf-check" title={strategyInfo[s].summary}>
              <input
                type="checkbox"
                checked={setup.strategies.includes(s)}
                onChange={(e) => toggle(s, e.target.checked)}
              />
              {strategyInfo[s].label}
            </label>
          ))}
        </div>
        <span id={`${uid}-strategies`} className="pf-error">
          {strategiesErr}
        </span>
      </fieldset>
      <fieldset className="pf-fieldset">
        <legend>Settings</legend>
        <div className="pf-row">
          <NumberField
            label="Trials"
            value={setup.trials}
            min={1}
            max={500}
            onChange={(n) => set('trials', n)}
            error={issueAt(issues, 'trials')}
          />
          <NumberField
            label="Warm-up"
            value={setup.warmup}
            min={0}
            max={50}
            onChange={(n) => set('warmup', n)}
            error={issueAt(issues, 'warmup')}
          />
          <NumberField
            label="Pool size"
            value={setup.poolSize}
            min={1}
            max={100}
            onChange={(n) => set('poolSize', n)}
            error={issueAt(issues, 'poolSize')}
            help="Connections of the concurrent and dependency-aware strategies"
          />
          <NumberField
            label="Bounded k"
            value={setup.boundedK}
            min={1}
            max={100}
            onChange={(n) => set('boundedK', n)}
            error={issueAt(issues, 'boundedK')}
            help="At most k queries in flight in the bounded strategy"
          />
          <label className="pf-field pf-slider">
            <span>
              Network RTT <output>{setup.rttMs} ms</output>
            </span>
            <input
              type="range"
              min={0}
              max={200}
              step={1}
              value={setup.rttMs}
              onChange={(e) => set('rttMs', e.target.valueAsNumber)}
              aria-label="Network RTT"
              aria-valuetext={`${setup.rttMs} milliseconds`}
              aria-invalid={Boolean(issueAt(issues, 'rttMs'))}
              aria-describedby={`${uid}-rtt`}
            />
            <span id={`${uid}-rtt`} className="pf-error">
              {issueAt(issues, 'rttMs')}
            </span>
          </label>
          <NumberField
            label="Jitter (ms)"
            value={setup.jitterMs}
            min={0}
            max={200}
            onChange={(n) => set('jitterMs', n)}
            error={issueAt(issues, 'jitterMs')}
          />
          <label className="pf-check">
            <input
              type="checkbox"
              checked={setup.coldConnections}
              onChange={(e) => set('coldConnections', e.target.checked)}
            />
            New connections every trial
          </label>
        </div>
        <StatementModeField
          value={setup.statementMode}
          onChange={(m) => set('statementMode', m)}
          error={issueAt(issues, 'statementMode')}
        />
        <LimitsFields limits={setup.limits} onChange={(l) => set('limits', l)} issues={issues} />
      </fieldset>
    </>
  );
}
