import { RunRequestSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { buildRequest, defaultSetup, normalizeRunIssues, unplacedRunIssues } from './setup';

describe('buildRequest', () => {
  it('builds a valid run request with strategies in canonical order', () => {
    const req = buildRequest(
      { ...defaultSetup, strategies: ['single-connection', 'sequential'] },
      'slow-dashboard',
    );
    const parsed = RunRequestSchema.parse(req);
    expect(parsed.strategies).toEqual(['sequential', 'single-connection']);
    expect(parsed.workload).toBe('slow-dashboard');
    expect(parsed.target).toEqual({ kind: 'default' });
  });

  it('yields the schema errors the form shows at its fields', () => {
    const r = RunRequestSchema.safeParse(buildRequest({ ...defaultSetup, strategies: [], trials: 0 }, 'x'));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['strategies', 'trials']);
  });
});

describe('normalizeRunIssues', () => {
  it('points workload-only issue paths at the workload fields of the request', () => {
    expect(
      normalizeRunIssues([
        { path: 'queries.1.sql', message: 'refused' },
        { path: 'workload.queries.0.id', message: 'bad id' },
        { path: 'trials', message: 'too many' },
      ]).map((i) => i.path),
    ).toEqual(['workload.queries.1.sql', 'workload.queries.0.id', 'trials']);
  });
});

describe('unplacedRunIssues', () => {
  it('lists what no field shows, such as an unknown built-in workload', () => {
    const issues = [
      { path: 'workload', message: 'unknown built-in workload "x"' },
      { path: 'trials', message: 'too big' },
      { path: 'workload.queries.0.sql', message: 'empty' },
      { path: 'target.id', message: 'unknown connection' },
    ];
    expect(unplacedRunIssues(issues, true).map((i) => i.path)).toEqual(['workload', 'target.id']);
    expect(unplacedRunIssues(issues, false).map((i) => i.path)).toEqual([
      'workload',
      'workload.queries.0.sql',
      'target.id',
    ]);
  });
});
