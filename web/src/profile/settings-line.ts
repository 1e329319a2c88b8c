import { formatCount, type RunRecord } from '@gatherscope/shared';

/**
 * A run's settings in one compact line, so a reader of its permalink (or of the Profile page after a
 * reload) knows what was measured: "20 trials · 2 warm-up · pool 10 · k 2 · RTT 20 ms ± 5 ms jitter ·
 * warm pool · extended statements · database shop".
 */
export function settingsLine(run: Pick<RunRecord, 'settings' | 'database' | 'imported'>): string {
  const s = run.settings;
  const parts = [
    formatCount(s.trials, 'trial'),
    `${s.warmup} warm-up`,
    `pool ${s.poolSize}`,
    `k ${s.boundedK}`,
    `RTT ${s.rttMs} ms${s.jitterMs > 0 ? ` ± ${s.jitterMs} ms jitter` : ''}`,
    s.coldConnections ? 'cold connections' : 'warm pool',
    `${s.statementMode} statements`,
    ...(s.limits?.maxRows !== undefined ? [`row cap ${s.limits.maxRows.toLocaleString('en-US')}`] : []),
    ...(s.limits?.maxBytes !== undefined
      ? [`size cap ${Number((s.limits.maxBytes / 1024 / 1024).toFixed(3))} MB`]
      : []),
    ...(s.limits?.statementTimeoutMs !== undefined
      ? [`statement timeout ${s.limits.statementTimeoutMs / 1000} s`]
      : []),
    `database ${run.database.name}`,
    ...(run.imported ? [`imported from another Gatherscope (there: ${run.imported.originalId})`] : []),
  ];
  return parts.join(' · ');
}
