import { type SpanError, strategyInfo } from '@gatherscope/shared';
import type { TimelineRun } from '../timeline/types';
import { failedQueries } from './failed-queries';
import '../ui/forms.css';

const verb: Record<SpanError['kind'], string> = {
  query: 'failed',
  timeout: 'timed out',
  connection: 'lost its connection',
  skipped: 'was skipped',
  cancelled: 'was cancelled',
};

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/**
 * The run's one list of query errors: each distinct error once, with its query, SQLSTATE, the
 * database's message (as text, never HTML), how often and under which strategies. While the run
 * streams in the counts are left out: this is an alert, and numbers that change with every trial
 * would be read out again and again.
 */
export function FailedQueries({ run, live }: { run: TimelineRun; live: boolean }) {
  const failures = failedQueries(run);
  if (failures.length === 0) return null;
  return (
    <div className="pf-failures" role="alert">
      <h3>Failed queries</h3>
      <ul>
        {failures.map((f) => (
          <li key={`${f.queryId}/${f.kind}/${f.sqlstate ?? ''}/${f.message}`}>
            <span className="mono">{f.queryId}</span> {verb[f.kind]}
            {live ? ' under ' : ` ${times(f.count)}: `}
            {f.byStrategy
              .map((s) => `${strategyInfo[s.strategy].label}${live ? '' : ` ${s.count}`}`)
              .join(', ')}
            {f.sqlstate ? (
              <>
                {' · SQLSTATE '}
                <span className="mono">{f.sqlstate}</span>
              </>
            ) : null}
            <span className="pf-failure-message">{f.message}</span>
          </li>
        ))}
      </ul>
      <p className="muted">The other queries ran on; their spans are in the timelines.</p>
    </div>
  );
}
