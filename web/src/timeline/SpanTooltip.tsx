import { formatBytes, formatMs, phaseDurations, type Span, type Workload } from '@gatherscope/shared';
import { phaseStyle } from './phases';

export interface TooltipTarget {
  span: Span;
  /** Position in px inside the timeline body, where the tooltip points. */
  x: number;
  y: number;
}

/** Details of the hovered or focused span. SQL and error messages are rendered as text, never HTML. */
export function SpanTooltip({
  target,
  workload,
}: {
  target: TooltipTarget;
  workload: Pick<Workload, 'queries'>;
}) {
  const { span } = target;
  const sql = workload.queries.find((q) => q.id === span.queryId)?.sql;
  const phases = phaseDurations(span.phases);
  return (
    <div className="tl-tooltip" role="tooltip" style={{ left: target.x, top: target.y }}>
      <div className="tl-tooltip-title">
        <strong>{span.queryId}</strong> · {formatMs(span.end - span.start)} · trial {span.trial}
      </div>
      {span.error ? (
        <p className="tl-tooltip-error">
          {span.error.kind === 'query' ? 'The database said' : `Failed (${span.error.kind})`}:{' '}
          {span.error.message}
          {span.error.sqlstate ? ` [${span.error.sqlstate}]` : ''}
        </p>
      ) : null}
      {sql ? <pre className="tl-tooltip-sql">{sql.trim()}</pre> : null}
      <table className="tl-tooltip-table">
        <tbody>
          {Object.entries(phases).map(([p, v]) => (
            <tr key={p}>
              <th scope="row">
                <span
                  className="tl-swatch"
                  style={{ background: phaseStyle[p as keyof typeof phaseStyle].color }}
                />
                {phaseStyle[p as keyof typeof phaseStyle].label}
              </th>
              <td>{formatMs(v)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">start → end</th>
            <td>
              {formatMs(span.start)} → {formatMs(span.end)}
            </td>
          </tr>
          <tr>
            <th scope="row">connection</th>
            <td>{span.pid === null ? 'none' : `pid ${span.pid}`}</td>
          </tr>
          <tr>
            <th scope="row">rows</th>
            <td>
              {span.rows} ({formatBytes(span.bytes)})
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
