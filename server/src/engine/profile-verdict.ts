import {
  formatMs,
  formatPercent,
  formatSpeedup,
  formatSpeedupRange,
  type StrategyName,
  type StrategyStats,
  strategyInfo,
  type Workload,
} from '@gatherscope/shared';
import { describeQueryError, failedTrials, mergeQueryErrors } from './query-errors';

const x = formatSpeedup;
const msText = formatMs;
const label = (s: StrategyName) => strategyInfo[s].label;
/** A model speedup below this predicts no gain from the strategy (a measured one is then not its doing). */
const NO_GAIN_MODEL = 1.1;

/** A list in prose: "A", "A and B", "A, B and C". */
const listText = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** Why sequential has no measurement: not chosen, every trial failed, or the run stopped before it. */
type SequentialMissing = 'absent' | 'failed' | 'stopped';

/** A strategy the stop came before: no measured trial, and none failed either. */
const notReached = (s: StrategyStats) => s.wallMs.n === 0 && s.failedTrials === 0;

/**
 * One plain-language sentence from the numbers: the best strategy against sequential, whether the
 * difference is real (its 95% interval excludes 1), how it compares with its model, and why. Failed
 * queries come first: a run none of whose trials succeeded says so instead of comparing anything,
 * and one with some failed trials carries a caveat naming the error. A stopped run says so first,
 * names the strategies that have measurements, and compares only those.
 */
export function verdict(
  stats: readonly StrategyStats[],
  modelSpeedup: (s: StrategyName) => number,
  workload: Workload,
  rttMs = 0,
  stopped = false,
): string {
  const error = describeQueryError(mergeQueryErrors(stats.map((s) => s.errors ?? [])));
  const measured = stats.filter((s) => s.wallMs.n > 0);
  const lead = (sentence: string) => (stopped ? `${stoppedNote(stats)} ${sentence}` : sentence);
  if (error && measured.length === 0) {
    return lead(`The run could not be measured: ${error}. Fix the query and run again.`);
  }
  const seq = stats.find((s) => s.strategy === 'sequential');
  const seqMissing: SequentialMissing = !seq ? 'absent' : stopped && notReached(seq) ? 'stopped' : 'failed';
  if (!error) return lead(comparison(measured, modelSpeedup, workload, rttMs, seqMissing, stopped));
  const lost = stats.filter((s) => s.wallMs.n === 0 && s.failedTrials > 0).map((s) => label(s.strategy));
  const { failed, total } = failedTrials(stats);
  const caveat = `Caveat: ${failed} of ${total} measured trials failed and are left out (${error})${
    lost.length > 0 ? `; ${lost.join(', ')} could not be measured at all` : ''
  }.`;
  return lead(`${comparison(measured, modelSpeedup, workload, rttMs, seqMissing, stopped)} ${caveat}`);
}

/** "Stopped before the end: …" naming which strategies have data and which the stop came before. */
function stoppedNote(stats: readonly StrategyStats[]): string {
  const withData = stats.filter((s) => s.wallMs.n > 0).map((s) => label(s.strategy));
  const before = stats.filter(notReached).map((s) => label(s.strategy));
  const have = withData.length
    ? `${listText(withData)} ${withData.length === 1 ? 'has' : 'have'} measurements`
    : 'no strategy has a measurement';
  return `Stopped before the end: ${have}${before.length ? `; ${listText(before)} ${before.length === 1 ? 'was' : 'were'} not measured` : ''}.`;
}

/** The sentence that compares the strategies that have measurements. */
function comparison(
  stats: readonly StrategyStats[],
  modelSpeedup: (s: StrategyName) => number,
  workload: Workload,
  rttMs: number,
  seqMissing: SequentialMissing,
  stopped: boolean,
): string {
  const seq = stats.find((s) => s.strategy === 'sequential');
  const others = stats.filter((s) => s.strategy !== 'sequential' && s.wallMs.n > 0);
  if (!seq || seq.wallMs.n === 0) {
    const ranked = [...others].sort((a, b) => a.wallMs.median - b.wallMs.median);
    const [best, next] = ranked;
    if (!best) return 'No trial finished, so there is nothing to compare.';
    // Sequential that ran and failed needs fixing, not adding.
    const noSpeedup = {
      absent: 'add sequential to measure a speedup',
      failed: 'sequential could not be measured, so there is no speedup',
      stopped: 'sequential was not measured before the stop, so there is no speedup',
    }[seqMissing];
    return next
      ? `${label(best.strategy)} is fastest here at ${msText(best.wallMs.median)} median (${label(next.strategy)}: ${msText(next.wallMs.median)}); ${noSpeedup}.`
      : `${label(best.strategy)} takes ${msText(best.wallMs.median)} median; ${noSpeedup}.`;
  }
  if (others.length === 0) {
    const then = stopped
      ? 'the run was stopped before another strategy was measured'
      : 'add another strategy to compare';
    return `Sequential takes ${msText(seq.wallMs.median)} median (p95 ${msText(seq.wallMs.p95)}); ${then}.`;
  }
  const withCi = others.filter((s) => s.speedup !== null);
  const fastest = [...withCi].sort((a, b) => b.speedup!.estimate - a.speedup!.estimate)[0];
  // Plain concurrency is the simplest change to make; name it when it is as good (within 2%).
  const conc = withCi.find((s) => s.strategy === 'concurrent');
  const best = conc && fastest && conc.speedup!.estimate >= fastest.speedup!.estimate * 0.98 ? conc : fastest;
  if (!best?.speedup) return 'Not enough trials finished to compare the strategies.';
  const { estimate, low, high } = best.speedup;
  const ci = `95% CI ${formatSpeedupRange(low, high)}`;
  if (low <= 1 && high >= 1) {
    return `No meaningful difference here: ${label(best.strategy)} is ${x(estimate)} of sequential (${ci}), within the noise; these queries are too quick or too few for concurrency to pay off.`;
  }
  if (high < 1) {
    return `Sequential is fastest here: even ${label(best.strategy)} is ${x(estimate)} (${ci}), so the extra connections cost more than the overlap saves for queries this short.`;
  }
  const model = modelSpeedup(best.strategy);
  if (model < NO_GAIN_MODEL) {
    // Its model predicts no gain (one connection, or queries too short to overlap): concurrency
    // cannot be why it was faster, so the sentence must not say it was.
    return `${label(best.strategy)} measured ${x(estimate)} faster than sequential here (${ci}), but its model predicts ${x(model)}: the difference is not explained by running queries at once, so it is likely noise or caching over ${best.wallMs.n} trials. Run more trials to confirm it.`;
  }
  const hasDeps = workload.queries.some((q) => (q.dependsOn ?? []).length > 0);
  const waitOn = rttMs > 0 ? `the network (${rttMs} ms round trips)` : 'the database';
  let why: string;
  if (best.strategy === 'pipelined' && best.efficiency >= 0.8) {
    why = `it sends each wave of statements at once on ONE connection, so ${waitOn} is paid once per wave instead of once per query, without a pool`;
  } else if (best.efficiency < 0.8) {
    why = `it reaches only ${formatPercent(best.efficiency)} of its model, so connections or the database are the bottleneck`;
  } else if (hasDeps) {
    why = `the queries wait on ${waitOn}, and dependencies limit the overlap to the critical path`;
  } else {
    why = `these queries wait on ${waitOn} and do not depend on each other`;
  }
  const single = stats.find((s) => s.strategy === 'single-connection')?.speedup;
  const singleNote =
    single && single.low <= 1.1
      ? ` Single connection gets ${x(single.estimate)}: async without concurrency buys nothing.`
      : '';
  const pipe = stats.find((s) => s.strategy === 'pipelined');
  const pipeNote = pipe && pipe !== best ? pipelinedNote(pipe) : '';
  return `${label(best.strategy)} is ${x(estimate)} faster here (theory ${x(model)}, ${ci}): ${why}.${singleNote}${pipeNote}`;
}

/** What pipelining bought when another strategy won: round trips saved, or none to save. */
function pipelinedNote(pipe: StrategyStats): string {
  const s = pipe.speedup;
  if (!s) return '';
  if (s.low > 1.1) {
    return ` Pipelined gets ${x(s.estimate)} on ONE connection: fewer round trips without more connections.`;
  }
  return ` Pipelined gets ${x(s.estimate)}: the time is in the database, which runs a pipeline one statement after another; pipelining saves round trips, not database time.`;
}
