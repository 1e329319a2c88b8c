import { LoadTestRequestSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import {
  buildLoadRequest,
  defaultLoadForm,
  describeSettings,
  presetForm,
  savedOption,
  savedWorkloadId,
} from './form';

describe('load form', () => {
  it('builds a valid closed-model request and an open-model one', () => {
    const closed = LoadTestRequestSchema.parse(buildLoadRequest(defaultLoadForm, { kind: 'default' }));
    expect(closed.model).toEqual({ kind: 'closed', vus: 20, thinkTimeMs: 0, rampUpS: 0 });
    const open = LoadTestRequestSchema.parse(
      buildLoadRequest({ ...defaultLoadForm, model: 'open', rate: '250', sweep: true }, { kind: 'default' }),
    );
    expect(open.model).toEqual({ kind: 'open', rate: 250, maxInFlight: 100, maxLagMs: 1000 });
    expect(open.sweep).toEqual({ maxPool: 32, stepDurationS: 5 });
  });

  it('turns a half-typed number into a validation error, not a silent default', () => {
    const r = LoadTestRequestSchema.safeParse(
      buildLoadRequest({ ...defaultLoadForm, vus: '' }, { kind: 'default' }),
    );
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['model', 'vus']);
  });

  it('tells a saved workload from a built-in one and sends the saved one whole', () => {
    const value = savedOption('abc123');
    expect(savedWorkloadId(value)).toBe('abc123');
    expect(savedWorkloadId('user-dashboard')).toBeUndefined();
    const mine = { name: 'mine', queries: [{ id: 'q', sql: 'SELECT 1' }] };
    const req = LoadTestRequestSchema.parse(
      buildLoadRequest({ ...defaultLoadForm, workload: value }, { kind: 'default' }, mine),
    );
    expect(req.workload).toEqual(mine);
    expect(buildLoadRequest(defaultLoadForm, { kind: 'default' }).workload).toBe('user-dashboard');
  });

  it('describes a stored test in one line', () => {
    const req = LoadTestRequestSchema.parse(buildLoadRequest(presetForm(), { kind: 'default' }));
    expect(describeSettings(req)).toBe(
      '100 virtual users (think 250 ms), 10 s per strategy, pool 50, RTT 5 ms.',
    );
  });

  it('fills the dashboard preset: 100 users, sequential vs concurrent, RTT 5 ms', () => {
    const p = presetForm();
    expect(p).toMatchObject({
      workload: 'user-dashboard',
      vus: '100',
      rttMs: '5',
      strategies: ['sequential', 'concurrent'],
    });
  });
});
