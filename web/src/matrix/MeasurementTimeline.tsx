import type { Measurement } from '@gatherscope/shared';
import { useMemo, useState } from 'react';
import { Timeline } from '../timeline';
import { measurementTimeline } from './timeline-run';

/** The last trial of each arm, drawn with the shared timeline once the user opens it. */
export function MeasurementTimeline({ measurement }: { measurement: Measurement }) {
  const [open, setOpen] = useState(false);
  const run = useMemo(() => measurementTimeline(measurement), [measurement]);
  if (!run) return null;
  // Batch items are many: one row per connection shows the concurrency limit at work.
  const byConnection = measurement.scenario === 'batch-processing';
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Timeline of the last trials</summary>
      {open && (
        <Timeline
          run={run}
          initialMode={byConnection ? 'connection' : 'query'}
          initialChoice={{ kind: 'all' }}
        />
      )}
    </details>
  );
}
