import { formatCount, type Scenario } from '@gatherscope/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { matrixKeys, presetMutationKey, runPreset, stopMeasurement } from './api';

/**
 * Runs the presets one after another (the server runs one at a time), filling each cell as it
 * finishes; Stop stops the preset in flight on the server and ends the series.
 */
export function MeasureAll({
  scenarios,
  busy,
  heavyAllowed,
}: {
  scenarios: readonly Scenario[];
  busy: boolean;
  /** False on a database other than the demo until the user confirms: heavy presets are skipped. */
  heavyAllowed: boolean;
}) {
  const qc = useQueryClient();
  const abort = useRef<AbortController | null>(null);
  const [current, setCurrent] = useState<{ index: number; title: string } | null>(null);
  const [stopped, setStopped] = useState(false);
  const runnable = scenarios.filter((s) => heavyAllowed || !s.heavy);
  const skipped = scenarios.length - runnable.length;
  const unmeasured = runnable.filter((s) => !s.latest);
  const run = useMutation({
    mutationKey: presetMutationKey,
    mutationFn: async (which: readonly Scenario[]) => {
      const ac = new AbortController();
      abort.current = ac;
      setStopped(false);
      try {
        for (const [index, s] of which.entries()) {
          if (ac.signal.aborted) break;
          setCurrent({ index, title: s.title });
          await runPreset(s.id, { confirmHeavy: heavyAllowed }, ac.signal);
          await qc.invalidateQueries({ queryKey: matrixKeys.all });
        }
      } finally {
        abort.current = null;
        setCurrent(null);
      }
    },
    onSettled: () => qc.invalidateQueries({ queryKey: matrixKeys.all }),
  });
  const start = (which: readonly Scenario[]) => run.mutate(which);
  const stop = () => {
    setStopped(true);
    // Stopped on the server at once; the request's own end would only count as its viewer leaving.
    void stopMeasurement()
      .catch(() => {})
      .finally(() => qc.invalidateQueries({ queryKey: matrixKeys.all }));
    abort.current?.abort();
  };
  return (
    <div className="measure-all">
      {run.isPending ? (
        <>
          <span role="status">
            Measuring {current ? `${current.index + 1} of ${run.variables.length}: ${current.title}` : '…'}
          </span>
          <button type="button" onClick={stop}>
            Stop
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="primary"
            disabled={busy || unmeasured.length === 0}
            onClick={() => start(unmeasured)}
          >
            Measure the {formatCount(unmeasured.length, 'unmeasured scenario')}
          </button>
          <button type="button" disabled={busy} onClick={() => start(runnable)}>
            Measure all again
          </button>
          {skipped > 0 && (
            <span className="muted small">
              {formatCount(skipped, 'heavy preset')} left out until you allow them above.
            </span>
          )}
        </>
      )}
      {stopped && !run.isPending ? (
        <p className="muted">Stopped; the cells measured so far are kept.</p>
      ) : null}
      {run.isError && !stopped ? (
        <p className="error-box" role="alert">
          {run.error.message}
        </p>
      ) : null}
    </div>
  );
}
