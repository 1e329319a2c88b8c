import {
  type ErrorCounts,
  formatCount,
  formatMs,
  formatPercent,
  type Limit,
  type StrategyName,
  strategyInfo,
} from '@gatherscope/shared';

export interface LimitInput {
  strategy: StrategyName;
  poolSize: number;
  /** Mean share of the pool in use, 0–1. */
  utilisation: number;
  /** Mean wait for a connection (each acquisition), and the mean request latency. */
  waitMsPerAcquire: number;
  meanLatencyMs: number;
  maxHeldPerRequest: number;
  errors: ErrorCounts;
  /** Mean CPU of Gatherscope's process in % of one core. */
  generatorCpuPercent: number;
  /** Mean queries running on the database at once, and the database machine's cores when known. */
  dbActive: number;
  dbCores: number | undefined;
}

const pct = (x: number) => formatPercent(x);

/**
 * Says what bounded throughput when the measurements show it: the server's connection limit, the
 * pool, the database's CPU, or the load generator itself. Undefined when none of them was saturated
 * (then the users or the arrival rate set the pace).
 */
export function findLimit(m: LimitInput): Limit | null {
  const label = strategyInfo[m.strategy].label;
  const refused = m.errors['53300'] ?? 0;
  if (refused > 0) {
    return {
      by: 'max_connections',
      message: `${label}: the database refused ${formatCount(refused, 'connection')} (SQLSTATE 53300, max_connections reached), so the server's connection limit, not the strategy, bounded throughput. Use a smaller pool or raise max_connections.`,
    };
  }
  // Parallel acquisitions of one request wait at the same time, so one wait is the share of a request.
  const waitShare = m.meanLatencyMs > 0 ? Math.min(1, m.waitMsPerAcquire / m.meanLatencyMs) : 0;
  if (m.utilisation >= 0.85 && (waitShare >= 0.2 || (m.errors['pool-timeout'] ?? 0) > 0)) {
    const fanOut =
      m.maxHeldPerRequest > 1
        ? ` Each request held up to ${m.maxHeldPerRequest} connections at once, so fewer requests fit in the pool: concurrency buys latency, and buys throughput only while connections are to spare.`
        : '';
    return {
      by: 'pool',
      message: `${label}: the pool bounded throughput, not the strategy. Its ${m.poolSize} connection${m.poolSize === 1 ? ' was' : 's were'} in use ${pct(m.utilisation)} of the time and each wait for a connection took ${formatMs(m.waitMsPerAcquire)} on average, ${pct(waitShare)} of a request's mean latency.${fanOut} A larger pool (see the pool-size sweep) would help.`,
    };
  }
  if (m.dbCores !== undefined && m.dbActive >= m.dbCores * 0.9) {
    return {
      by: 'database',
      message: `${label}: the database bounded throughput: on average ${m.dbActive.toFixed(1)} queries ran at once on a ${m.dbCores}-core machine, so its CPU was saturated whatever the strategy.`,
    };
  }
  if (m.generatorCpuPercent >= 90) {
    return {
      by: 'generator',
      message: `${label}: Gatherscope's own process used ${Math.round(m.generatorCpuPercent)}% of a CPU core generating the load, so the generator, not the database or the strategy, may have bounded throughput.`,
    };
  }
  return null;
}
