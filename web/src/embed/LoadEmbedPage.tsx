import { useLiveLoadTest } from '../load/api';
import { describeSettings } from '../load/form';
import { LoadResults } from '../load/LoadResults';
import { embedLoadError } from './load-error';
import { useEmbedFrame } from './useEmbedFrame';
import './embed.css';

/**
 * A load test for an iframe, compact: its verdict, results table and latency distribution, drawn
 * by the Load page's own components, read-only. It can never start a test and shows the database
 * by name only. The framing page learns when it is drawn (or why it cannot be), then its height.
 */
export function LoadEmbedPage({ testId }: { testId: string }) {
  const test = useLiveLoadTest(testId);
  const error = test.error ? embedLoadError(test.error, 'load test') : undefined;
  const rootRef = useEmbedFrame(testId, test.data !== undefined, error);

  let body: React.ReactNode;
  if (error) {
    body = (
      <p className="error-box" role="alert">
        {error}
      </p>
    );
  } else if (!test.data) {
    body = <p className="muted">Loading the load test…</p>;
  } else {
    const t = test.data;
    body = (
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
    );
  }
  return (
    <main className="embed" ref={rootRef} aria-label="Gatherscope load test">
      {body}
    </main>
  );
}
