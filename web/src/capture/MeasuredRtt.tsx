import { formatMs } from '@gatherscope/shared';

/** The round trip measured to the database when the capture started, offered as the replay's RTT. */
export function MeasuredRtt({ ms, onUse }: { ms: number | null; onUse: (ms: number) => void }) {
  if (ms === null) return null;
  const rounded = Math.round(ms * 100) / 100;
  return (
    <span className="muted">
      {' '}
      Measured round trip to the database: {formatMs(ms)}.{' '}
      <button type="button" onClick={() => onUse(rounded)}>
        Use it
      </button>{' '}
      (0 replays at this machine's own distance to the database; enter your app's round trip to see what it
      would save there.)
    </span>
  );
}
