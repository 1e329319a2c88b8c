import { describe, expect, it } from 'vitest';
import { issuesAfterEdit, valueAt } from './edited-issues';

const request = (sql: string, trials: number) => ({
  trials,
  workload: {
    name: 'w',
    queries: [
      { id: 'a', sql: 'SELECT 1' },
      { id: 'b', sql },
    ],
  },
});
const issues = [
  { path: 'workload.queries.1.sql', message: 'only one statement' },
  { path: 'workload.name', message: 'too long' },
  { path: 'trials', message: 'at most 500' },
];

describe('issues after an edit', () => {
  it('reads values at issue paths, list indexes included', () => {
    expect(valueAt(request('x', 3), 'workload.queries.1.id')).toBe('b');
    expect(valueAt(request('x', 3), 'workload.queries.7.id')).toBeUndefined();
    expect(valueAt(request('x', 3), 'trials.0')).toBeUndefined();
  });

  it("clears only the edited field's message", () => {
    const left = issuesAfterEdit(issues, request('SELECT 1; SELECT 2', 900), request('SELECT 2', 900));
    expect(left.map((i) => i.path)).toEqual(['workload.name', 'trials']);
    expect(issuesAfterEdit(left, request('SELECT 2', 900), request('SELECT 2', 20))).toHaveLength(1);
  });

  it('clears every workload message when another workload is picked', () => {
    const left = issuesAfterEdit(issues, request('x', 900), { trials: 900, workload: 'slow-dashboard' });
    expect(left.map((i) => i.path)).toEqual(['trials']);
  });

  it('returns the same list when nothing it names changed', () => {
    expect(issuesAfterEdit(issues, request('x', 900), request('x', 900))).toBe(issues);
  });
});
