import {
  formatPercent,
  formatSignificant,
  formatSpeedup,
  formatSpeedupRange,
  NONE,
  type RunSummary,
  stabilityText,
  strategyInfo,
} from '@gatherscope/shared';

/** A number under a column that names its unit ("median ms"): three significant figures. */
export const fmtMs = formatSignificant;

/** A plain-text table, columns padded; numbers right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const none = NONE;

/** Two theories that can disagree (contended query times): say which number is which. */
export const THEORY_NOTE = [
  'theory speedup: the model over sequential from the run-wide query costs (the verdict quotes it).',
  "own theory ms: the model from this strategy's own per-query medians; efficiency = own theory / median.",
].join('\n');

/** The results of a run as the CLI prints them: a row per strategy, then a row per query. */
export function summaryTable(summary: RunSummary): string {
  const rows = summary.strategies.map((s) => {
    // A strategy without a successful trial has no numbers, not zeros.
    const ms = (n: number) => (s.wallMs.n > 0 ? fmtMs(n) : none);
    return [
      strategyInfo[s.strategy].label,
      ms(s.wallMs.median),
      ms(s.wallMs.p95),
      ms(s.wallMs.p99),
      ms(s.wallMs.min),
      ms(s.wallMs.max),
      s.speedup
        ? `${formatSpeedup(s.speedup.estimate)} [${formatSpeedupRange(s.speedup.low, s.speedup.high)}]`
        : none,
      s.theoreticalSpeedup !== undefined ? formatSpeedup(s.theoreticalSpeedup) : none,
      ms(s.theoreticalMs),
      s.wallMs.n > 0 ? formatPercent(s.efficiency) : none,
      String(s.failedTrials),
    ];
  });
  const strategies = renderTable(
    [
      'strategy',
      'median ms',
      'p95 ms',
      'p99 ms',
      'min ms',
      'max ms',
      'speedup (95% CI)',
      'theory speedup',
      'own theory ms',
      'efficiency',
      'failed',
    ],
    rows,
  );
  const stability = summary.stability ? `\n${stabilityText(summary.stability)}` : '';
  return `${strategies}\n${THEORY_NOTE}${stability}\n\n${perQueryTable(summary)}`;
}

/**
 * Median cost of each query on its own (waiting for a connection excluded) under each strategy;
 * `failed` when it never succeeded, `(n err)` when it failed some of the time.
 */
export function perQueryTable(summary: RunSummary): string {
  const ids = summary.strategies[0]?.perQuery.map((q) => q.queryId) ?? [];
  const rows = ids.map((id) => [
    id,
    ...summary.strategies.map((s) => {
      const q = s.perQuery.find((x) => x.queryId === id);
      if (!q) return none;
      if (q.samples === 0) return q.errors > 0 ? `failed ${q.errors}×` : none;
      return `${fmtMs(q.medianMs)}${q.errors > 0 ? ` (${q.errors} err)` : ''}`;
    }),
  ]);
  return renderTable(
    ['query median ms', ...summary.strategies.map((s) => strategyInfo[s.strategy].label)],
    rows,
  );
}
