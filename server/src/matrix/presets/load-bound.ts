import { formatPercent } from '@gatherscope/shared';

export interface LoadBoundInput {
  vus: number;
  poolSize: number;
  /** Connections one concurrent request holds at most (its widest dependency wave, up to the pool). */
  widestWave: number;
  /** Mean CPU of Gatherscope's process over the rounds, in % of one core. */
  generatorCpuPercent: number;
  /** One-minute load average per core at the end (database and generator share this machine). */
  loadPerCore: number;
  cores: number;
}

/**
 * What bounded the throughput of the load preset, in the Load page's words (load/limits.ts): the
 * generator's own CPU, the machine's cores, or the shared pool; null when nothing was saturated
 * (the virtual users set the pace). Ordered like findLimit: the generator first, since a saturated
 * generator caps every other measurement.
 */
export function loadBound(m: LoadBoundInput): string | null {
  if (m.generatorCpuPercent >= 90) {
    return `the load generator: Gatherscope's own process used ${Math.round(m.generatorCpuPercent)}% of a CPU core, so it, not the database or the strategy, may have capped throughput.`;
  }
  if (m.loadPerCore >= 1) {
    return `the cores: the machine's load was ${m.loadPerCore.toFixed(1)} per core on ${m.cores} cores (the database and the generator share them), so CPU, not the strategy, capped throughput.`;
  }
  const held = Math.min(m.poolSize, m.widestWave);
  if (m.vus * held > m.poolSize) {
    const concurrentShare = formatPercent(Math.min(1, m.poolSize / (m.vus * held)));
    return `the pool: ${m.vus} virtual users share ${m.poolSize} connections and a concurrent request holds up to ${held} at once, so at most ${concurrentShare} of the concurrent requests can run at a time; ${m.vus >= m.poolSize ? 'sequential requests fill the pool too' : 'sequential requests fit'}. A larger pool would tell the strategies apart better.`;
  }
  return null;
}
