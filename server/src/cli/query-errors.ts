import { type RunSummary, strategyInfo } from '@gatherscope/shared';
import { mergeQueryErrors } from '../engine/query-errors';

/**
 * The distinct query errors of a run as the CLI prints them on stderr, one per line, the
 * database's message as it wrote it:
 * `  bad [42601]: syntax error at or near "SELEC" (6×: Sequential 3, Concurrent 3)`.
 * Empty when no query failed.
 */
export function queryErrorLines(summary: RunSummary): string[] {
  const errors = mergeQueryErrors(summary.strategies.map((s) => s.errors ?? []));
  return errors.map((e) => {
    const where = summary.strategies
      .map((s) => {
        const mine = (s.errors ?? []).find(
          (x) => x.queryId === e.queryId && x.message === e.message && x.sqlstate === e.sqlstate,
        );
        return mine ? `${strategyInfo[s.strategy].label} ${mine.count}` : null;
      })
      .filter((x) => x !== null);
    const code = e.sqlstate ?? e.kind;
    return `  ${e.queryId} [${code}]: ${e.message} (${e.count}×: ${where.join(', ')})`;
  });
}
