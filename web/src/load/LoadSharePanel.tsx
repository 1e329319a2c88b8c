import { SharePanel } from '../share/SharePanel';
import type { LiveLoad } from './live';

const LOAD_FORMATS = [
  { label: 'HTML', ext: 'html' },
  { label: 'JSON', ext: 'json' },
  { label: 'CSV', ext: 'csv' },
] as const;

/** Permalink, embed code and the exports of a load test (docs/sharing.md). */
export function LoadSharePanel({ test }: { test: Pick<LiveLoad, 'id' | 'status' | 'workload'> }) {
  const id = encodeURIComponent(test.id);
  return (
    <SharePanel
      shared={{
        page: `/load/${id}`,
        embed: `/embed/load/${id}`,
        api: `/api/load-tests/${id}`,
        title: test.workload.name,
        finished: test.status !== 'running',
        // The server refuses to export a running test (its results and verdict come at its end).
        pending: 'Exports are ready when the load test ends.',
        formats: LOAD_FORMATS,
      }}
    />
  );
}
