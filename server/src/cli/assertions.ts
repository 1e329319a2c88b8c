import { type StrategyName, StrategyNameSchema, type StrategyStats } from '@gatherscope/shared';
import { UsageError } from './command';

/** A number measured from successful trials: none when the strategy had none (not a zero). */
const measured =
  (read: (s: StrategyStats) => number) =>
  (s: StrategyStats): number | undefined =>
    s.wallMs.n > 0 ? read(s) : undefined;

const metrics = {
  speedup: (s: StrategyStats) => s.speedup?.estimate,
  speedupLow: (s: StrategyStats) => s.speedup?.low,
  speedupHigh: (s: StrategyStats) => s.speedup?.high,
  median: measured((s) => s.wallMs.median),
  mean: measured((s) => s.wallMs.mean),
  p95: measured((s) => s.wallMs.p95),
  p99: measured((s) => s.wallMs.p99),
  min: measured((s) => s.wallMs.min),
  max: measured((s) => s.wallMs.max),
  efficiency: measured((s) => s.efficiency),
  theoretical: measured((s) => s.theoreticalMs),
  failedTrials: (s: StrategyStats) => s.failedTrials,
} satisfies Record<string, (s: StrategyStats) => number | undefined>;
type Metric = keyof typeof metrics;

const ops = {
  '>=': (a: number, b: number) => a >= b,
  '<=': (a: number, b: number) => a <= b,
  '==': (a: number, b: number) => a === b,
  '!=': (a: number, b: number) => a !== b,
  '>': (a: number, b: number) => a > b,
  '<': (a: number, b: number) => a < b,
};
type Op = keyof typeof ops;

export interface Assertion {
  text: string;
  strategy: StrategyName;
  metric: Metric;
  op: Op;
  value: number;
}

export interface AssertionResult {
  assertion: string;
  actual: number | null;
  passed: boolean;
  /** Why it failed whatever the numbers say: not measured, or measured on a broken workload. */
  reason?: string;
}

const PATTERN = /^\s*([a-z-]+)\.([A-Za-z][A-Za-z0-9]*)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Parses `concurrent.speedup>=2`; only strategies of the run may be named. */
export function parseAssertion(text: string, strategies: readonly StrategyName[]): Assertion {
  const m = PATTERN.exec(text);
  if (!m) {
    throw new UsageError(
      `--assert "${text}" is not of the form <strategy>.<metric><op><number>, e.g. "concurrent.speedup>=2".`,
    );
  }
  const [, s, metric, op, value] = m as unknown as [string, string, string, Op, string];
  const strategy = StrategyNameSchema.safeParse(s);
  if (!strategy.success || !strategies.includes(strategy.data)) {
    throw new UsageError(
      `--assert "${text}": "${s}" is not one of the strategies of this run (${strategies.join(', ')}).`,
    );
  }
  if (!(metric in metrics)) {
    throw new UsageError(
      `--assert "${text}": unknown metric "${metric}"; use one of ${Object.keys(metrics).join(', ')}.`,
    );
  }
  if (metric.startsWith('speedup')) {
    // Refused before the run rather than failed after it: no speedup can be measured at all.
    if (strategy.data === 'sequential') {
      throw new UsageError(
        `--assert "${text}": sequential is the baseline of every speedup and has none; assert on another strategy.`,
      );
    }
    if (!strategies.includes('sequential')) {
      throw new UsageError(
        `--assert "${text}": ${metric} is measured against sequential, which is not in --strategies (${strategies.join(',')}); add it, e.g. --strategies sequential,${strategies.join(',')}.`,
      );
    }
  }
  return { text: text.trim(), strategy: strategy.data, metric: metric as Metric, op, value: Number(value) };
}

/**
 * A metric that could not be measured (no speedup without sequential, a failed strategy) fails, and
 * so does any threshold on a strategy (or, for a speedup, its sequential baseline) whose queries
 * failed in some trial: the numbers of a broken workload gate nothing. `failedTrials` itself is
 * checked as measured, since it is about failures.
 */
export function checkAssertion(a: Assertion, stats: readonly StrategyStats[]): AssertionResult {
  const s = stats.find((x) => x.strategy === a.strategy);
  const actual = s ? (metrics[a.metric](s) ?? null) : null;
  const involved = a.metric.startsWith('speedup') ? ([a.strategy, 'sequential'] as const) : [a.strategy];
  const broken =
    a.metric === 'failedTrials'
      ? []
      : stats.filter((x) => involved.includes(x.strategy) && x.failedTrials > 0).map((x) => x.strategy);
  const reason =
    broken.length > 0
      ? `queries failed in ${broken.join(' and ')}`
      : actual === null
        ? 'not measured'
        : undefined;
  return {
    assertion: a.text,
    actual,
    passed: reason === undefined && actual !== null && ops[a.op](actual, a.value),
    ...(reason !== undefined && { reason }),
  };
}

export const assertionMetrics = Object.keys(metrics);
