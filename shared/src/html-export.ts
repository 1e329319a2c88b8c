import { z } from 'zod';
import { RunExportSchema } from './export';
import type { RunRecord } from './run';
import type { Trial } from './span';
import type { StrategyName } from './strategy';

/** Ids of the `<script type="application/json">` holding an HTML export's data; the viewer draws whichever it finds. */
export const HTML_EXPORT_DATA_ID = { run: 'gatherscope-run', load: 'gatherscope-load-test' } as const;

/**
 * Most bytes of span JSON one HTML export carries. The largest run the app allows (5 strategies ×
 * 550 trials × 50 queries) holds about 35 MB of spans; a file meant to be mailed to a colleague
 * must stay a few MB, so past this the file keeps a chosen subset of trials' spans.
 */
export const HTML_EXPORT_SPAN_BUDGET_BYTES = 4_000_000;

/** What of the run's spans an HTML export holds; every trial's wall time is always in it. */
export const HtmlExportContentSchema = z.object({
  /** Trial numbers whose spans are in the file, for every strategy, ascending. */
  spanTrials: z.array(z.number().int()),
  /** True when the spans of every trial are in the file. */
  complete: z.boolean(),
  totalSpans: z.number().int().min(0),
  embeddedSpans: z.number().int().min(0),
  budgetBytes: z.number().int().positive(),
});
export type HtmlExportContent = z.infer<typeof HtmlExportContentSchema>;

/** The JSON inside an HTML export: the run export envelope plus what of its spans it holds. */
export const HtmlExportSchema = RunExportSchema.extend({ content: HtmlExportContentSchema });
export type HtmlExport = z.infer<typeof HtmlExportSchema>;

/**
 * The trial whose wall time is the median of the strategy's measured trials, the one the app's
 * timeline and the HTML export open on: the lower middle one for an even count (so it is a trial
 * that really happened), ties by trial number; failed trials count only when every trial failed.
 */
export function medianTrial(trials: readonly Trial[], strategy: StrategyName): Trial | undefined {
  const pool = byWallTime(trials, strategy);
  return pool[Math.floor((pool.length - 1) / 2)];
}

export function medianTrialNumber(trials: readonly Trial[], strategy: StrategyName): number | undefined {
  return medianTrial(trials, strategy)?.trial;
}

/** Measured trials of a strategy by wall time (ties by number); failed ones only when all failed. */
function byWallTime(trials: readonly Trial[], strategy: StrategyName): Trial[] {
  const measured = trials.filter((t) => t.strategy === strategy && !t.warmup);
  const ok = measured.filter((t) => !t.failed);
  return (ok.length ? ok : measured).sort((a, b) => a.wallMs - b.wallMs || a.trial - b.trial);
}

/**
 * A strategy's trial numbers in the order they are worth keeping: the median, the fastest, the
 * slowest, then ranks that halve the gaps between those already kept (quartiles, eighths, …), then
 * failed trials, then warm-ups. Any prefix of it is a fair sample of the distribution.
 */
export function rankedTrials(trials: readonly Trial[], strategy: StrategyName): number[] {
  const own = trials.filter((t) => t.strategy === strategy);
  const measured = own.filter((t) => !t.warmup);
  const pool = byWallTime(trials, strategy);
  const order: number[] = [];
  const seen = new Set<number>();
  const add = (n: number | undefined) => {
    if (n !== undefined && !seen.has(n)) {
      seen.add(n);
      order.push(n);
    }
  };
  for (const i of spreadOrder(pool.length)) add(pool[i]?.trial);
  for (const t of measured.slice().sort((a, b) => a.trial - b.trial)) add(t.trial);
  for (const t of own.filter((x) => x.warmup).sort((a, b) => b.trial - a.trial)) add(t.trial);
  return order;
}

/** Indices 0…n−1: the lower middle, both ends, then the points halving every gap, until all are listed. */
export function spreadOrder(n: number): number[] {
  if (n <= 0) return [];
  const order: number[] = [];
  const seen = new Set<number>();
  const add = (i: number) => {
    if (!seen.has(i)) {
      seen.add(i);
      order.push(i);
    }
  };
  add(Math.floor((n - 1) / 2));
  add(0);
  add(n - 1);
  for (let parts = 4; seen.size < n; parts *= 2) {
    for (let i = 1; i < parts; i += 2) add(Math.round((i * (n - 1)) / parts));
  }
  return order;
}

/**
 * The run as an HTML export carries it: all trials with their wall times, but spans only for the
 * trial numbers that fit in `budgetBytes` of JSON. Every strategy's median trial is always kept
 * (the view opens on it); then trial numbers are taken round-robin from each strategy's
 * rankedTrials, a number at a time for all strategies, so the file's trial picker shows every
 * panel for each trial it lists.
 */
export function trimRunForHtml(
  run: RunRecord,
  budgetBytes = HTML_EXPORT_SPAN_BUDGET_BYTES,
): { run: RunRecord; content: HtmlExportContent } {
  const bytes = new Map<number, number>();
  const spans = new Map<number, number>();
  for (const t of run.trials) {
    bytes.set(t.trial, (bytes.get(t.trial) ?? 0) + JSON.stringify(t.spans).length);
    spans.set(t.trial, (spans.get(t.trial) ?? 0) + t.spans.length);
  }
  const queues = run.settings.strategies.map((s) => rankedTrials(run.trials, s));
  const kept = new Set<number>();
  let used = 0;
  const keep = (n: number) => {
    kept.add(n);
    used += bytes.get(n) ?? 0;
  };
  for (const q of queues) if (q[0] !== undefined && !kept.has(q[0])) keep(q[0]);
  const tried = new Set(kept);
  for (let round = 1; queues.some((q) => round < q.length); round++) {
    for (const q of queues) {
      const n = q[round];
      if (n === undefined || tried.has(n)) continue;
      tried.add(n);
      if (used + (bytes.get(n) ?? 0) <= budgetBytes) keep(n);
    }
  }
  const totalSpans = run.trials.reduce((sum, t) => sum + t.spans.length, 0);
  const embeddedSpans = [...kept].reduce((sum, n) => sum + (spans.get(n) ?? 0), 0);
  const trials = run.trials.map((t) => (kept.has(t.trial) ? t : { ...t, spans: [] }));
  return {
    run: { ...run, trials },
    content: {
      spanTrials: [...kept].sort((a, b) => a - b),
      complete: embeddedSpans === totalSpans,
      totalSpans,
      embeddedSpans,
      budgetBytes,
    },
  };
}
