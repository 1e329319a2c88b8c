import type { Scenario } from '@gatherscope/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../api/client';
import { matrixKeys, presetMutationKey, runPreset } from './api';
import { MeasurementTimeline } from './MeasurementTimeline';
import { armText, contradictionText, shareText, speedupText, verdictLabel } from './present';

function VerdictBadge({ verdict }: { verdict: Scenario['usualVerdict'] }) {
  return <span className={`verdict verdict-${verdict}`}>{verdictLabel[verdict]}</span>;
}

/** One scenario: the usual verdict, the measured one with its numbers, and the preset's Run button. */
export function ScenarioRow({ scenario, busy }: { scenario: Scenario; busy: boolean }) {
  const qc = useQueryClient();
  const run = useMutation({
    mutationKey: presetMutationKey,
    mutationFn: () => runPreset(scenario.id),
    onSettled: () => qc.invalidateQueries({ queryKey: matrixKeys.all }),
  });
  const m = scenario.latest;
  const err = run.error instanceof ApiRequestError ? run.error : null;
  return (
    <tr aria-labelledby={`scenario-${scenario.id}`}>
      <th scope="row" id={`scenario-${scenario.id}`}>
        {scenario.title}
      </th>
      <td>
        <VerdictBadge verdict={scenario.usualVerdict} />
        <p className="muted small">{scenario.usualReason}</p>
      </td>
      <td aria-label={`Measured verdict for ${scenario.title}`} aria-live="polite">
        {m ? (
          <div className="measured">
            <VerdictBadge verdict={m.verdict} />
            {m.contradicts && (
              <p className="contradiction">{contradictionText(scenario.usualVerdict, m.verdict)}</p>
            )}
            <p>
              Speedup <strong>{speedupText(m.speedup)}</strong>
            </p>
            <ul className="numbers">
              <li>{armText(m.baseline)}</li>
              <li>{armText(m.treatment)}</li>
              <li>{shareText(m.computeShare)}</li>
              {m.facts.map((f) => (
                <li key={f.label}>
                  {f.label}: {f.value}
                </li>
              ))}
            </ul>
            <MeasurementTimeline measurement={m} />
            <p className="muted small">
              {m.reason} Measured {new Date(m.measuredAt).toLocaleString()}: {m.setup}.
            </p>
          </div>
        ) : (
          <p className="muted">Not measured yet.</p>
        )}
      </td>
      <td>
        <p className="small">{scenario.preset}</p>
        <button
          type="button"
          onClick={() => run.mutate()}
          disabled={run.isPending || busy}
          aria-label={`Run preset: ${scenario.title}`}
        >
          {run.isPending ? `Running… (about ${scenario.expectedSeconds} s)` : m ? 'Run again' : 'Run preset'}
        </button>
        {scenario.writes && (
          <p className="muted small">Writes to the embedded demo database only, rolled back.</p>
        )}
        {run.error && (
          <div className="error-box small" role="alert">
            {run.error.message}
            {err?.hint ? `\n${err.hint}` : ''}
          </div>
        )}
      </td>
    </tr>
  );
}
