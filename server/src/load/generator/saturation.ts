import type { ThreadLoad } from './protocol';

/**
 * A thread busy this share of a second had no time left to start requests or read answers when
 * they came: requests waited on the generator, not on the database (k6 warns at a similar point).
 */
export const SATURATED_BUSY = 0.9;
/** Timers and socket callbacks running this late (p99) inflate every latency measured on the thread. */
export const SATURATED_DELAY_MS = 50;

export interface GeneratorSecond {
  generatorBusy: number;
  generatorLoopDelayMs: number;
  generatorSaturated: boolean;
}

/** A second of the generator as the series shows it: its busiest thread decides. */
export function generatorSecond(loads: readonly ThreadLoad[]): GeneratorSecond {
  const busy = Math.max(0, ...loads.map((l) => l.busy));
  const delay = Math.max(0, ...loads.map((l) => l.loopDelayMs));
  return {
    generatorBusy: Math.round(busy * 1000) / 1000,
    generatorLoopDelayMs: Math.round(delay * 10) / 10,
    generatorSaturated: busy >= SATURATED_BUSY || delay >= SATURATED_DELAY_MS,
  };
}
