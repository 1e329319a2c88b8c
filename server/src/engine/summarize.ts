import {
  isCutTrial,
  phaseMs,
  type RunSettings,
  type RunSummary,
  type Span,
  type StrategyName,
  type StrategyStats,
  spanCostMs,
  type Theory,
  type Trial,
  type Workload,
} from '@gatherscope/shared';
import { pipelinedCosts } from './pipelined-costs';
import { planWorkload } from './plan';
import { verdict } from './profile-verdict';
import { queryErrors } from './query-errors';
import { measureStability } from './stability';
import { bootstrapSpeedup, distribution, median } from './stats';
import { criticalPathMs, listScheduleMs, type ModelQuery, maxMs, strategyModelMs, sumMs } from './theory';

/**
 * Trials whose wall times count: measured (not warm-up) trials that did not fail. A failed trial's
 * wall time measures an error path, not the workload, so a strategy whose every trial failed has
 * no statistics at all rather than confident numbers about errors.
 */
const countedTrials = (trials: readonly Trial[]): Trial[] => trials.filter((t) => !t.warmup && !t.failed);

function modelQueries(
  workload: Workload,
  spans: readonly Span[],
  cost: (s: Span) => number = spanCostMs,
): ModelQuery[] {
  return planWorkload(workload).order.map((q) => {
    const costs = spans.filter((s) => s.queryId === q.id && !s.error).map(cost);
    return { id: q.id, ms: costs.length > 0 ? median(costs) : 0, dependsOn: q.dependsOn ?? [] };
  });
}

/**
 * Statistics, models and the verdict of a run, from its trials (pure). `stopped`: the run was
 * stopped before the end, so strategies without trials were not reached rather than broken.
 */
export function summarize(
  trials: readonly Trial[],
  workload: Workload,
  settings: RunSettings,
  stopped = false,
  /** os.loadavg()[0] / cores when the run ended, for the stability notes; null when unknown. */
  loadPerCore: number | null = null,
): RunSummary {
  const byStrategy = new Map<StrategyName, Trial[]>();
  for (const s of settings.strategies) byStrategy.set(s, []);
  for (const t of trials) byStrategy.get(t.strategy)?.push(t);

  // A pipelined span also holds the statements answered before it: the models take its own part.
  const ownCosts = pipelinedCosts(countedTrials(byStrategy.get('pipelined') ?? []), settings.rttMs);
  const cost = (s: Span) => ownCosts.get(s) ?? spanCostMs(s);
  const walls = (s: StrategyName) => countedTrials(byStrategy.get(s) ?? []).map((t) => t.wallMs);
  const baseline = byStrategy.has('sequential') ? walls('sequential') : [];

  const strategies: StrategyStats[] = settings.strategies.map((name) => {
    const all = byStrategy.get(name) ?? [];
    const counted = countedTrials(all);
    const spans = counted.flatMap((t) => t.spans);
    const wallMs = distribution(counted.map((t) => t.wallMs));
    const theoreticalMs = strategyModelMs(name, modelQueries(workload, spans, cost), settings);
    const measured = all.filter((t) => !t.warmup);
    const measuredSpans = measured.flatMap((t) => t.spans);
    return {
      strategy: name,
      wallMs,
      speedup:
        name === 'sequential'
          ? null
          : bootstrapSpeedup(
              baseline,
              counted.map((t) => t.wallMs),
            ),
      theoreticalMs,
      efficiency: wallMs.median > 0 ? theoreticalMs / wallMs.median : 0,
      perQuery: workload.queries.map((q) => {
        const mine = spans.filter((s) => s.queryId === q.id && !s.error);
        return {
          queryId: q.id,
          medianMs: mine.length > 0 ? median(mine.map(spanCostMs)) : 0,
          medianExecutingMs:
            mine.length > 0 ? median(mine.map((s) => phaseMs(s, 'executing') + phaseMs(s, 'reading'))) : 0,
          medianWaitingMs: mine.length > 0 ? median(mine.map((s) => phaseMs(s, 'waiting'))) : 0,
          errors: measuredSpans.filter((s) => s.queryId === q.id && s.error).length,
          samples: mine.length,
        };
      }),
      // A trial the stop cut short did not fail: it is left out, like the trials never started.
      failedTrials: measured.filter((t) => t.failed && !isCutTrial(t)).length,
      errors: queryErrors(
        measured.filter((t) => !isCutTrial(t)),
        workload.queries.map((q) => q.id),
      ),
    };
  });

  // The models use the queries' costs on their own: sequential's when it ran, else all strategies'.
  const theorySpans = (baseline.length > 0 ? ['sequential' as const] : settings.strategies).flatMap((s) =>
    countedTrials(byStrategy.get(s) ?? []).flatMap((t) => t.spans),
  );
  const mq = modelQueries(workload, theorySpans, cost);
  const theory: Theory = {
    sumMs: sumMs(mq),
    maxMs: maxMs(mq),
    criticalPathMs: criticalPathMs(mq),
    boundedMs: listScheduleMs(mq, settings.boundedK),
    boundedK: settings.boundedK,
  };
  const modelSpeedup = (s: StrategyName) => {
    const m = strategyModelMs(s, mq, settings);
    return m > 0 ? theory.sumMs / m : 1;
  };
  const withModel = strategies.map((s) => ({ ...s, theoreticalSpeedup: modelSpeedup(s.strategy) }));
  const said = verdict(withModel, modelSpeedup, workload, settings.rttMs, stopped);
  const stability = measureStability({
    wallsInOrder: settings.strategies.map(walls),
    headline: said.headline ?? null,
    loadPerCore,
  });
  const sentences = [said.sentence, ...(stability.noisy ? stability.notes : [])];
  if (settings.rolledBack?.length)
    sentences.push(
      `Each trial ran ${settings.rolledBack.join(', ')} in one transaction on one connection, and rolled it back: nothing was committed.`,
    );
  return {
    strategies: withModel,
    theory,
    verdict: sentences.join(' '),
    ...(said.verdictClass ? { verdictClass: said.verdictClass } : {}),
    stability,
  };
}
