import { type RunSettings, RunSettingsSchema, type Span, type Trial } from '@gatherscope/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getBuiltinWorkload } from '../../workloads/builtin';
import { runProfile } from '../run-profile';
import { median } from '../stats';
import type { ProfileRunResult } from '../types';

const settings: RunSettings = RunSettingsSchema.parse({
  strategies: ['sequential', 'concurrent', 'bounded', 'dependency-aware', 'single-connection', 'pipelined'],
  trials: 3,
  warmup: 1,
  boundedK: 2,
});

describe('strategies on the slow dashboard (50, 100, 80, 70 ms)', () => {
  let run: ProfileRunResult;
  const measured = (s: string): Trial[] => run.trials.filter((t) => t.strategy === s && !t.warmup);
  const wall = (s: string) => median(measured(s).map((t) => t.wallMs));

  beforeAll(async () => {
    run = await runProfile({
      url: inject('demoUrl'),
      workload: getBuiltinWorkload('slow-dashboard'),
      settings,
      signal: new AbortController().signal,
      onEvent: () => {},
    });
  }, 60_000);

  it('completes every trial without an error', () => {
    expect(run.status).toBe('completed');
    expect(run.trials).toHaveLength(6 * 4);
    expect(run.trials.flatMap((t) => t.spans).filter((s) => s.error)).toEqual([]);
  });

  it('sequential sums the delays, concurrent takes the longest, bounded k=2 is in between', () => {
    expect(wall('sequential')).toBeGreaterThanOrEqual(270);
    expect(wall('concurrent')).toBeLessThanOrEqual(200);
    expect(wall('dependency-aware')).toBeLessThanOrEqual(200);
    expect(wall('single-connection')).toBeGreaterThanOrEqual(270);
    // The server runs a pipeline one statement after another: no overlap of server time.
    expect(wall('pipelined')).toBeGreaterThanOrEqual(270);
    // Model: two slots, 50+80 on one and 100+70 on the other = 170 ms.
    expect(wall('bounded')).toBeGreaterThan(wall('concurrent') + 30);
    expect(wall('bounded')).toBeLessThan(wall('sequential') - 60);
  });

  it('records the phases of each span in order, inside the span', () => {
    for (const s of run.trials.flatMap((t) => t.spans)) {
      const names = s.phases.map((p) => p.phase);
      expect(names).toContain('executing');
      expect(names).toContain('delay');
      const order = ['waiting', 'connecting', 'executing', 'reading', 'delay'];
      expect([...names].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(names);
      let t = s.start;
      for (const p of s.phases) {
        expect(p.start).toBeGreaterThanOrEqual(t - 0.001);
        expect(p.end).toBeGreaterThanOrEqual(p.start);
        t = p.end;
      }
      expect(s.end).toBeCloseTo(t, 6);
      expect(s.rows).toBeGreaterThanOrEqual(0);
      expect(s.pid).toBeGreaterThan(0);
    }
  });

  it('runs single-connection on one backend, served one after another with visible waits', () => {
    for (const t of measured('single-connection')) {
      expect(new Set(t.spans.map((s) => s.pid)).size).toBe(1);
      // All issued at once…
      for (const s of t.spans) expect(s.start).toBeLessThan(5);
      // …but the last three waited for the connection.
      const waited = t.spans.filter((s: Span) => s.phases.some((p) => p.phase === 'waiting'));
      expect(waited.length).toBe(3);
    }
  });

  it('sends the whole pipeline at once on one backend, each span with its own answer time', () => {
    for (const t of measured('pipelined')) {
      expect(new Set(t.spans.map((s) => s.pid)).size).toBe(1);
      const sent = t.spans.map((s) => s.phases.find((p) => p.phase === 'executing')!.start);
      // Every statement went out before the first answer came back…
      const firstAnswer = Math.min(...t.spans.map((s) => s.phases.find((p) => p.phase === 'executing')!.end));
      for (const at of sent) expect(at).toBeLessThanOrEqual(firstAnswer);
      // …and nothing waited for the connection, unlike single-connection.
      expect(t.spans.filter((s) => s.phases.some((p) => p.phase === 'waiting'))).toEqual([]);
      // Simulated server time runs one statement after another: the last ends after all four.
      expect(Math.max(...t.spans.map((s) => s.end))).toBeGreaterThanOrEqual(295);
    }
  });

  it('uses four backends at once for concurrent and two for bounded', () => {
    for (const t of measured('concurrent')) expect(new Set(t.spans.map((s) => s.pid)).size).toBe(4);
    for (const t of measured('bounded')) {
      expect(new Set(t.spans.map((s) => s.pid)).size).toBeLessThanOrEqual(2);
      expect(t.spans.filter((s) => s.phases.some((p) => p.phase === 'waiting')).length).toBe(2);
    }
  });

  it('summarises with a speedup over sequential and a verdict that says so', () => {
    const conc = run.summary!.strategies.find((s) => s.strategy === 'concurrent')!;
    expect(conc.speedup!.estimate).toBeGreaterThan(1.8);
    expect(run.summary!.theory.sumMs).toBeGreaterThan(290);
    expect(run.summary!.verdict).toMatch(/faster/);
  });
});
