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
    expect(findLimit({ ...base, generatorCpuPercent: 97 })?.by).toBe('generator');
  });
});
