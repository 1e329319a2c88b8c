import {
  formatInteger,
  formatMs,
  formatSignificant,
  type LoadResult,
  strategyInfo,
} from '@gatherscope/shared';

/** The column is headed req/s: the number alone, as formatRate writes it. */
const rate = (n: number) => (Math.abs(n) >= 1000 ? formatInteger(n) : formatSignificant(n));

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
      {/* Only the wide table scrolls sideways; the prose below wraps at the page's width. */}
      <div className="ld-table-scroll">
        <table className="data" aria-label="Results per strategy">
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              <th scope="col">Requests</th>
              <th scope="col">req/s</th>
              <th scope="col">Mean</th>
              <th scope="col">p50</th>
              <th scope="col">p90</th>
              <th scope="col">p95</th>
              <th scope="col">p99</th>
              <th scope="col">Max</th>
              <th scope="col">Errors</th>
              <th scope="col">Dropped</th>
              <th scope="col">Pool use</th>
              <th scope="col">Conn. time / request</th>
              <th scope="col">Wait for a connection</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.strategy}>
                <th scope="row">{strategyInfo[r.strategy].label}</th>
                <td>{formatInteger(r.requests)}</td>
                <td>{rate(r.throughput)}</td>
                <td>{formatMs(r.latencyMs.mean)}</td>
                <td>{formatMs(r.latencyMs.p50)}</td>
                <td>{formatMs(r.latencyMs.p90)}</td>
                <td>{formatMs(r.latencyMs.p95)}</td>
                <td>{formatMs(r.latencyMs.p99)}</td>
                <td>{formatMs(r.latencyMs.max)}</td>
                <td
                  title={Object.entries(r.errorsBySqlstate)
                    .map(([k, n]) => `${k}: ${n}`)
                    .join(', ')}
                >
                  {r.errors}
                </td>
                <td>{r.dropped}</td>
                <td>
                  {Math.round(r.pool.utilisation * 100)}% of {r.poolSize}
                </td>
                <td>{formatMs(r.pool.connectionMsPerRequest)}</td>
                <td>{formatMs(r.pool.waitMsPerAcquire)}</td>
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
