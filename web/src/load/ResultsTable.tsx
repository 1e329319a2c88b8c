import {
  formatInteger,
  formatMs,
  formatSignificant,
  type LoadResult,
  strategyInfo,
} from '@gatherscope/shared';

/** The column is headed req/s: the number alone, as formatRate writes it. */
const rate = (n: number) => (Math.abs(n) >= 1000 ? formatInteger(n) : formatSignificant(n));

/** The columns of the results, in order: each a label and how a strategy's result shows it. */
const metrics: { label: string; value: (r: LoadResult) => string; title?: (r: LoadResult) => string }[] = [
  { label: 'Requests', value: (r) => formatInteger(r.requests) },
  { label: 'req/s', value: (r) => rate(r.throughput) },
  { label: 'Mean', value: (r) => formatMs(r.latencyMs.mean) },
  { label: 'p50', value: (r) => formatMs(r.latencyMs.p50) },
  { label: 'p90', value: (r) => formatMs(r.latencyMs.p90) },
  { label: 'p95', value: (r) => formatMs(r.latencyMs.p95) },
  { label: 'p99', value: (r) => formatMs(r.latencyMs.p99) },
  { label: 'Max', value: (r) => formatMs(r.latencyMs.max) },
  {
    label: 'Errors',
    value: (r) => String(r.errors),
    title: (r) =>
      Object.entries(r.errorsBySqlstate)
        .map(([k, n]) => `${k}: ${n}`)
        .join(', '),
  },
  { label: 'Dropped', value: (r) => String(r.dropped) },
  { label: 'Pool use', value: (r) => `${Math.round(r.pool.utilisation * 100)}% of ${r.poolSize}` },
  { label: 'Conn. time / request', value: (r) => formatMs(r.pool.connectionMsPerRequest) },
  { label: 'Wait for a connection', value: (r) => formatMs(r.pool.waitMsPerAcquire) },
];

/** Results per strategy: throughput, latency percentiles, errors, dropped, and what the pool did. */
export function ResultsTable({
  results,
  cancelledBy = 'by Stop',
}: {
  results: readonly LoadResult[];
  /** What cut the last requests short: "by Stop", or the reason the test was stopped without one. */
  cancelledBy?: string;
}) {
  return (
    <div className="ld-results">
      {/* Wide: a row per strategy. Narrower than the table (an 800 px window), the same numbers
          transposed, a column per strategy, so no column hides behind a sideways scroll. */}
      <div className="ld-table-scroll ld-wide">
        <table className="data" aria-label="Results per strategy">
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              {metrics.map((m) => (
                <th key={m.label} scope="col">
                  {m.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.strategy}>
                <th scope="row">{strategyInfo[r.strategy].label}</th>
                {metrics.map((m) => (
                  <td key={m.label} title={m.title?.(r)}>
                    {m.value(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="ld-narrow">
        <table className="data" aria-label="Results per strategy">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {results.map((r) => (
                <th key={r.strategy} scope="col">
                  {strategyInfo[r.strategy].label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {metrics.map((m) => (
              <tr key={m.label}>
                <th scope="row">{m.label}</th>
                {results.map((r) => (
                  <td key={r.strategy} title={m.title?.(r)}>
                    {m.value(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {results.some((r) => r.errors > 0) ? (
        <ul className="ld-errors" aria-label="Errors by SQLSTATE">
          {results.flatMap((r) =>
            Object.entries(r.errorsBySqlstate).map(([k, n]) => (
              <li key={`${r.strategy}-${k}`}>
                {strategyInfo[r.strategy].label}: {n} × <code>{k}</code>
              </li>
            )),
          )}
        </ul>
      ) : null}
      {results.some((r) => r.cancelledByStop > 0) ? (
        <p className="muted">
          Cancelled {cancelledBy} (not errors, not in the requests):{' '}
          {results
            .filter((r) => r.cancelledByStop > 0)
            .map((r) => `${strategyInfo[r.strategy].label} ${r.cancelledByStop}`)
            .join(', ')}
          .
        </p>
      ) : null}
      {results.flatMap((r) =>
        r.limit ? (
          <p key={`${r.strategy}-limit`} className="warning-box" role="note">
            {r.limit.message}
          </p>
        ) : (
          []
        ),
      )}
    </div>
  );
}
