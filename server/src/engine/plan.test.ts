import { describe, expect, it } from 'vitest';
import { planWorkload } from './plan';

describe('planWorkload', () => {
  it('orders dependencies first, otherwise keeps the workload order, and groups waves', () => {
    const plan = planWorkload({
      name: 'w',
      queries: [
        { id: 'd', sql: 'SELECT 1', dependsOn: ['c'] },
        { id: 'a', sql: 'SELECT 1' },
        { id: 'c', sql: 'SELECT 1', dependsOn: ['a'] },
        { id: 'b', sql: 'SELECT 1' },
      ],
    });
    expect(plan.order.map((q) => q.id)).toEqual(['a', 'c', 'd', 'b']);
    expect(plan.waves.map((w) => w.map((q) => q.id))).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(plan.byId.get('c')!.dependsOn).toEqual(['a']);
  });
});
