import { type RunEvent, RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { span } from './fixtures';
import { applyRunEvent, type LiveRun } from './live-run';

const started: RunEvent = {
  type: 'run-started',
  runId: 'r1',
  workload: { name: 'w', queries: [{ id: 'a', sql: 'SELECT 1' }] },
  settings: RunSettingsSchema.parse({ strategies: ['concurrent'], trials: 1, warmup: 0, poolSize: 2 }),
  database: { name: 'demo', label: 'demo', serverVersion: '15', embedded: true },
  schedule: [{ strategy: 'concurrent', trial: 0 }],
};

function replay(events: RunEvent[]): LiveRun | undefined {
  return events.reduce<LiveRun | undefined>((r, e, i) => applyRunEvent(r, e, i + 1), undefined);
}

describe('applyRunEvent', () => {
  const events: RunEvent[] = [
    started,
    { type: 'span', span: span({ queryId: 'a', start: 0, end: 4 }) },
    {
      type: 'span',
      span: span({ queryId: 'b', start: 1, end: 2, error: { kind: 'query', message: 'boom' } }),
    },
    { type: 'trial', strategy: 'concurrent', trial: 0, warmup: false, wallMs: 4.2, failed: true },
    { type: 'done', status: 'completed' },
  ];

  it('grows a trial span by span while it runs, then takes its measured wall time', () => {
    const mid = replay(events.slice(0, 2))!;
    expect(mid.trials[0]?.spans).toHaveLength(1);
    expect(mid.trials[0]?.wallMs).toBe(0);
    const end = replay(events)!;
    expect(end.trials).toHaveLength(1);
    expect(end.trials[0]).toMatchObject({ wallMs: 4.2, failed: true });
    expect(end.trials[0]?.spans.map((s) => s.queryId)).toEqual(['a', 'b']);
    expect(end.status).toBe('completed');
  });

  it('ignores events it has already applied (a reconnect replaying from Last-Event-ID)', () => {
    const end = replay(events)!;
    const again = applyRunEvent(end, events[1]!, 2);
    expect(again).toBe(end);
  });

  it('ignores events before the run started', () => {
    expect(applyRunEvent(undefined, events[1]!, 1)).toBeUndefined();
  });

  it('keeps the run error as text', () => {
    const r = applyRunEvent(replay([started]), { type: 'error', code: 'x', message: '<b>no</b>' }, 2);
    expect(r?.error?.message).toBe('<b>no</b>');
  });
});
