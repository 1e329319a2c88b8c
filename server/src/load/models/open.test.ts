import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PhaseRecorder } from '../recorder';
import type { RequestOutcome } from '../request';
import { runClosed } from './closed';
import { runOpen } from './open';

const okOutcome: RequestOutcome = {
  error: undefined,
  connectionMs: 0,
  waitMs: 0,
  acquires: 1,
  queries: 1,
  maxHeld: 1,
};

/** A fake service that serves `capacity` requests at once, each taking `serviceMs`; the rest queue. */
function fakeService(capacity: number, serviceMs: number) {
  let busy = 0;
  const queue: (() => void)[] = [];
  return async (): Promise<RequestOutcome> => {
    if (busy >= capacity) await new Promise<void>((r) => queue.push(r));
    else busy++;
    await new Promise((r) => setTimeout(r, serviceMs));
    const next = queue.shift();
    if (next) next();
    else busy--;
    return okOutcome;
  };
}

// The models schedule by performance.now() and setTimeout: on fake timers a test runs the clock
// itself, so counts and latencies are exact instead of depending on how busy the machine is.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs the fake clock until `done` settles (at most `limitMs` of fake time). */
async function settle<T>(done: Promise<T>, limitMs = 60_000): Promise<T> {
  let finished = false;
  void done.then(() => {
    finished = true;
  });
  for (let t = 0; t < limitMs && !finished; t += 10) await vi.advanceTimersByTimeAsync(10);
  return done;
}

describe('open model', () => {
  it('below capacity: every request starts on time and latency stays near the service time', async () => {
    const recorder = new PhaseRecorder();
    // capacity 4 / 20 ms = 200 req/s; offered 50 req/s for 1.5 s: 75 arrivals, none queued.
    const done = runOpen(
      { kind: 'open', rate: 50, maxInFlight: 10, maxLagMs: 1000 },
      {
        deadline: performance.now() + 1500,
        maxRequests: 1e6,
        stopped: () => false,
        runOne: fakeService(4, 20),
        recorder,
      },
    );
    await settle(done);
    recorder.takeSecond();
    expect(recorder.requests).toBe(75);
    expect(recorder.dropped).toBe(0);
    expect(recorder.total.percentile(95)).toBeLessThan(25);
  });

  it('above capacity: latency from the schedule grows with the lag, and late requests are dropped', async () => {
    const recorder = new PhaseRecorder();
    const lagP95: number[] = [];
    // capacity 2 / 20 ms = 100 req/s; offered 400 req/s.
    const done = runOpen(
      { kind: 'open', rate: 400, maxInFlight: 2, maxLagMs: 600 },
      {
        deadline: performance.now() + 2000,
        maxRequests: 1e6,
        stopped: () => false,
        runOne: fakeService(2, 20),
        recorder,
      },
    );
    const p95s: number[] = [];
    const timer = setInterval(() => {
      const s = recorder.takeSecond();
      p95s.push(s.p95);
      lagP95.push(s.lagP95);
    }, 500);
    await settle(done);
    clearInterval(timer);
    recorder.takeSecond();
    expect(recorder.dropped).toBeGreaterThan(100);
    // Latency is dominated by queueing, far above the 20 ms service time, and grows as the backlog builds.
    expect(recorder.total.percentile(95)).toBeGreaterThan(200);
    expect(p95s[1]!).toBeGreaterThan(p95s[0]! * 1.5);
    expect(lagP95[1]!).toBeGreaterThan(100);
    // In-flight never exceeds maxInFlight, so throughput stays at the service's capacity (~100/s).
    expect(recorder.requests).toBeLessThan(300);
  });

  it('stops starting requests at once when stopped', async () => {
    const recorder = new PhaseRecorder();
    let stopped = false;
    setTimeout(() => {
      stopped = true;
    }, 200);
    const t0 = performance.now();
    const done = runOpen(
      { kind: 'open', rate: 100, maxInFlight: 10, maxLagMs: 1000 },
      {
        deadline: performance.now() + 10_000,
        maxRequests: 1e6,
        stopped: () => stopped,
        runOne: fakeService(10, 5),
        recorder,
      },
    );
    await settle(done);
    // Started only while not stopped: arrivals at 0, 10, …, 190 ms (the stop at 200 ms comes first).
    expect(performance.now() - t0).toBeLessThan(250);
    expect(recorder.requests).toBe(20);
  });
});

describe('closed model', () => {
  it('keeps at most `vus` requests in flight and honours think time and the request limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const recorder = new PhaseRecorder();
    const done = runClosed(
      { kind: 'closed', vus: 5, thinkTimeMs: 10, rampUpS: 0 },
      {
        deadline: performance.now() + 5000,
        maxRequests: 100,
        stopped: () => false,
        runOne: async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          return okOutcome;
        },
        recorder,
      },
    );
    await settle(done);
    expect(peak).toBe(5);
    expect(recorder.requests).toBe(100);
  });

  it('ramps users up over the ramp-up time', async () => {
    const starts: number[] = [];
    const t0 = performance.now();
    const done = runClosed(
      { kind: 'closed', vus: 4, thinkTimeMs: 0, rampUpS: 0.6 },
      {
        deadline: t0 + 800,
        maxRequests: 4,
        stopped: () => false,
        runOne: async () => {
          starts.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 1000));
          return okOutcome;
        },
        recorder: new PhaseRecorder(),
      },
    );
    await settle(done);
    // Users start 0.6 s / 4 apart.
    expect(starts).toEqual([0, 150, 300, 450]);
  });
});
