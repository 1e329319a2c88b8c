import { describe, expect, it } from 'vitest';
import { loadBound } from './load-bound';

const idle = { vus: 4, poolSize: 10, widestWave: 2, generatorCpuPercent: 30, loadPerCore: 0.3, cores: 2 };

describe('what bounded the load preset', () => {
  it('names the generator, then the cores, then the pool, and nothing when none was saturated', () => {
    expect(loadBound(idle)).toBeNull();
    expect(loadBound({ ...idle, generatorCpuPercent: 97 })).toMatch(/^the load generator: .*97%/);
    expect(loadBound({ ...idle, loadPerCore: 1.6 })).toMatch(/^the cores: .*1\.6 per core on 2 cores/);
    expect(loadBound({ ...idle, vus: 8, widestWave: 4 })).toMatch(
      /^the pool: 8 virtual users share 10 connections and a concurrent request holds up to 4/,
    );
  });
});
