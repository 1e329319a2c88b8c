import type { Arm, Span } from '@gatherscope/shared';
import { percentileSorted } from '../../engine/stats';
import { speedupWithCi } from '../verdict/arm-speedup';
import type { TaskTrial } from './task-runner';

export function arm(
  label: string,
  samplesMs: readonly number[],
  throughputPerSec: number | null = null,
): Arm {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    label,
    samples: samplesMs.length,
    medianMs: percentileSorted(sorted, 0.5),
    p95Ms: percentileSorted(sorted, 0.95),
    throughputPerSec,
  };
}

/** Interleaves the arms' trials (A B A B …) so drift hits both alike; warm-up trials are dropped. */
export async function interleave<T>(
  arms: readonly ((trial: number) => Promise<T>)[],
  trials: number,
  warmup: number,
  signal: AbortSignal,
): Promise<T[][]> {
  const out: T[][] = arms.map(() => []);
  for (let t = -warmup; t < trials; t++) {
    for (const [i, run] of arms.entries()) {
      if (signal.aborted) throw new Error('The preset was stopped.');
      const r = await run(t);
      if (t >= 0) out[i]!.push(r);
    }
  }
  return out;
}

/** Speedup and arms from two lists of task trials; failed trials abort the preset with their error. */
export function compareTaskTrials(
  labels: readonly [string, string],
  baseline: readonly TaskTrial[],
  treatment: readonly TaskTrial[],
) {
  const failed = [...baseline, ...treatment].find((t) => t.failed);
  if (failed) {
    const err = failed.spans.find((s) => s.error)?.error;
    throw new Error(`a trial failed: ${err?.message ?? 'unknown error'}`);
  }
  const b = baseline.map((t) => t.wallMs);
  const c = treatment.map((t) => t.wallMs);
  const lastSpans: Span[] = [...(baseline.at(-1)?.spans ?? []), ...(treatment.at(-1)?.spans ?? [])];
  return {
    baseline: arm(labels[0], b),
    treatment: arm(labels[1], c),
    speedup: speedupWithCi(b, c),
    sampleSpans: lastSpans,
  };
}
