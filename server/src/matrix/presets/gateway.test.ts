import { afterAll, describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../../engine/profiler';
import { type MockServices, startMockServices } from '../../mock-services/server';
import { GATEWAY_TRIALS, gatewayPreset } from './gateway';

describe('gateway preset (real HTTP to the mock services)', () => {
  let mock: MockServices | undefined;
  afterAll(() => mock?.close());

  it('measures three 100 ms calls: about 300 ms one after another, about 100 ms at once', async () => {
    const result = await gatewayPreset({
      databaseUrl: inject('demoUrl'),
      embedded: true,
      mock: async () => {
        mock ??= await startMockServices();
        return mock;
      },
      signal: new AbortController().signal,
      createProfiler,
    });
    expect(result.baseline.samples).toBe(GATEWAY_TRIALS);
    // Wide margins: the machine is shared; the ratio of ~3 is what matters.
    expect(result.baseline.medianMs).toBeGreaterThanOrEqual(299);
    expect(result.baseline.medianMs).toBeLessThan(450);
    expect(result.treatment.medianMs).toBeGreaterThanOrEqual(99);
    expect(result.treatment.medianMs).toBeLessThan(200);
    expect(result.speedup.estimate).toBeGreaterThan(2);
    expect(result.speedup.low).not.toBeNull();
    expect(mock!.served('users')).toBe((GATEWAY_TRIALS + 1) * 2);
    // Nearly all of a gateway request is waiting.
    expect(result.computeShare!).toBeLessThan(0.2);
    const seqSpans = result.sampleSpans!.filter((s) => s.strategy === 'sequential');
    expect(seqSpans.map((s) => s.queryId)).toEqual(['users', 'inventory', 'pricing']);
    expect(seqSpans[1]!.start).toBeGreaterThanOrEqual(seqSpans[0]!.end - 0.01);
  });
});
