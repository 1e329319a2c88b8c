import { phaseDurations, phaseNames, type RunRecord } from '@gatherscope/shared';

const phaseColumns = phaseNames.map((p) => `${p}_ms`);
export const csvColumns = [
  'run_id',
  'strategy',
  'trial',
  'warmup',
  'query_id',
  'start_ms',
  'end_ms',
  'duration_ms',
  ...phaseColumns,
  'pid',
  'rows',
  'bytes',
  'error_kind',
  'sqlstate',
  'error_message',
] as const;

/**
 * RFC 4180 quoting. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe: error messages and ids come from the database and from users.
 */
export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** One row per span (warm-up trials included and flagged), phases summed per kind. */
export function spansCsv(run: RunRecord): string {
  const lines = [csvColumns.join(',')];
  for (const trial of run.trials) {
    for (const s of trial.spans) {
      const byPhase = phaseDurations(s.phases);
      const row = [
        run.id,
        s.strategy,
        s.trial,
        trial.warmup,
        s.queryId,
        round(s.start),
        round(s.end),
        round(s.end - s.start),
        ...phaseNames.map((p) => round(byPhase[p] ?? 0)),
        s.pid,
        s.rows,
        s.bytes,
        s.error?.kind ?? null,
        s.error?.sqlstate ?? null,
        s.error?.message ?? null,
      ];
      lines.push(row.map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
