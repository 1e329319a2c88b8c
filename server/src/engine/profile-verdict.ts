import {
  formatMs,
  formatPercent,
  formatSpeedup,
  type Interval,
  intervalClause,
  judge,
  MIN_PRACTICAL_GAIN_MS,
  NO_GAIN_MODEL,
  type StrategyName,
  type StrategyStats,
  savingSentence,
  significanceSentence,
  strategyInfo,
  type VerdictClass,
  type Workload,
} from '@gatherscope/shared';
import { describeQueryError, failedTrials, mergeQueryErrors } from './query-errors';

const x = formatSpeedup;
const msText = formatMs;
const label = (s: StrategyName) => strategyInfo[s].label;

/** The verdict sentence and, when strategies were compared, its class by the shared rule. */
export interface ProfileVerdict {
  sentence: string;
  verdictClass?: VerdictClass;
  /** The headline strategy's speedup interval, whose width the stability measure reads. */
  headline?: Interval;
}

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
): ProfileVerdict {
  const error = describeQueryError(mergeQueryErrors(stats.map((s) => s.errors ?? [])));
  const measured = stats.filter((s) => s.wallMs.n > 0);
  const lead = (v: ProfileVerdict): ProfileVerdict =>
    stopped ? { ...v, sentence: `${stoppedNote(stats)} ${v.sentence}` } : v;
  if (error && measured.length === 0) {
    return lead({ sentence: `The run could not be measured: ${error}. Fix the query and run again.` });
  }
  const seq = stats.find((s) => s.strategy === 'sequential');
  const seqMissing: SequentialMissing = !seq ? 'absent' : stopped && notReached(seq) ? 'stopped' : 'failed';
  const compared = comparison(measured, modelSpeedup, workload, rttMs, seqMissing, stopped);
  if (!error) return lead(compared);
  const lost = stats.filter((s) => s.wallMs.n === 0 && s.failedTrials > 0).map((s) => label(s.strategy));
  const { failed, total } = failedTrials(stats);
  const caveat = `Caveat: ${failed} of ${total} measured trials failed and are left out (${error})${
    lost.length > 0 ? `; ${lost.join(', ')} could not be measured at all` : ''
  }.`;
  return lead({ ...compared, sentence: `${compared.sentence} ${caveat}` });
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
): ProfileVerdict {
  const seq = stats.find((s) => s.strategy === 'sequential');
  const others = stats.filter((s) => s.strategy !== 'sequential' && s.wallMs.n > 0);
  if (!seq || seq.wallMs.n === 0) {
    const ranked = [...others].sort((a, b) => a.wallMs.median - b.wallMs.median);
    const [best, next] = ranked;
    if (!best) return { sentence: 'No trial finished, so there is nothing to compare.' };
    // Sequential that ran and failed needs fixing, not adding.
    const noSpeedup = {
      absent: 'add sequential to measure a speedup',
      failed: 'sequential could not be measured, so there is no speedup',
      stopped: 'sequential was not measured before the stop, so there is no speedup',
    }[seqMissing];
    return {
      sentence: next
        ? `${label(best.strategy)} is fastest here at ${msText(best.wallMs.median)} median (${label(next.strategy)}: ${msText(next.wallMs.median)}); ${noSpeedup}.`
        : `${label(best.strategy)} takes ${msText(best.wallMs.median)} median; ${noSpeedup}.`,
    };
  }
  if (others.length === 0) {
    const then = stopped
      ? 'the run was stopped before another strategy was measured'
      : 'add another strategy to compare';
    return {
      sentence: `Sequential takes ${msText(seq.wallMs.median)} median (p95 ${msText(seq.wallMs.p95)}); ${then}.`,
    };
  }
  const withCi = others.filter((s) => s.speedup !== null);
  const byEstimate = [...withCi].sort((a, b) => b.speedup!.estimate - a.speedup!.estimate);
  // Never headline a strategy whose gain its model does not predict (one connection, pipelining at
  // RTT 0): its measured edge is noise or caching; a strategy whose model predicts a gain leads.
  const explained = byEstimate.filter((s) => modelSpeedup(s.strategy) >= NO_GAIN_MODEL);
  const fastest = explained[0] ?? byEstimate[0];
  // Plain concurrency is the simplest change to make; name it when it is as good (within 2%).
  const conc = explained.find((s) => s.strategy === 'concurrent');
  const best = conc && fastest && conc.speedup!.estimate >= fastest.speedup!.estimate * 0.98 ? conc : fastest;
  if (!best?.speedup) return { sentence: 'Not enough trials finished to compare the strategies.' };
  const { estimate, low, high } = best.speedup;
  const model = modelSpeedup(best.strategy);
  const j = judge({
    baselineMs: seq.wallMs.median,
    candidateMs: best.wallMs.median,
    ratio: { low, high },
    modelSpeedup: model,
  });
  const name = label(best.strategy);
  const significance = significanceSentence(estimate, { low, high });
  const saving = savingSentence(j.savingMs);
  const done = (sentence: string): ProfileVerdict => ({
    sentence,
    verdictClass: j.verdictClass,
    headline: best.speedup!,
  });
  switch (j.verdictClass) {
    case 'no-practical-difference':
      return done(
        j.practical
          ? `No practical difference shown: keep it sequential. ${name} ${saving} at its estimate, but at ${significance} the interval is wider than half the estimate and allows a saving under ${MIN_PRACTICAL_GAIN_MS} ms per request, too little to be worth concurrent code.`
          : `No practical difference: keep it sequential. ${name} ${saving}, under the ${MIN_PRACTICAL_GAIN_MS} ms per request worth concurrent code, whatever its ratio: ${significance}.`,
      );
    case 'too-noisy':
      return done(
        `Too noisy to decide: ${name} measured ${significance} and ${saving}, but the estimate is not settled (its 95% interval is wider than half the estimate), so this run cannot tell whether it is faster or slower.`,
      );
    case 'not-significant':
      return done(
        `No meaningful difference here: ${name} ${saving}, but at ${significance} it may be no difference at all; run more trials to tell.`,
      );
    case 'slower':
      return done(
        `Sequential is fastest here: even ${name} is ${significance} and ${saving}, so the extra connections cost more than the overlap saves for queries this short.`,
      );
    case 'unexplained':
      // Its model predicts no gain: concurrency cannot be why it was faster, so the sentence must not say it was.
      return done(
        `${name} measured ${significance} faster than sequential here and ${saving}, but its model predicts ${x(model)}: the difference is not explained by running queries at once, so it is likely noise or caching over ${best.wallMs.n} trials. Run more trials to confirm it.`,
      );
    case 'faster':
      break;
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
  return done(
    `${name} is ${x(estimate)} faster here (theory ${x(model)}, ${intervalClause({ low, high })}) and ${saving}: ${why}.${singleNote}${pipeNote}`,
  );
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
