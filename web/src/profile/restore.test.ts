import { RunSettingsSchema, type Workload } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { formFromRun } from './restore';

const dashboard: Workload = { name: 'slow-dashboard', queries: [{ id: 'a', sql: 'SELECT 1' }] };
const settings = RunSettingsSchema.parse({ strategies: ['bounded'], trials: 7, boundedK: 3, rttMs: 20 });
const target = { kind: 'connection' as const, id: 'c1' };

describe('formFromRun', () => {
  it("restores the run's settings, database and built-in workload", () => {
    const form = formFromRun({ settings, target, workload: dashboard }, [dashboard]);
    expect(form.setup).toEqual({ ...settings, target });
    expect(form.choice).toEqual({ mode: 'builtin', name: 'slow-dashboard' });
  });

  it('restores an edited copy of a built-in as a custom workload', () => {
    const edited = { ...dashboard, queries: [{ id: 'a', sql: 'SELECT 2' }] };
    const { choice } = formFromRun({ settings, target, workload: edited }, [dashboard]);
    expect(choice.mode).toBe('custom');
    expect(choice.mode === 'custom' && choice.draft.queries[0]?.sql).toBe('SELECT 2');
  });
});
