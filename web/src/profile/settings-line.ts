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
    `database ${run.database.name}`,
    ...(run.imported ? [`imported from another Gatherscope (there: ${run.imported.originalId})`] : []),
  ];
  return parts.join(' · ');
}
