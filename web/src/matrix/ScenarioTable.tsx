import { useIsMutating, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { matrixQuery, presetMutationKey } from './api';
import { HeavyConfirm } from './HeavyConfirm';
import { MeasureAll } from './MeasureAll';
import { ScenarioRow } from './ScenarioRow';

export function ScenarioTable() {
  const q = useQuery(matrixQuery());
  // Presets run one at a time on the server; the page says so by disabling the other buttons.
  const running = useIsMutating({ mutationKey: presetMutationKey });
  // Asked again on every visit: it is a decision about load on someone's database.
  const [heavyConfirmed, setHeavyConfirmed] = useState(false);
  if (q.isPending) return <p className="muted">Loading the scenarios…</p>;
  if (q.isError)
    return (
      <div className="error-box" role="alert">
        {q.error.message}
      </div>
    );
  const measured = q.data.scenarios.filter((s) => s.latest).length;
  const busy = running > 0 || q.data.running.length > 0;
  const { database } = q.data;
  const heavyAllowed = database.embedded || heavyConfirmed;
  return (
    <section aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">Scenarios</h2>
      <p className="muted">
        {measured} of {q.data.scenarios.length} scenarios measured on this database. Each verdict below is
        computed from the latest run of its preset. Latency scenarios: concurrent when the whole 95% interval
        of the speedup is at least 1.15×, sequential when it is entirely below or the gain is under 1 ms per
        request, either in between. Scenarios under load are judged on the throughput served (at least 1.15×
        in every round, with a p95 no worse) and CPU-bound work on its compute share. A measurement
        contradicts the usual verdict only when its difference is significant (the interval, or the rounds, do
        not overlap); the reason names what bounded a result under load.
      </p>
      <HeavyConfirm database={database} confirmed={heavyConfirmed} onChange={setHeavyConfirmed} />
      <MeasureAll scenarios={q.data.scenarios} busy={busy} heavyAllowed={heavyAllowed} />
      <div className="table-scroll">
        <table className="matrix-table">
          <caption className="visually-hidden">
            Decision matrix: usual and measured verdicts per scenario
          </caption>
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              <th scope="col">Usual verdict</th>
              <th scope="col">Measured here</th>
              <th scope="col">Experiment</th>
            </tr>
          </thead>
          <tbody>
            {q.data.scenarios.map((s) => (
              <ScenarioRow
                key={s.id}
                scenario={s}
                busy={busy}
                heavyAllowed={heavyAllowed}
                confirmHeavy={!database.embedded && heavyConfirmed}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
