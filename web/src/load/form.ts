import {
  type DatabaseTarget,
  dashboardPreset,
  type FieldIssue,
  type LoadSettings,
  type LoadTestRequest,
  LoadTestRequestSchema,
  plannedTimeFormula,
  plannedTimeProblem,
  type StrategyName,
  zodIssues,
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
  sweepStepS: string;
  /** Advanced: the grace period, the request cap per strategy, the bounded strategy's k. */
  graceMs: string;
  maxRequests: string;
  boundedK: string;
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
  sweepStepS: '5',
  // The schema's defaults, shown so the user sees what applies.
  graceMs: '2000',
  maxRequests: '1000000',
  boundedK: '2',
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
    graceMs: num(f.graceMs),
    maxRequests: num(f.maxRequests),
    boundedK: num(f.boundedK),
    ...(f.sweep ? { sweep: { maxPool: num(f.sweepMaxPool), stepDurationS: num(f.sweepStepS) } } : {}),
    // The page streams the test; leaving the page stops it.
    detached: false,
  };
}

/**
 * The form's problems as the server would name them (same shared schema, same paths), so they show
 * at their fields before anything is sent. A saved workload is checked by the server when sent.
 */
export function validateLoadForm(f: LoadFormState, target: DatabaseTarget): FieldIssue[] {
  const r = LoadTestRequestSchema.safeParse(buildLoadRequest(f, target));
  return r.success ? [] : zodIssues(r.error);
}

/**
 * The planned load time of the form as it stands, and why it is too long if it is (the API's own
 * sentence); null while a number it needs is half-typed.
 */
export function plannedTime(f: LoadFormState): { formula: string; problem: string | null } | null {
  const s = {
    strategies: f.strategies,
    durationS: num(f.durationS),
    ...(f.sweep ? { sweep: { maxPool: num(f.sweepMaxPool), stepDurationS: num(f.sweepStepS) } } : {}),
  };
  if (
    !(s.durationS > 0) ||
    (s.sweep && !(s.sweep.maxPool >= 1 && s.sweep.stepDurationS > 0)) ||
    s.strategies.length === 0
  )
    return null;
  return { formula: plannedTimeFormula(s), problem: plannedTimeProblem(s) };
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
