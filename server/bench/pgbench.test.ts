import { describe, expect, it } from 'vitest';
import { getBuiltinWorkload } from '../src/workloads/builtin';
import { pgbenchScript } from './pgbench-client';

describe('pgbenchScript', () => {
  it('turns each random parameter into a pgbench variable, queries in order, one statement per line', () => {
    const script = pgbenchScript(getBuiltinWorkload('user-dashboard'));
    const lines = script.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('\\set'))).toHaveLength(4);
    expect(lines.filter((l) => l.endsWith(';'))).toHaveLength(4);
    expect(script).toContain('\\set p0_1 random(1, 5000)');
    expect(script).toContain('WHERE id = :p0_1;');
    expect(script).not.toMatch(/\$\d/);
  });

  it('refuses a parameter pgbench cannot generate', () => {
    expect(() =>
      pgbenchScript({
        name: 'x',
        queries: [{ id: 'q', sql: 'SELECT $1', params: [{ kind: 'pick', values: ['a'] }] }],
      }),
    ).toThrow(/pgbench cannot generate/);
  });
});
