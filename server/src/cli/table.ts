import { type RunSummary, strategyInfo } from '@gatherscope/shared';

/** Three significant figures or so: 123, 12.3, 1.23. */
export const fmtMs = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** A plain-text table, columns padded; numbers right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The results of a run as the CLI prints them. */
export function summaryTable(summary: RunSummary): string {
  const rows = summary.strategies.map((s) => [
    strategyInfo[s.strategy].label,
    fmtMs(s.wallMs.median),
    fmtMs(s.wallMs.p95),
    fmtMs(s.wallMs.p99),
    s.speedup
      ? `${s.speedup.estimate.toFixed(2)}x [${s.speedup.low.toFixed(2)}–${s.speedup.high.toFixed(2)}]`
      : '–',
    fmtMs(s.theoreticalMs),
    `${(s.efficiency * 100).toFixed(0)}%`,
    String(s.failedTrials),
  ]);
  return renderTable(
    ['strategy', 'median ms', 'p95 ms', 'p99 ms', 'speedup (95% CI)', 'theory ms', 'efficiency', 'failed'],
    rows,
  );
}
