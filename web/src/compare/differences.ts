import { type RunRecord, strategyInfo } from '@gatherscope/shared';

type Described = Pick<RunRecord, 'workload' | 'settings' | 'database'>;

/**
 * What differs between two runs besides the code under test, one line each ("RTT: 0 ms in A,
 * 20 ms in B"): a delta between runs of different workloads or settings is not a like-for-like
 * comparison, so Compare says so above its tables. Empty when they were measured alike.
 */
export function runDifferences(a: Described, b: Described): string[] {
  const out: string[] = [];
  const both = (what: string, x: string, y: string) => {
    if (x !== y) out.push(`${what}: ${x} in A, ${y} in B`);
  };
  both('workload', a.workload.name, b.workload.name);
  if (
    a.workload.name === b.workload.name &&
    JSON.stringify(a.workload.queries) !== JSON.stringify(b.workload.queries)
  )
    out.push(`workload: "${a.workload.name}" has different queries in A and B`);
  both('database', a.database.label, b.database.label);
  const s = a.settings;
  const t = b.settings;
  both('RTT', `${s.rttMs} ms`, `${t.rttMs} ms`);
  both('jitter', `${s.jitterMs} ms`, `${t.jitterMs} ms`);
  both('trials', String(s.trials), String(t.trials));
  both('warm-up trials', String(s.warmup), String(t.warmup));
  both('pool size', String(s.poolSize), String(t.poolSize));
  both('bounded k', String(s.boundedK), String(t.boundedK));
  both('connections', s.coldConnections ? 'cold' : 'warm', t.coldConnections ? 'cold' : 'warm');
  both('statement mode', s.statementMode, t.statementMode);
  const names = (x: Described) => x.settings.strategies.map((n) => strategyInfo[n].label).join(', ');
  both('strategies', names(a), names(b));
  return out;
}
