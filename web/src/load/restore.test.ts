import { LoadSettingsSchema, type Workload } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { buildLoadRequest, defaultLoadForm } from './form';
import { formFromLoadTest } from './restore';

const dashboard: Workload = { name: 'user-dashboard', queries: [{ id: 'a', sql: 'SELECT 1' }] };
const target = { kind: 'connection' as const, id: 'c1' };
const settings = LoadSettingsSchema.parse({
  strategies: ['sequential', 'pipelined'],
  model: { kind: 'closed', vus: 5, thinkTimeMs: 25, rampUpS: 1 },
  durationS: 3,
  poolSize: 4,
  rttMs: 2,
  graceMs: 500,
  maxRequests: 900,
  boundedK: 3,
  statementMode: 'prepared',
  sweep: { maxPool: 8, stepDurationS: 2 },
});

describe('formFromLoadTest', () => {
  it("restores the test's settings, database and built-in workload, and rebuilds the same request", () => {
    const { form, target: to } = formFromLoadTest({ settings, target, workload: dashboard }, [dashboard], []);
    expect(to).toEqual(target);
    expect(form).toMatchObject({
      workload: 'user-dashboard',
      strategies: ['sequential', 'pipelined'],
      statementMode: 'prepared',
      model: 'closed',
      vus: '5',
      thinkTimeMs: '25',
      rampUpS: '1',
      durationS: '3',
      poolSize: '4',
      rttMs: '2',
      sweep: true,
      sweepMaxPool: '8',
      sweepStepS: '2',
    });
    const req = buildLoadRequest(form, target);
    const { workload: _w, target: _t, detached: _d, ...sent } = req;
    expect(LoadSettingsSchema.parse(sent)).toEqual(settings);
  });

  it('restores an open-model test, keeping the closed fields at their defaults', () => {
    const open = { ...settings, model: { kind: 'open' as const, rate: 40, maxInFlight: 7, maxLagMs: 300 } };
    const { form } = formFromLoadTest({ settings: open, target, workload: dashboard }, [dashboard], []);
    expect(form).toMatchObject({ model: 'open', rate: '40', maxInFlight: '7', maxLagMs: '300' });
    expect(form.vus).toBe(defaultLoadForm.vus);
  });

  it('picks the saved workload of that name when the test ran a workload that is not a built-in', () => {
    const mine = { name: 'my-queries', queries: [{ id: 'q', sql: 'SELECT 2' }] };
    const saved = [{ id: 's1', name: 'my-queries', queries: 1, savedAt: '2024-01-01T00:00:00Z' }];
    expect(formFromLoadTest({ settings, target, workload: mine }, [dashboard], saved).form.workload).toBe(
      'saved:s1',
    );
    const edited = { ...dashboard, queries: [{ id: 'a', sql: 'SELECT 3' }] };
    expect(formFromLoadTest({ settings, target, workload: edited }, [dashboard], []).form.workload).toBe(
      defaultLoadForm.workload,
    );
  });
});
