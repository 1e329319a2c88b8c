import { type StrategyName, StrategyNameSchema, type StrategyStats } from '@gatherscope/shared';
import { UsageError } from './command';

const metrics = {
  speedup: (s: StrategyStats) => s.speedup?.estimate,
  speedupLow: (s: StrategyStats) => s.speedup?.low,
  speedupHigh: (s: StrategyStats) => s.speedup?.high,
  median: (s: StrategyStats) => s.wallMs.median,
  mean: (s: StrategyStats) => s.wallMs.mean,
  p95: (s: StrategyStats) => s.wallMs.p95,
  p99: (s: StrategyStats) => s.wallMs.p99,
  min: (s: StrategyStats) => s.wallMs.min,
  max: (s: StrategyStats) => s.wallMs.max,
  efficiency: (s: StrategyStats) => s.efficiency,
  theoretical: (s: StrategyStats) => s.theoreticalMs,
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
  return { text: text.trim(), strategy: strategy.data, metric: metric as Metric, op, value: Number(value) };
}

/** A metric that could not be measured (no speedup without sequential, a failed strategy) fails. */
export function checkAssertion(a: Assertion, stats: readonly StrategyStats[]): AssertionResult {
  const s = stats.find((x) => x.strategy === a.strategy);
  const actual = s ? (metrics[a.metric](s) ?? null) : null;
  return { assertion: a.text, actual, passed: actual !== null && ops[a.op](actual, a.value) };
}

export const assertionMetrics = Object.keys(metrics);
