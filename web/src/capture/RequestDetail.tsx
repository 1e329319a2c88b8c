import { type CapturedRequest, formatCount, formatMs } from '@gatherscope/shared';
import { useMemo, useState } from 'react';
import { Timeline } from '../timeline';
import { GatheringPanel } from './GatheringPanel';
import { serialLine } from './groups';
import { requestTimeline } from './to-timeline';

const AS_CAPTURED = { sequential: 'As captured' } as const;

/** One captured request: its numbers, its real timeline (lanes per connection), and what gathering would buy. */
export function RequestDetail({
  captureId,
  request: r,
  running,
  basis,
  measuredRttMs,
}: {
  captureId: string;
  request: CapturedRequest;
  running: boolean;
  basis: 'data' | 'timing';
  measuredRttMs: number | null;
}) {
  const [gathering, setGathering] = useState(false);
  const timeline = useMemo(() => requestTimeline(r), [r]);
  const appMs = Math.max(0, r.wallMs - r.dbMs);
  return (
    <section className="capture-request" aria-label={`Request ${r.id}`}>
      <h2>
        Request {r.id} · {r.endpoint}
      </h2>
      <p>
        {formatMs(r.wallMs)} wall: {formatMs(r.dbMs)} with a statement running in the database,{' '}
        {formatMs(appMs)} of the app's own work between statements. {serialLine(r)}, on{' '}
        {formatCount(r.connections.length, 'connection')}.{' '}
        {r.groupedBy === 'gap' ? 'Grouped by pause, not by request.' : `Trace ${r.traceId ?? ''}.`}
      </p>
      <Timeline run={timeline} initialMode="connection" panelLabels={AS_CAPTURED} overlay={false} />
      {!gathering ? (
        <button type="button" className="primary" onClick={() => setGathering(true)}>
          What would gathering buy?
        </button>
      ) : (
        <GatheringPanel
          key={r.id}
          captureId={captureId}
          request={r}
          running={running}
          basis={basis}
          measuredRttMs={measuredRttMs}
        />
      )}
    </section>
  );
}
