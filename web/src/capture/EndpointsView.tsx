import { formatCount, formatMs, type ReplayStarted } from '@gatherscope/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorText } from '../api/client';
import { endpointSavingsQuery, replayRequest } from './api';
import { MeasuredRtt } from './MeasuredRtt';
import { ReplayResult } from './ReplayResult';

/**
 * Endpoints of a capture ranked by predicted saving per request × requests (from each request's
 * inferred dependencies and captured durations), each with Measure: its median request replayed
 * sequentially and dependency-aware, the measured saving beside the prediction.
 */
export function EndpointsView({
  captureId,
  measuredRttMs,
}: {
  captureId: string;
  measuredRttMs: number | null;
}) {
  const [rtt, setRtt] = useState(0);
  const rttId = useId();
  const ranked = useQuery(endpointSavingsQuery(captureId, rtt));
  const [measuring, setMeasuring] = useState<{ endpoint: string; started: ReplayStarted } | null>(null);
  const measure = useMutation({
    mutationFn: async ({ endpoint, requestId }: { endpoint: string; requestId: string }) => ({
      endpoint,
      started: await replayRequest(captureId, requestId, {
        rttMs: rtt,
        strategies: ['sequential', 'dependency-aware'],
        trials: 10,
        warmup: 1,
      }),
    }),
    onSuccess: setMeasuring,
  });
  return (
    <section className="capture-endpoints" aria-label="Endpoints">
      <label htmlFor={rttId}>Network round trip (ms)</label>{' '}
      <input
        id={rttId}
        type="number"
        min={0}
        max={500}
        value={rtt}
        onChange={(e) => setRtt(Math.min(500, Math.max(0, Number(e.target.value) || 0)))}
      />
      <MeasuredRtt ms={measuredRttMs} onUse={setRtt} />
      {ranked.data?.basis === 'timing' && (
        <p className="warning-box">
          Imported trace: dependencies from timing and SQL only, so savings may be overstated.
        </p>
      )}
      {ranked.error && (
        <p className="error-box" role="alert">
          {errorText(ranked.error)}
        </p>
      )}
      {ranked.data && ranked.data.endpoints.length === 0 && <p className="muted">No endpoints yet.</p>}
      {ranked.data && ranked.data.endpoints.length > 0 && (
        <table className="data">
          <caption className="muted">Ranked by predicted saving per request × requests</caption>
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Requests</th>
              <th scope="col">Median wall</th>
              <th scope="col">Predicted saving / request</th>
              <th scope="col">× requests</th>
              <th scope="col">
                <span className="visually-hidden">Measure</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ranked.data.endpoints.map((e) => (
              <tr key={e.group.endpoint}>
                <th scope="row">{e.group.endpoint}</th>
                <td>{e.group.requests}</td>
                <td>{formatMs(e.group.medianWallMs)}</td>
                <td>{formatMs(e.savingPerRequestMs)}</td>
                <td>{formatMs(e.totalSavingMs)}</td>
                <td>
                  <button
                    type="button"
                    disabled={measure.isPending}
                    aria-label={`Measure ${e.group.endpoint}`}
                    title={`Replays its median request (${formatCount(e.group.medianStatements, 'statement')}) sequentially and dependency-aware`}
                    onClick={() =>
                      measure.mutate({ endpoint: e.group.endpoint, requestId: e.representativeId })
                    }
                  >
                    Measure
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {measure.error && (
        <p className="error-box" role="alert">
          {errorText(measure.error)}
        </p>
      )}
      {measuring && (
        <section aria-label={`Measurement of ${measuring.endpoint}`}>
          <h3>Measured: {measuring.endpoint}</h3>
          <ReplayResult key={measuring.started.runId} started={measuring.started} />
        </section>
      )}
    </section>
  );
}
