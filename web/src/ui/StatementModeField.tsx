import { type StatementMode, statementModeInfo, statementModes } from '@gatherscope/shared';
import { useId } from 'react';

/**
 * How statements travel, named with the drivers that send them so, so a user picks their own
 * driver rather than a protocol term. Shared by the Profile and Load test forms.
 */
export function StatementModeField({
  value,
  onChange,
  error,
}: {
  value: StatementMode;
  onChange: (m: StatementMode) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const info = statementModeInfo[value];
  return (
    <div className="pf-field gs-statement-mode">
      <label htmlFor={id}>Statement mode (your driver)</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as StatementMode)}
        aria-describedby={`${id}-help`}
        aria-invalid={Boolean(error)}
      >
        {statementModes.map((m) => (
          <option key={m} value={m}>
            {statementModeInfo[m].label}: {statementModeInfo[m].drivers}
          </option>
        ))}
      </select>
      <span id={`${id}-help`} className="muted">
        {info.summary}
      </span>
      {error ? <span className="pf-error">{error}</span> : null}
    </div>
  );
}
