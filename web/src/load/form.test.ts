import { LoadTestRequestSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import {
  buildLoadRequest,
  defaultLoadForm,
  describeSettings,
  plannedTime,
  presetForm,
  savedOption,
  savedWorkloadId,
  validateLoadForm,
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

  it('sends the advanced settings and names a bad one at its field, as the server would', () => {
    const req = LoadTestRequestSchema.parse(
      buildLoadRequest(
        { ...defaultLoadForm, graceMs: '500', maxRequests: '1000', boundedK: '3', statementMode: 'simple' },
        { kind: 'default' },
      ),
    );
    expect(req).toMatchObject({ graceMs: 500, maxRequests: 1000, boundedK: 3, statementMode: 'simple' });
    expect(
      LoadTestRequestSchema.parse(buildLoadRequest(defaultLoadForm, { kind: 'default' })).statementMode,
    ).toBe('extended');
    expect(validateLoadForm(defaultLoadForm, { kind: 'default' })).toEqual([]);
    const bad = validateLoadForm(
      { ...defaultLoadForm, graceMs: '99999', maxRequests: '0', boundedK: '1.5' },
      { kind: 'default' },
    );
    expect(bad.map((i) => i.path)).toEqual(['maxRequests', 'graceMs', 'boundedK']);
    // In words saying what the field takes, not the schema's "Too small: expected number to be >=1".
    expect(bad[1]?.message).toBe('Enter a grace period from 0 to 30,000 ms.');
    const typed = validateLoadForm(
      { ...defaultLoadForm, vus: '', sweep: true, sweepStepS: '0' },
      { kind: 'default' },
    );
    expect(typed.map((i) => [i.path, i.message])).toEqual([
      ['model.vus', 'Enter a whole number of virtual users from 1 to 1,000.'],
      ['sweep.stepDurationS', 'Enter a step from 1 to 60 s.'],
    ]);
    // Over the whole test's limit: the sum, with the fix in the form's labels.
    const long = validateLoadForm(
      {
        ...defaultLoadForm,
        durationS: '600',
        strategies: ['sequential', 'concurrent', 'bounded', 'dependency-aware'],
      },
      { kind: 'default' },
    );
    expect(long[0]?.message).toMatch(
      /^4 strategies × 600 s = 40 min, over the 30 min limit.*\(Duration per strategy\)/,
    );
  });

  it("shows the whole test's planned time live, and the API's sentence when it is over 30 min", () => {
    expect(plannedTime(defaultLoadForm)).toEqual({ formula: '2 strategies × 10 s = 20 s', problem: null });
    const long = {
      ...defaultLoadForm,
      strategies: ['sequential', 'concurrent', 'bounded'] as const,
      durationS: '600',
      sweep: true,
    };
    const p = plannedTime({ ...long, strategies: [...long.strategies] });
    expect(p?.formula).toBe('3 strategies × 600 s + sweep 6 pool sizes × 3 strategies × 5 s = 31.5 min');
    expect(p?.problem).toMatch(/= 31\.5 min, over the 30 min limit of a test; shorten/);
    const issues = validateLoadForm({ ...long, strategies: [...long.strategies] }, { kind: 'default' });
    expect(issues).toEqual([{ path: 'durationS', message: p?.problem }]);
    expect(plannedTime({ ...defaultLoadForm, durationS: '' })).toBeNull();
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
