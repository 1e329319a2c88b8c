import { describe, expect, it } from 'vitest';
import { zodIssues } from './errors';
import { findCycle, highestPlaceholder, likelyField, StoredWorkloadSchema, WorkloadSchema } from './workload';

describe('WorkloadSchema', () => {
  it('accepts a valid workload', () => {
    const r = WorkloadSchema.safeParse({
      name: 'w',
      queries: [
        {
          id: 'user',
          sql: 'SELECT * FROM users WHERE id = $1',
          params: [{ kind: 'randomInt', min: 1, max: 10 }],
        },
        {
          id: 'orders',
          sql: 'SELECT * FROM orders WHERE user_id = $1',
          params: [{ kind: 'ref', query: 'user', column: 'id' }],
          dependsOn: ['user'],
        },
      ],
    });
    expect(r.success).toBe(true);
  });

  it('names the bad field of an invalid workload', () => {
    const r = WorkloadSchema.safeParse({
      name: 'w',
      queries: [
        { id: 'a', sql: 'SELECT $1' },
        { id: 'a', sql: 'SELECT 1', dependsOn: ['zzz'] },
      ],
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    const paths = zodIssues(r.error).map((i) => i.path);
    expect(paths).toContain('queries.0.params');
    expect(paths).toContain('queries.1.id');
    expect(paths).toContain('queries.1.dependsOn.0');
  });

  it('rejects dependency cycles', () => {
    expect(
      findCycle([
        { id: 'a', dependsOn: ['b'] },
        { id: 'b', dependsOn: ['a'] },
      ]),
    ).toEqual(['a', 'b', 'a']);
    expect(findCycle([{ id: 'a' }, { id: 'b', dependsOn: ['a'] }])).toBeUndefined();
  });

  it('counts placeholders outside strings and comments', () => {
    expect(highestPlaceholder("SELECT $2, '$9' -- $7\n, $1")).toBe(2);
  });
});

describe('unknown fields', () => {
  const issues = (w: unknown) => {
    const r = WorkloadSchema.safeParse(w);
    return r.success ? [] : zodIssues(r.error).map((i) => `${i.path}: ${i.message}`);
  };

  it('refuses a misspelled field, naming it and the field it probably meant', () => {
    expect(
      issues({
        name: 'w',
        queries: [
          { id: 'a', sql: 'SELECT 1', simulatedDelay: 50 },
          { id: 'b', sql: 'SELECT 1', depends_on: ['a'] },
          { id: 'c', sql: 'SELECT $1', params: [{ kind: 'randomInt', min: 1, max: 9, shard: 'u' }] },
        ],
        descripton: 'typo',
      }),
    ).toEqual([
      'queries.0: unknown field simulatedDelay — did you mean simulatedDelayMs?',
      'queries.1: unknown field depends_on — did you mean dependsOn?',
      'queries.2.params.0: unknown field shard — did you mean shared?',
      '(root): unknown field descripton — did you mean description?',
    ]);
  });

  it('lists the known fields when no guess is obvious', () => {
    expect(issues({ name: 'w', queries: [{ id: 'a', sql: 'SELECT 1', timeoutMs: 5 }] })).toEqual([
      'queries.0: unknown field timeoutMs (known fields: id, sql, params, dependsOn, simulatedDelayMs, description)',
    ]);
  });

  it('drops unknown fields in a stored record instead of refusing it', () => {
    const stored = StoredWorkloadSchema.parse({
      name: 'w',
      fromANewerVersion: true,
      queries: [{ id: 'a', sql: 'SELECT 1', alsoNew: 1 }],
    });
    expect(stored).toEqual({ name: 'w', queries: [{ id: 'a', sql: 'SELECT 1' }] });
  });

  it('guesses only when it is obvious', () => {
    const known = ['id', 'sql', 'params', 'dependsOn', 'simulatedDelayMs'];
    expect(likelyField('depends-on', known)).toBe('dependsOn');
    expect(likelyField('parms', known)).toBe('params');
    expect(likelyField('xyz', known)).toBeUndefined();
  });
});
