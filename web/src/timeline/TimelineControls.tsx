import type { RowMode, TrialChoice } from './types';
import { formatVisibleRange } from './zoom';

export function encodeChoice(c: TrialChoice): string {
  return c.kind === 'trial' ? `trial:${c.trial}` : c.kind;
}

export function decodeChoice(v: string): TrialChoice {
  if (v.startsWith('trial:')) return { kind: 'trial', trial: Number(v.slice(6)) };
  if (v === 'latest') return { kind: 'latest' };
  return v === 'all' ? { kind: 'all' } : { kind: 'median' };
}

/** Row layout, trial choice and zoom controls of a timeline. */
export function TimelineControls({
  mode,
  onMode,
  choice,
  onChoice,
  trialNumbers,
  visible,
  onZoom,
  onPan,
  onReset,
  idPrefix,
  live,
  overlay = true,
}: {
  mode: RowMode;
  onMode: (m: RowMode) => void;
  choice: TrialChoice;
  onChoice: (c: TrialChoice) => void;
  trialNumbers: number[];
  visible: [number, number];
  onZoom: (factor: number) => void;
  onPan: (fraction: number) => void;
  onReset: () => void;
  idPrefix: string;
  live: boolean;
  overlay?: boolean;
}) {
  return (
    <div className="tl-controls">
      <fieldset className="tl-segmented">
        <legend>Rows</legend>
        {(['query', 'connection'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name={`${idPrefix}-row-mode`}
              value={m}
              checked={mode === m}
              onChange={() => onMode(m)}
            />
            {m === 'query' ? 'Per query' : 'Per connection'}
          </label>
        ))}
      </fieldset>
      {trialNumbers.length === 1 && !live ? (
        // One trial is all there is (the matrix keeps each arm's last): a picker would offer choices that all draw it.
        <span className="tl-field">
          Trial {trialNumbers[0]} <span className="muted">(the only one kept)</span>
        </span>
      ) : (
        <label className="tl-field">
          Trial
          <select value={encodeChoice(choice)} onChange={(e) => onChoice(decodeChoice(e.target.value))}>
            <option value="median">{live ? 'latest trial (live), then the median' : 'median trial'}</option>
            {overlay ? <option value="all">all trials overlaid</option> : null}
            {trialNumbers.map((n) => (
              <option key={n} value={`trial:${n}`}>
                trial {n}
                {n < 0 ? ' (warm-up)' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset className="tl-zoom">
        <legend className="visually-hidden">Zoom</legend>
        <button type="button" onClick={() => onZoom(2)}>
          Zoom in
        </button>
        <button type="button" onClick={() => onZoom(0.5)}>
          Zoom out
        </button>
        <button type="button" onClick={() => onPan(-0.25)} aria-label="Pan left">
          ←
        </button>
        <button type="button" onClick={() => onPan(0.25)} aria-label="Pan right">
          →
        </button>
        <button type="button" onClick={onReset}>
          Reset zoom
        </button>
      </fieldset>
      <output className="tl-visible" aria-live="polite" aria-label="Visible time range">
        {formatVisibleRange(visible[0], visible[1])}
      </output>
    </div>
  );
}
