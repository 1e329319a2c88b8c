import type { Scenario } from '@gatherscope/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from '../api/client';
import { matrixKeys, presetMutationKey, runPreset } from './api';
import { MeasurementTimeline } from './MeasurementTimeline';
import { MockLatencyInput } from './MockLatencyInput';
import {
  armText,
  basisText,
  contradictionText,
  mockLatencyOf,
  shareText,
  speedupText,
  verdictLabel,
} from './present';

function VerdictBadge({ verdict }: { verdict: Scenario['usualVerdict'] }) {
  return <span className={`verdict verdict-${verdict}`}>{verdictLabel[verdict]}</span>;
}

/** One scenario: the usual verdict, the measured one with its numbers, and the preset's Run button. */
export function ScenarioRow({
  scenario,
  busy,
  heavyAllowed,
  confirmHeavy,
}: {
  scenario: Scenario;
  busy: boolean;
  /** False for a heavy preset on a database other than the demo until the user confirms. */
  heavyAllowed: boolean;
  confirmHeavy: boolean;
}) {
  const qc = useQueryClient();
  const [latencyText, setLatencyText] = useState(String(scenario.mockLatency?.defaultMs ?? ''));
  const latencyMs = mockLatencyOf(latencyText);
  const run = useMutation({
    mutationKey: presetMutationKey,
    mutationFn: () =>
      runPreset(scenario.id, {
        confirmHeavy,
        ...(scenario.mockLatency && latencyMs !== null ? { latencyMs } : {}),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: matrixKeys.all }),
  });
  const blocked = scenario.heavy && !heavyAllowed;
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
            <p className="small">{basisText(m.basis)}</p>
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
              {m.reason} Measured {new Date(m.measuredAt).toLocaleString()}
              {m.database ? ` on ${m.database}` : ''}: {m.setup}.
            </p>
          </div>
        ) : (
          <p className="muted">Not measured yet.</p>
        )}
      </td>
      <td>
        <p className="small">{scenario.preset}</p>
        {scenario.mockLatency && (
          <MockLatencyInput
            title={scenario.title}
            mock={scenario.mockLatency}
            value={latencyText}
            onChange={setLatencyText}
          />
        )}
        <button
          type="button"
          onClick={() => run.mutate()}
          disabled={run.isPending || busy || blocked || (scenario.mockLatency !== null && latencyMs === null)}
          aria-label={`Run preset: ${scenario.title}`}
        >
          {run.isPending ? `Running… (about ${scenario.expectedSeconds} s)` : m ? 'Run again' : 'Run preset'}
        </button>
        {blocked && (
          <p className="muted small">Heavy preset: allow heavy presets on this database above to run it.</p>
        )}
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
