import { LiveCharts } from './LiveCharts';
import type { LiveLoad } from './live';
import { DistributionChart, SweepCharts } from './ResultCharts';
import { ResultsTable } from './ResultsTable';
import './load.css';

type Shown = Pick<LiveLoad, 'status' | 'settings' | 'series' | 'results' | 'sweep' | 'verdict' | 'error'>;

/**
 * A load test's numbers away from its page, drawn by the page's own components: the verdict, the
 * results table and the latency distribution; `full` adds the per-second charts and the sweep (the
 * HTML export), without them it is the compact embed.
 */
export function LoadResults({ test, full }: { test: Shown; full: boolean }) {
  return (
    <>
      {full ? <h2>Results</h2> : null}
      {test.verdict ? <p className="ld-verdict">{test.verdict}</p> : null}
      {test.results.length ? (
        <ResultsTable
          results={test.results}
          cancelledBy={test.error?.code === 'job_unwatched' ? 'when its page was closed' : 'by Stop'}
        />
      ) : (
        <p className="muted">
          {test.status === 'running'
            ? 'No results yet: the first strategy is still running.'
            : 'No results: no strategy of this load test finished.'}
        </p>
      )}
      <div className="ld-charts">
        {test.results.length ? <DistributionChart results={test.results} /> : null}
      </div>
      {full ? (
        <>
          <h2>Second by second</h2>
          <LiveCharts
            series={test.series}
            strategies={test.settings.strategies}
            model={test.settings.model.kind}
            ended={test.status !== 'running'}
          />
          {test.sweep.length ? <SweepCharts points={test.sweep} /> : null}
        </>
      ) : null}
    </>
  );
}
