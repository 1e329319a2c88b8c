import type { LoadEvent, LoadSecond } from '@gatherscope/shared';
import { LoadSettingsSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { applyLoadEvent, type LiveLoad } from './live';

const settings = LoadSettingsSchema.parse({ strategies: ['sequential'], model: { kind: 'closed', vus: 2 } });
const started: LoadEvent = {
  type: 'load-started',
  testId: 'abc',
  workload: { name: 'w', queries: [{ id: 'q', sql: 'SELECT 1' }] },
  settings,
  database: { name: 'db', label: 'Embedded', serverVersion: '15', embedded: true },
};
const second = (t: number): LoadSecond => ({
  strategy: 'sequential',
  t,
  requests: 10,
  errors: {},
  dropped: 0,
  p50: 1,
  p95: 2,
  p99: 3,
  lagP95: 0,
  dbConnections: 2,
  dbActive: 1,
  poolBusy: 0.5,
  cpuPercent: 10,
  rssMb: 80,
  generatorBusy: 0,
  generatorLoopDelayMs: 0,
  generatorSaturated: false,
});

describe('applyLoadEvent', () => {
  it('grows the test event by event and ignores events it already has', () => {
    const events: LoadEvent[] = [
      started,
      { type: 'phase', stage: 'test', strategy: 'sequential', poolSize: 10 },
      { type: 'second', second: second(1) },
      { type: 'second', second: second(2) },
      { type: 'done', status: 'completed' },
    ];
    let t: LiveLoad | undefined;
    events.forEach((e, i) => {
      t = applyLoadEvent(t, e, i + 1);
    });
    expect(t?.series.map((s) => s.t)).toEqual([1, 2]);
    expect(t?.status).toBe('completed');
    expect(t?.phase).toBeNull();
    // A reconnect replays from an older id: nothing is applied twice.
    const again = applyLoadEvent(t, { type: 'second', second: second(2) }, 4);
    expect(again?.series).toHaveLength(2);
    expect(applyLoadEvent(t, started, 1)).toBe(t);
  });

  it('ignores events before the test is known', () => {
    expect(applyLoadEvent(undefined, { type: 'second', second: second(1) }, 2)).toBeUndefined();
  });
});
