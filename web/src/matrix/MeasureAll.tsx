import type { Scenario } from '@gatherscope/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { matrixKeys, presetMutationKey, runPreset } from './api';

/**
 * Runs the presets one after another (the server runs one at a time), filling each cell as it
 * finishes; Stop aborts the preset in flight, which stops it on the server.
 */
export function MeasureAll({ scenarios, busy }: { scenarios: readonly Scenario[]; busy: boolean }) {
  const qc = useQueryClient();
  const abort = useRef<AbortController | null>(null);
  const [current, setCurrent] = useState<{ index: number; title: string } | null>(null);
  const [stopped, setStopped] = useState(false);
  const unmeasured = scenarios.filter((s) => !s.latest);
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
          await runPreset(s.id, ac.signal);
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
            Measure the {unmeasured.length} unmeasured scenario{unmeasured.length === 1 ? '' : 's'}
          </button>
          <button type="button" disabled={busy} onClick={() => start(scenarios)}>
            Measure all again
          </button>
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
