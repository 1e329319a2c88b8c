import { type Measurement, RunSettingsSchema, type StrategyName, type Trial } from '@gatherscope/shared';
import type { TimelineRun } from '../timeline';

/**
 * The last measured trial of each arm of a preset as a run the shared Timeline can draw. Rows are
 * the span ids in order of first appearance (queries, HTTP calls or batch items); their label is the
 * id itself, since a preset's spans carry no SQL.
 */
export function measurementTimeline(m: Measurement): TimelineRun | null {
  const spans = m.sampleSpans ?? [];
  if (spans.length === 0) return null;
  const ids = [...new Set(spans.map((s) => s.queryId))];
  const strategies = [...new Set(spans.map((s) => s.strategy))] as StrategyName[];
  const trials: Trial[] = strategies.map((strategy) => {
    const mine = spans.filter((s) => s.strategy === strategy);
    return {
      strategy,
      trial: mine[0]?.trial ?? 0,
      warmup: false,
      wallMs: Math.max(0, ...mine.map((s) => s.end)),
      spans: mine,
      failed: mine.some((s) => s.error),
    };
  });
  return {
    workload: { name: m.scenario, queries: ids.map((id) => ({ id, sql: id })) },
    settings: RunSettingsSchema.parse({ strategies }),
    trials,
    summary: null,
  };
}
