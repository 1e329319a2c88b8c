import { describe, expect, it } from 'vitest';
import { findLimit, type LimitInput } from './limits';

const base: LimitInput = {
  strategy: 'concurrent',
  poolSize: 10,
  utilisation: 0.3,
  waitMsPerAcquire: 0.1,
  meanLatencyMs: 10,
  maxHeldPerRequest: 4,
  errors: {},
  generatorCpuPercent: 40,
  generator: { threads: 2, busy: 0.4, saturatedSeconds: 0, seconds: 10 },
  dbActive: 1,
  dbCores: 8,
};

describe('findLimit', () => {
  it('says nothing when nothing was saturated', () => {
    expect(findLimit(base)).toBeNull();
  });

  it('blames the pool when it was busy and requests queued for it, naming the fan-out', () => {
    const l = findLimit({ ...base, utilisation: 0.97, waitMsPerAcquire: 6 });
    expect(l?.by).toBe('pool');
    expect(l?.message).toContain('97%');
    expect(l?.message).toContain('60%');
    expect(l?.message).toContain('up to 4 connections');
  });

  it('does not blame a busy pool when nobody waited for it', () => {
    expect(findLimit({ ...base, utilisation: 0.95, waitMsPerAcquire: 0.2 })).toBeNull();
  });

  it('reports max_connections first', () => {
    const l = findLimit({ ...base, utilisation: 1, waitMsPerAcquire: 9, errors: { '53300': 3 } });
    expect(l?.by).toBe('max_connections');
    expect(l?.message).toContain('53300');
  });

  it('blames the database when its cores were all busy, and the generator when it was', () => {
    expect(findLimit({ ...base, dbActive: 7.6 })?.by).toBe('database');
    expect(findLimit({ ...base, dbCores: undefined, dbActive: 50 })).toBeNull();
  });

  it('names the generator when its threads were saturated in most seconds, before the pool it inflates', () => {
    const l = findLimit({
      ...base,
      utilisation: 0.99,
      waitMsPerAcquire: 8,
      generatorCpuPercent: 97,
      generator: { threads: 1, busy: 0.98, saturatedSeconds: 12, seconds: 20 },
    });
    expect(l?.by).toBe('generator');
    expect(l?.message).toContain('the load generator was the bottleneck in 12 of 20 seconds');
    expect(l?.message).toContain('busy 98%');
    expect(l?.message).toContain('--threads');
    expect(l?.message).toContain('gatherscope export pgbench|k6');
  });

  it('adds the generator as a caveat when it fell behind in a few seconds only', () => {
    const few = { threads: 2, busy: 0.5, saturatedSeconds: 2, seconds: 20 };
    const l = findLimit({ ...base, dbActive: 7.6, generator: few });
    expect(l?.by).toBe('database');
    expect(l?.message).toContain('Also, the load generator was the bottleneck in 2 of 20 seconds');
    expect(findLimit({ ...base, generator: few })?.by).toBe('generator');
    expect(findLimit({ ...base, generatorCpuPercent: 180 })).toBeNull();
  });

  it('says the machine was short of CPU when busy threads got little of it', () => {
    const l = findLimit({
      ...base,
      generatorCpuPercent: 22,
      generator: { threads: 2, busy: 0.94, saturatedSeconds: 3, seconds: 3 },
    });
    expect(l?.by).toBe('generator');
    expect(l?.message).toContain('got only 22% of a core');
    expect(l?.message).toContain('More threads would not help here');
  });
});
