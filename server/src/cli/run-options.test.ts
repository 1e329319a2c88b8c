import { describe, expect, it } from 'vitest';
import { describeSettings, parseRunOptions } from './run-options';

describe('parseRunOptions', () => {
  it('maps flags to run settings with defaults for the rest', () => {
    const o = parseRunOptions([
      '--workload',
      'slow-dashboard',
      '--strategies',
      'sequential,bounded',
      '--iterations',
      '7',
      '--rtt',
      '20',
      '--bounded-k',
      '3',
      '--json',
      '--assert',
      'bounded.speedup>=1',
      '--assert',
      'sequential.p95<500',
    ]);
    expect(o.workload).toBe('slow-dashboard');
    expect(o.json).toBe(true);
    expect(o.asserts).toEqual(['bounded.speedup>=1', 'sequential.p95<500']);
    expect(o.settings).toMatchObject({
      strategies: ['sequential', 'bounded'],
      trials: 7,
      rttMs: 20,
      boundedK: 3,
      warmup: 2,
    });
  });

  it('takes the pipelined strategy and a statement mode, extended unless --mode says otherwise', () => {
    const o = parseRunOptions(['-w', 'x', '-s', 'sequential,pipelined,concurrent', '--mode', 'prepared']);
    expect(o.settings.strategies).toEqual(['sequential', 'pipelined', 'concurrent']);
    expect(o.settings.statementMode).toBe('prepared');
    expect(describeSettings(o.settings)).toBe(
      'sequential, pipelined, concurrent; 20 trials + 2 warm-up each, prepared statements',
    );
    expect(parseRunOptions(['-w', 'x']).settings.statementMode).toBe('extended');
    expect(() => parseRunOptions(['-w', 'x', '--mode', 'binary'])).toThrow(/--mode/);
  });

  it('reports bad usage under the flag the user typed', () => {
    expect(() => parseRunOptions([])).toThrow(/--workload is required/);
    expect(() => parseRunOptions(['--workload', 'x', '--iterations', 'many'])).toThrow(
      /--iterations needs a number/,
    );
    expect(() => parseRunOptions(['--workload', 'x', '--iterations', '0'])).toThrow(/--iterations/);
    expect(() => parseRunOptions(['--workload', 'x', '--strategies', 'sequential,turbo'])).toThrow(
      /--strategies \("turbo"\)/,
    );
    expect(() => parseRunOptions(['--workload', 'x', '--frobnicate'])).toThrow(/frobnicate/);
  });

  it('describes the settings for the header line, naming --cold and --jitter when set', () => {
    const plain = parseRunOptions(['--workload', 'x', '--strategies', 'sequential,concurrent', '-n', '5']);
    expect(describeSettings(plain.settings)).toBe('sequential, concurrent; 5 trials + 2 warm-up each');
    const o = parseRunOptions([
      '--workload',
      'x',
      '-s',
      'concurrent',
      '--rtt',
      '20',
      '--jitter',
      '5',
      '--cold',
    ]);
    expect(describeSettings(o.settings)).toBe(
      'concurrent; 20 trials + 2 warm-up each, RTT 20 ms, jitter up to 5 ms each way, cold connections (a new one per trial)',
    );
  });

  it("sets the run's limits within their maxima, naming the flag of a bad one", () => {
    const o = parseRunOptions([
      '-w',
      'x',
      '--max-rows',
      '50000',
      '--max-result-mb',
      '64',
      '--statement-timeout',
      '60000',
    ]);
    expect(o.settings.limits).toEqual({
      maxRows: 50_000,
      maxBytes: 64 * 1024 * 1024,
      statementTimeoutMs: 60_000,
    });
    expect(describeSettings(o.settings)).toContain(
      'row cap 50000, result cap 64 MB, statement timeout 60000 ms',
    );
    expect(parseRunOptions(['-w', 'x']).settings.limits).toBeUndefined();
    expect(() => parseRunOptions(['-w', 'x', '--statement-timeout', '3600000'])).toThrow(
      /--statement-timeout: the statement timeout is at most 300 s/,
    );
  });
});
