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
  /** Mean CPU of Gatherscope's own process (all its threads) in % of one core. */
  generatorCpuPercent: number;
  /** The generator threads: how busy the busiest was on average (0–1), and the seconds it was the limit. */
  generator: { threads: number; busy: number; saturatedSeconds: number; seconds: number };
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
  const limit = findOwnLimit(m);
  const g = m.generator;
  if (g.saturatedSeconds === 0 || limit?.by === 'generator') return limit;
  // A generator that fell behind only now and then: the finding stands, with the caveat beside it.
  const caveat = generatorSentence(m);
  return limit
    ? { ...limit, message: `${limit.message} Also, ${caveat}` }
    : { by: 'generator', message: `${strategyInfo[m.strategy].label}: ${caveat}` };
}

/**
 * The generator's own sentence, as k6 warns of a saturated load generator: in how many seconds a
 * thread was busy nearly all the time (or its event loop fell behind), and what to do about it.
 */
function generatorSentence(m: LimitInput): string {
  const g = m.generator;
  const threads = g.threads === 1 ? 'its one thread was' : `its ${g.threads} threads were`;
  const head = `the load generator was the bottleneck in ${g.saturatedSeconds} of ${g.seconds} second${g.seconds === 1 ? '' : 's'}: ${threads} busy ${pct(g.busy)} of the time (the busiest thread)`;
  // A thread waiting for a core counts as busy too: when the whole process got far less CPU than
  // its busy threads would use, other work on this machine (the database itself, when local) took it.
  if (m.generatorCpuPercent * 2 < g.busy * 100) {
    return `${head} but the whole process got only ${Math.round(m.generatorCpuPercent)}% of a core: this machine's CPU, shared with the database and other work, was short, so requests waited for the generator, not the database. More threads would not help here; run the load from another machine: gatherscope export pgbench|k6.`;
  }
  return `${head}, so requests waited for the generator, not the database, and their latency includes that wait. Add generator threads (--threads) or run the load from another machine: gatherscope export pgbench|k6.`;
}

function findOwnLimit(m: LimitInput): Limit | null {
  const label = strategyInfo[m.strategy].label;
  const refused = m.errors['53300'] ?? 0;
  if (refused > 0) {
    return {
      by: 'max_connections',
      message: `${label}: the database refused ${formatCount(refused, 'connection')} (SQLSTATE 53300, max_connections reached), so the server's connection limit, not the strategy, bounded throughput. Use a smaller pool or raise max_connections.`,
    };
  }
  // A generator behind in most seconds inflates the pool's and the database's numbers alike (a
  // connection stays leased while its answer waits for the thread): it is named first.
  if (m.generator.seconds > 0 && m.generator.saturatedSeconds * 2 >= m.generator.seconds) {
    return { by: 'generator', message: `${label}: ${generatorSentence(m)}` };
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
  return null;
}
