import { type StrategyName, type StrategyStats, strategyInfo, type Workload } from '@gatherscope/shared';
import { describeQueryError, failedTrials, mergeQueryErrors } from './query-errors';

const x = (n: number) => `${n.toFixed(n >= 10 ? 0 : 1)}x`;
const msText = (n: number) => `${n.toFixed(n >= 100 ? 0 : 1)} ms`;
const label = (s: StrategyName) => strategyInfo[s].label;

/**
 * One plain-language sentence from the numbers: the best strategy against sequential, whether the
 * difference is real (its 95% interval excludes 1), how it compares with its model, and why. Failed
 * queries come first: a run none of whose trials succeeded says so instead of comparing anything,
 * and one with some failed trials carries a caveat naming the error.
 */
export function verdict(
  stats: readonly StrategyStats[],
  modelSpeedup: (s: StrategyName) => number,
  workload: Workload,
  rttMs = 0,
): string {
  const error = describeQueryError(mergeQueryErrors(stats.map((s) => s.errors ?? [])));
  const measured = stats.filter((s) => s.wallMs.n > 0);
  if (error && measured.length === 0) {
    return `The run could not be measured: ${error}. Fix the query and run again.`;
  }
  if (!error) return comparison(stats, modelSpeedup, workload, rttMs);
  const lost = stats.filter((s) => s.wallMs.n === 0).map((s) => label(s.strategy));
  const { failed, total } = failedTrials(stats);
  const caveat = `Caveat: ${failed} of ${total} measured trials failed and are left out (${error})${
    lost.length > 0 ? `; ${lost.join(', ')} could not be measured at all` : ''
  }.`;
  const seqLost = stats.some((s) => s.strategy === 'sequential' && s.wallMs.n === 0);
  return `${comparison(measured, modelSpeedup, workload, rttMs, seqLost)} ${caveat}`;
}

/** The sentence that compares the strategies that have measurements. */
function comparison(
  stats: readonly StrategyStats[],
  modelSpeedup: (s: StrategyName) => number,
  workload: Workload,
  rttMs: number,
  sequentialLost = false,
): string {
  const seq = stats.find((s) => s.strategy === 'sequential');
  const others = stats.filter((s) => s.strategy !== 'sequential' && s.wallMs.n > 0);
  if (!seq || seq.wallMs.n === 0) {
    const ranked = [...others].sort((a, b) => a.wallMs.median - b.wallMs.median);
    const [best, next] = ranked;
    if (!best) return 'No trial finished, so there is nothing to compare.';
    // Sequential that ran and failed needs fixing, not adding.
    const noSpeedup = sequentialLost
      ? 'sequential could not be measured, so there is no speedup'
      : 'add sequential to measure a speedup';
    return next
      ? `${label(best.strategy)} is fastest here at ${msText(best.wallMs.median)} median (${label(next.strategy)}: ${msText(next.wallMs.median)}); ${noSpeedup}.`
      : `${label(best.strategy)} takes ${msText(best.wallMs.median)} median; ${noSpeedup}.`;
  }
  if (others.length === 0) {
    return `Sequential takes ${msText(seq.wallMs.median)} median (p95 ${msText(seq.wallMs.p95)}); add another strategy to compare.`;
  }
  const withCi = others.filter((s) => s.speedup !== null);
  const fastest = [...withCi].sort((a, b) => b.speedup!.estimate - a.speedup!.estimate)[0];
  // Plain concurrency is the simplest change to make; name it when it is as good (within 2%).
  const conc = withCi.find((s) => s.strategy === 'concurrent');
  const best = conc && fastest && conc.speedup!.estimate >= fastest.speedup!.estimate * 0.98 ? conc : fastest;
  if (!best?.speedup) return 'Not enough trials finished to compare the strategies.';
  const { estimate, low, high } = best.speedup;
  const ci = `95% CI ${low.toFixed(2)}–${high.toFixed(2)}x`;
  if (low <= 1 && high >= 1) {
    return `No meaningful difference here: ${label(best.strategy)} is ${estimate.toFixed(2)}x of sequential (${ci}), within the noise; these queries are too quick or too few for concurrency to pay off.`;
  }
  if (high < 1) {
    return `Sequential is fastest here: even ${label(best.strategy)} is ${estimate.toFixed(2)}x (${ci}), so the extra connections cost more than the overlap saves for queries this short.`;
  }
  const model = modelSpeedup(best.strategy);
  const hasDeps = workload.queries.some((q) => (q.dependsOn ?? []).length > 0);
  const waitOn = rttMs > 0 ? `the network (${rttMs} ms round trips)` : 'the database';
  let why: string;
  if (best.efficiency < 0.8) {
    why = `it reaches only ${Math.round(best.efficiency * 100)}% of its model, so connections or the database are the bottleneck`;
  } else if (hasDeps) {
    why = `the queries wait on ${waitOn}, and dependencies limit the overlap to the critical path`;
  } else {
    why = `these queries wait on ${waitOn} and do not depend on each other`;
  }
  const single = stats.find((s) => s.strategy === 'single-connection')?.speedup;
  const singleNote =
    single && single.low <= 1.1
      ? ` Single connection gets ${single.estimate.toFixed(2)}x: async without concurrency buys nothing.`
      : '';
  return `${label(best.strategy)} is ${x(estimate)} faster here (theory ${x(model)}, ${ci}): ${why}.${singleNote}`;
}
