import {
  formatCount,
  type HtmlExportContent,
  hasDependencies,
  type RunRecord,
  strategyInfo,
} from '@gatherscope/shared';
import { FailedQueries } from '../profile/FailedQueries';
import { SummaryView } from '../profile/SummaryView';
import { Timeline, TrialDistribution } from '../timeline';
import type { Theme } from '../ui/theme';
import { ExportPage } from './ExportPage';
import { capNote, overlayAllowed } from './trial-picker';

/**
 * The page of an exported run, with no network at all: the app's own summary, timeline (tooltips,
 * zoom, pan, minimap, trial picker, rows per connection) and trial distribution, drawn by the same
 * components as the Run page, so a file and the app cannot show a run two ways.
 */
export function ExportView({
  run,
  content,
  initialTheme,
}: {
  run: RunRecord;
  content: HtmlExportContent;
  initialTheme: Theme;
}) {
  const note = capNote(run, content);
  const s = run.settings;
  return (
    <ExportPage
      title={run.workload.name}
      initialTheme={initialTheme}
      about={
        <>
          Database <strong>{run.database.name}</strong> (PostgreSQL {run.database.serverVersion}) ·{' '}
          {new Date(run.createdAt).toLocaleString()} ·{' '}
          {s.strategies.map((x) => strategyInfo[x].label).join(', ')} · {formatCount(s.trials, 'trial')},{' '}
          {s.warmup} warm-up, pool {s.poolSize}, RTT {s.rttMs} ms · status {run.status}
        </>
      }
    >
      {run.summary ? (
        <SummaryView summary={run.summary} dependencies={hasDependencies(run.workload)} />
      ) : (
        <p className="muted">This run has no statistics: it did not complete.</p>
      )}
      <FailedQueries run={run} live={false} />
      <section className="gs-timelines" aria-labelledby="gs-tl-h">
        <h2 id="gs-tl-h">Execution timelines</h2>
        {note ? <p className="muted gs-note">{note}</p> : null}
        <Timeline run={run} trials={content.spanTrials} overlay={overlayAllowed(content)} />
        <TrialDistribution run={run} />
      </section>
    </ExportPage>
  );
}
