import {
  HTML_EXPORT_SPAN_BUDGET_BYTES,
  HtmlExportSchema,
  medianTrialNumber,
  type RunRecord,
  type Span,
  type StrategyName,
  strategyNames,
  type Trial,
} from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { sampleRun } from '../../test/support/sample-run';
import { htmlExport } from './html';
import { exportEnvelope } from './routes';

/** Spans shaped like measured ones: three phases, microsecond times, a backend pid. */
function measuredSpan(strategy: StrategyName, trial: number, q: number): Span {
  const start = 0.157 + q * 1.234567;
  const end = start + 2.004 + (trial % 7) * 0.111;
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return {
    strategy,
    trial,
    queryId: `dashboard_query_${q}`,
    start: r(start),
    end: r(end),
    phases: [
      { phase: 'waiting', start: r(start), end: r(start + 1.451) },
      { phase: 'executing', start: r(start + 1.466), end: r(end - 0.001) },
      { phase: 'reading', start: r(end - 0.001), end: r(end) },
    ],
    pid: 29729 + q,
    rows: 10,
    bytes: 1234,
  };
}

/** The largest run the run form accepts: 5 strategies, 500 trials + 50 warm-ups, 50 queries. */
function largestRun(): RunRecord {
  const base = sampleRun();
  const queries = Array.from({ length: 50 }, (_, q) => ({
    id: `dashboard_query_${q}`,
    sql: `SELECT o.id, o.status, o.amount, o.created_at FROM orders o WHERE o.user_id = 42 ORDER BY o.created_at DESC LIMIT ${q + 1}`,
  }));
  const trials: Trial[] = [];
  for (let n = -50; n < 500; n++) {
    for (const strategy of strategyNames) {
      const spans = queries.map((_, q) => measuredSpan(strategy, n, q));
      trials.push({
        strategy,
        trial: n,
        warmup: n < 0,
        wallMs: Math.max(...spans.map((s) => s.end)) + ((n * 37) % 101) / 10,
        spans,
        failed: false,
      });
    }
  }
  return {
    ...base,
    settings: { ...base.settings, strategies: [...strategyNames], trials: 500, warmup: 50 },
    workload: { name: 'largest', queries },
    trials,
    summary: null,
  };
}

const embedded = (html: string) =>
  HtmlExportSchema.parse(
    JSON.parse(/<script type="application\/json" id="gatherscope-run">(.*?)<\/script>/s.exec(html)![1]!),
  );

describe('htmlExport', () => {
  it('embeds every span of a run that fits, and says so', () => {
    const run = sampleRun();
    const data = embedded(htmlExport(exportEnvelope(run), ''));
    expect(data.run).toEqual(run);
    expect(data.content.complete).toBe(true);
    expect(data.content.embeddedSpans).toBe(run.trials.reduce((n, t) => n + t.spans.length, 0));
  });

  it('keeps the file of the largest run the app allows to a few MB, with every wall time', () => {
    const run = largestRun();
    const full = JSON.stringify(run).length;
    const html = htmlExport(exportEnvelope(run), '/* viewer */');
    // Without the cap the run alone is ~38 MB of JSON.
    expect(full).toBeGreaterThan(30_000_000);
    expect(html.length).toBeLessThan(HTML_EXPORT_SPAN_BUDGET_BYTES + 500_000);
    const data = embedded(html);
    expect(data.content.complete).toBe(false);
    expect(data.content.totalSpans).toBe(run.settings.strategies.length * 550 * 50);
    expect(data.run.trials.map((t) => t.wallMs)).toEqual(run.trials.map((t) => t.wallMs));
    for (const s of run.settings.strategies) {
      const median = medianTrialNumber(run.trials, s);
      const shown = data.run.trials.find((t) => t.strategy === s && t.trial === median);
      expect(shown?.spans).toHaveLength(50);
    }
    expect(data.content.spanTrials.length).toBeGreaterThan(40);
  });
});
