import {
  type CaptureListItem,
  LoadSettingsSchema,
  type LoadTestListItem,
  type RunListItem,
} from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import {
  describeFilter,
  filterHistory,
  fromCapture,
  fromLoadTest,
  fromRun,
  mergeHistory,
  noFilter,
} from './items';

const run = (id: string, createdAt: string, extra: Partial<RunListItem> = {}): RunListItem => ({
  id,
  kind: 'profile',
  createdAt,
  finishedAt: createdAt,
  status: 'completed',
  workloadName: 'slow-dashboard',
  strategies: ['sequential', 'concurrent'],
  trials: 20,
  rttMs: 0,
  database: { name: 'gatherscope_demo', label: 'Embedded demo', serverVersion: '15', embedded: true },
  verdict: 'Concurrent is 2.90× faster here.',
  error: null,
  ...extra,
});

const load = (id: string, createdAt: string): LoadTestListItem => ({
  id,
  kind: 'load',
  createdAt,
  finishedAt: null,
  status: 'cancelled',
  workloadName: 'user-dashboard',
  database: { name: 'shop_replica', label: 'replica', serverVersion: '16', embedded: false },
  verdict: null,
  settings: LoadSettingsSchema.parse({
    strategies: ['single-connection'],
    model: { kind: 'closed', vus: 10 },
  }),
});

describe('history items', () => {
  const items = mergeHistory(
    [
      fromRun(run('aaa', '2026-11-25T09:00:00Z')),
      fromRun(
        run('ccc', '2026-11-25T11:00:00Z', {
          verdict: null,
          error: 'relation does not exist',
          status: 'failed',
        }),
      ),
    ],
    [fromLoadTest(load('bbb', '2026-11-25T10:00:00Z'))],
  );

  it('merges runs and load tests newest first with a headline each', () => {
    expect(items.map((i) => i.id)).toEqual(['ccc', 'bbb', 'aaa']);
    expect(items.map((i) => i.headline)).toEqual([
      'relation does not exist',
      'Stopped before it finished.',
      'Concurrent is 2.90× faster here.',
    ]);
    expect(items[0]!.href).toBe('/runs/ccc');
    expect(items[1]!.kind).toBe('load');
  });

  it('filters by kind, status and words across workload, database, strategy labels and result', () => {
    expect(filterHistory(items, { ...noFilter, kind: 'load' }).map((i) => i.id)).toEqual(['bbb']);
    expect(filterHistory(items, { ...noFilter, status: 'failed' }).map((i) => i.id)).toEqual(['ccc']);
    expect(filterHistory(items, { ...noFilter, text: 'SLOW demo' }).map((i) => i.id)).toEqual(['ccc', 'aaa']);
    expect(filterHistory(items, { ...noFilter, text: 'single connection' }).map((i) => i.id)).toEqual([
      'bbb',
    ]);
    expect(filterHistory(items, { ...noFilter, text: '2.90×' }).map((i) => i.id)).toEqual(['aaa']);
    expect(filterHistory(items, { ...noFilter, text: 'nothing-like-this' })).toEqual([]);
  });

  it('finds load tests by their kind and settings: users or rate, pool, statement mode', () => {
    expect(items[1]?.details).toBe('10 virtual users · pool 10 · 10 s · extended');
    expect(filterHistory(items, { ...noFilter, text: 'load test' }).map((i) => i.id)).toEqual(['bbb']);
    expect(filterHistory(items, { ...noFilter, text: '10 virtual users extended' }).map((i) => i.id)).toEqual(
      ['bbb'],
    );
    expect(filterHistory(items, { ...noFilter, text: 'profile run slow' }).map((i) => i.id)).toEqual([
      'ccc',
      'aaa',
    ]);
    const open = fromLoadTest({
      ...load('eee', '2026-11-25T13:00:00Z'),
      settings: LoadSettingsSchema.parse({
        strategies: ['pipelined'],
        model: { kind: 'open', rate: 50 },
        statementMode: 'prepared',
        rttMs: 5,
        threads: 2,
      }),
    });
    expect(open.details).toBe('50 req/s · pool 10 · 10 s · prepared · RTT 5 ms · 2 threads');
    expect(filterHistory([open], { ...noFilter, text: 'prepared 50 req/s' })).toHaveLength(1);
  });

  it('marks a load test imported from another Gatherscope, as it marks a run', () => {
    const own = fromLoadTest(load('fff', '2026-11-25T14:00:00Z'));
    const copy = fromLoadTest({
      ...load('ggg', '2026-11-25T15:00:00Z'),
      imported: { at: '2026-11-26T08:00:00Z', originalId: 'fff' },
    });
    expect([own.imported, copy.imported]).toEqual([false, true]);
    expect(filterHistory([own, copy], { ...noFilter, text: 'imported' }).map((i) => i.id)).toEqual(['ggg']);
  });

  it('finds a cancelled run by the word the page shows for it, "Stopped"', () => {
    expect(filterHistory(items, { ...noFilter, text: 'stopped' }).map((i) => i.id)).toEqual(['bbb']);
    expect(filterHistory(items, { ...noFilter, text: 'completed' })).toEqual([]);
  });

  it('describes only the parts of the filter that narrow the list', () => {
    expect(describeFilter(noFilter)).toBe('');
    expect(describeFilter({ kind: 'load', status: 'cancelled', text: ' shop ' })).toBe(
      '"shop", kind Load test, status Stopped',
    );
  });
});

describe('captures in history', () => {
  const capture = (extra: Partial<CaptureListItem> = {}): CaptureListItem => ({
    id: 'ddd',
    kind: 'capture',
    createdAt: '2026-11-25T12:00:00Z',
    finishedAt: '2026-11-25T12:05:00Z',
    status: 'completed',
    source: 'proxy',
    fileName: null,
    database: { name: 'gatherscope_demo', label: 'Embedded demo', serverVersion: '15', embedded: true },
    requests: 5,
    statements: 25,
    topEndpoint: '/dashboard',
    ...extra,
  });

  it('lists a capture by its top endpoint, with what it recorded, filterable by kind', () => {
    const items = mergeHistory([fromRun(run('aaa', '2026-11-25T09:00:00Z'))], [fromCapture(capture())]);
    expect(items[0]).toMatchObject({
      kind: 'capture',
      workloadName: 'Capture · /dashboard',
      headline: '5 requests, 25 statements; top endpoint /dashboard.',
      href: '/capture/ddd',
      imported: false,
    });
    expect(filterHistory(items, { ...noFilter, kind: 'capture' }).map((i) => i.id)).toEqual(['ddd']);
    expect(describeFilter({ ...noFilter, kind: 'capture' })).toBe('kind Capture');
  });

  it('marks an imported trace as imported, named by its file', () => {
    const i = fromCapture(capture({ source: 'otlp', fileName: 'shop.otlp.json', database: null }));
    expect(i).toMatchObject({
      workloadName: 'Trace shop.otlp.json',
      databaseName: 'OTLP file',
      imported: true,
    });
  });
});
