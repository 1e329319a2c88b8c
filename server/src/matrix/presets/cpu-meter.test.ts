import { describe, expect, it } from 'vitest';
import { computeShare, createCpuMeter, shareFacts } from './cpu-meter';

describe('compute share of a request', () => {
  it('is CPU per request (this process + its database backends) over wall per request', () => {
    // Checkout-like: 4 round trips of 5 ms waiting, about 4 ms of CPU in a 31 ms request.
    const s = computeShare({ requests: 20, wallMs: 20 * 31, appMs: 20 * 0.5, dbMs: 20 * 3.5 }, true);
    expect(s.share).toBeCloseTo(4 / 31, 5);
    expect(s.capped).toBe(false);
    expect(s.dbMsPerRequest).toBeCloseTo(3.5, 5);
    expect(s.wallMsPerRequest).toBeCloseTo(31, 5);
  });

  it('never exceeds the wall time, and says when it was capped', () => {
    const s = computeShare({ requests: 10, wallMs: 4, appMs: 2, dbMs: 6.3 }, true);
    expect(s.share).toBe(1);
    expect(s.capped).toBe(true);
    expect(shareFacts(s).some((f) => f.value.includes('capped at 100%'))).toBe(true);
  });

  it('is not measurable when the database CPU cannot be read (remote database) or nothing ran', () => {
    expect(computeShare({ requests: 10, wallMs: 100, appMs: 1, dbMs: null }, true).share).toBeNull();
    expect(computeShare({ requests: 0, wallMs: 0, appMs: 0, dbMs: 0 }, true).share).toBeNull();
    // HTTP-only work needs no database: this process's CPU alone.
    expect(computeShare({ requests: 10, wallMs: 300, appMs: 3, dbMs: null }, false).share).toBeCloseTo(
      0.01,
      5,
    );
  });

  it('names both parts in its facts', () => {
    const [f] = shareFacts(computeShare({ requests: 2, wallMs: 10, appMs: 1, dbMs: 2 }, true));
    expect(f!.value).toBe(
      "this process 0.50 ms + database backends of the preset's connections 1.00 ms of 5.00 ms wall",
    );
  });
});

describe('CPU meter of this process', () => {
  it('counts only what runs inside the measured window, at most its wall time', async () => {
    const meter = await createCpuMeter(null);
    const spin = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    spin(40); // outside any window: not charged
    await meter.around(
      async () => {
        await new Promise((r) => setTimeout(r, 30));
        return { wallMs: 30 };
      },
      { pids: () => [], wallMs: (r) => r.wallMs },
    );
    const t = meter.totals();
    expect(t.requests).toBe(1);
    expect(t.dbMs).toBeNull();
    // Waiting on a timer costs next to no CPU (wide margin for a busy machine).
    expect(t.appMs).toBeLessThan(20);
  });
});
