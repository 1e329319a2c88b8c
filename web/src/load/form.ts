import {
  type DatabaseTarget,
  dashboardPreset,
  type LoadSettings,
  type LoadTestRequest,
  type StrategyName,
} from '@gatherscope/shared';

/** What the Load test form holds: strings where the user types, so a half-typed number is not lost. */
export interface LoadFormState {
  /** A built-in workload's name, or a saved one's option value (`savedOption`). */
  workload: string;
  strategies: StrategyName[];
  model: 'closed' | 'open';
  vus: string;
  thinkTimeMs: string;
  rampUpS: string;
  rate: string;
  maxInFlight: string;
  maxLagMs: string;
  durationS: string;
  poolSize: string;
  rttMs: string;
  sweep: boolean;
  sweepMaxPool: string;
}

export const defaultLoadForm: LoadFormState = {
  workload: 'user-dashboard',
  strategies: ['sequential', 'concurrent'],
  model: 'closed',
  vus: '20',
  thinkTimeMs: '0',
  rampUpS: '0',
  rate: '100',
  maxInFlight: '100',
  maxLagMs: '1000',
  durationS: '10',
  poolSize: '10',
  rttMs: '0',
  sweep: false,
  sweepMaxPool: '32',
};

/** The "100 users, 4-query dashboard" preset, as form values. */
export function presetForm(): LoadFormState {
  const p = dashboardPreset;
  return {
    ...defaultLoadForm,
    workload: p.workload,
    strategies: [...p.strategies],
    model: 'closed',
    vus: String(p.model.vus),
    thinkTimeMs: String(p.model.thinkTimeMs),
    rampUpS: String(p.model.rampUpS),
    durationS: String(p.durationS),
    poolSize: String(p.poolSize),
    rttMs: String(p.rttMs),
  };
}

const SAVED = 'saved:';

/** The workload select's value for a saved workload: kept apart from built-in names by a prefix. */
export const savedOption = (id: string) => `${SAVED}${id}`;

/** The saved workload's id when the form picked one; undefined for a built-in name. */
export const savedWorkloadId = (value: string): string | undefined =>
  value.startsWith(SAVED) ? value.slice(SAVED.length) : undefined;

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/**
 * The request the form sends; the server validates it with the shared schema and names bad fields.
 * A saved workload travels whole (`workload`, loaded by the page), as the Profile page sends one.
 */
export function buildLoadRequest(
  f: LoadFormState,
  target: DatabaseTarget,
  workload: LoadTestRequest['workload'] = f.workload,
): LoadTestRequest {
  return {
    workload,
    target,
    strategies: f.strategies,
    model:
      f.model === 'closed'
        ? { kind: 'closed', vus: num(f.vus), thinkTimeMs: num(f.thinkTimeMs), rampUpS: num(f.rampUpS) }
        : { kind: 'open', rate: num(f.rate), maxInFlight: num(f.maxInFlight), maxLagMs: num(f.maxLagMs) },
    durationS: num(f.durationS),
    poolSize: num(f.poolSize),
    rttMs: num(f.rttMs),
    ...(f.sweep ? { sweep: { maxPool: num(f.sweepMaxPool) } } : {}),
    // The page streams the test; leaving the page stops it.
    detached: false,
  };
}

/** One line saying how a stored test was run, e.g. "100 virtual users (think 250 ms), 10 s per strategy, pool 50, RTT 5 ms". */
export function describeSettings(s: LoadSettings): string {
  const m = s.model;
  const model =
    m.kind === 'closed'
      ? `${m.vus} virtual user${m.vus === 1 ? '' : 's'}${m.thinkTimeMs ? ` (think ${m.thinkTimeMs} ms)` : ''}`
      : `${m.rate} req/s arriving (at most ${m.maxInFlight} in flight, dropped after ${m.maxLagMs} ms late)`;
  return `${model}, ${s.durationS} s per strategy, pool ${s.poolSize}${s.rttMs ? `, RTT ${s.rttMs} ms` : ''}${s.sweep ? `, sweep up to pool ${s.sweep.maxPool}` : ''}.`;
}
