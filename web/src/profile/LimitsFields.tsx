import { type RunLimits, runLimitDefaults, runLimitMaxima } from '@gatherscope/shared';
import { useId } from 'react';
import { issueAt } from '../workload-editor/issues';

/** A limit as the form shows it: in a user's unit (MB, s), converted to the wire's (bytes, ms). */
const fields = [
  { key: 'maxRows', label: 'Row cap (rows)', scale: 1, step: 1 },
  { key: 'maxBytes', label: 'Result size cap (MB)', scale: 1024 * 1024, step: 0.001 },
  { key: 'statementTimeoutMs', label: 'Statement timeout (s)', scale: 1000, step: 0.1 },
] as const;

/**
 * The guard's limits of one run, each within its safe maximum; empty means the default. Behind a
 * disclosure: most runs never need them.
 */
export function LimitsFields({
  limits,
  onChange,
  issues,
}: {
  limits: RunLimits | undefined;
  onChange: (l: RunLimits | undefined) => void;
  issues: Map<string, string[]>;
}) {
  const uid = useId();
  const open = fields.some((f) => limits?.[f.key] !== undefined || issueAt(issues, `limits.${f.key}`));
  const set = (key: keyof RunLimits, v: number | undefined) => {
    const next = { ...limits, [key]: v };
    if (v === undefined) delete next[key];
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <details className="pf-limits" open={open || undefined}>
      <summary>Advanced: limits of this run</summary>
      <p className="muted pf-note">
        A query over a cap fails with its own error; the others go on. Empty fields keep the default.
      </p>
      <div className="pf-row">
        {fields.map((f) => {
          const err = issueAt(issues, `limits.${f.key}`);
          const value = limits?.[f.key];
          const def = runLimitDefaults[f.key] / f.scale;
          const max = runLimitMaxima[f.key] / f.scale;
          return (
            <label key={f.key} className="pf-field">
              <span>{f.label}</span>
              <input
                type="number"
                className="we-num"
                min={0}
                max={max}
                step={f.step}
                placeholder={String(def)}
                value={value === undefined ? '' : value / f.scale}
                onChange={(e) => {
                  const n = e.target.valueAsNumber;
                  set(f.key, Number.isFinite(n) ? Math.round(n * f.scale) : undefined);
                }}
                aria-invalid={Boolean(err)}
                aria-describedby={`${uid}-${f.key}`}
              />
              <span id={`${uid}-${f.key}`} className={err ? 'pf-error' : 'muted pf-hint'}>
                {err ?? `default ${def.toLocaleString('en-US')}, at most ${max.toLocaleString('en-US')}`}
              </span>
            </label>
          );
        })}
      </div>
    </details>
  );
}
