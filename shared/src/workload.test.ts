import { describe, expect, it } from 'vitest';
import { zodIssues } from './errors';
import { findCycle, highestPlaceholder, WorkloadSchema } from './workload';

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
