import { describe, expect, it } from 'vitest';
import { validateWorkload } from './issues';

/** The messages a user meets in the editor and on import: plain words, at the right field. */
const issues = (queries: unknown[]) => {
  const r = validateWorkload({ name: 'w', queries });
  return 'issues' in r ? Object.fromEntries(r.issues.map((i) => [i.path, i.message])) : {};
};

describe('workload messages', () => {
  it('asks for the query a dependency parameter reads when none is chosen', () => {
    expect(
      issues([
        { id: 'a', sql: 'SELECT 1' },
        { id: 'b', sql: 'SELECT $1', dependsOn: ['a'], params: [{ kind: 'ref', query: '', column: 'id' }] },
      ]),
    ).toEqual({ 'queries.1.params.0.query': 'choose the query this parameter reads' });
  });

  it('says a negative simulated delay cannot be, in words', () => {
    expect(issues([{ id: 'a', sql: 'SELECT 1', simulatedDelayMs: -5 }])).toEqual({
      'queries.0.simulatedDelayMs':
        'the simulated delay cannot be negative: use 0 or leave it empty for none',
    });
  });

  it('names the parameter range the SQL uses without "$1…$1"', () => {
    expect(issues([{ id: 'a', sql: 'SELECT $1' }])['queries.0.params']).toBe(
      'the SQL uses 1 parameter ($1) but 0 are given',
    );
    expect(issues([{ id: 'a', sql: 'SELECT $1, $2', params: [1] }])['queries.0.params']).toBe(
      'the SQL uses 2 parameters ($1…$2) but 1 is given',
    );
    expect(issues([{ id: 'a', sql: 'SELECT 1', params: [1] }])['queries.0.params']).toBe(
      'the SQL uses no parameters but 1 is given',
    );
  });
});
