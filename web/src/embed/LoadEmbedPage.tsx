import { useLiveLoadTest } from '../load/api';
import { describeSettings } from '../load/form';
import { LoadResults } from '../load/LoadResults';
import { EmbedFrame } from './EmbedFrame';

/**
 * A load test for an iframe, compact: its verdict, results table and latency distribution, drawn
 * by the Load page's own components, read-only. It can never start a test and shows the database
 * by name only. The framing page learns when it is drawn (or why it cannot be), then its height.
 */
export function LoadEmbedPage({ testId }: { testId: string }) {
  const test = useLiveLoadTest(testId);
  return (
    <EmbedFrame id={testId} what="load test" data={test.data} error={test.isError ? test.error : null}>
      {(t) => (
        <>
          <header className="embed-header">
            <h1>{t.workload.name}</h1>
            <p className="muted">
              Load test on {t.database.name} · {t.status === 'running' ? 'running…' : t.status}
              {' · '}
              <a href={`/load/${encodeURIComponent(t.id)}`} target="_blank" rel="noopener">
                Open in Gatherscope
              </a>
            </p>
            <p className="muted">{describeSettings(t.settings)}</p>
          </header>
          <LoadResults test={t} full={false} />
        </>
      )}
    </EmbedFrame>
  );
}
