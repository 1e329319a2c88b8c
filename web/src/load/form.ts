import {
  type DatabaseTarget,
  dashboardPreset,
  type FieldIssue,
  formatInteger,
  type LoadSettings,
  type LoadTestRequest,
  LoadTestRequestSchema,
  loadLimits,
  type PlannedTimeNames,
  plannedTimeFormula,
  plannedTimeProblem,
  type StatementMode,
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
  /** Advanced: the load generator's worker threads; empty lets the server choose (its cores less one). */
  threads: string;
  /** How statements travel: the virtual users' driver. */
  statementMode: StatementMode;
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
  threads: '',
  statementMode: 'extended',
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
    ...(f.threads.trim() === '' ? {} : { threads: num(f.threads) }),
    statementMode: f.statementMode,
    ...(f.sweep ? { sweep: { maxPool: num(f.sweepMaxPool), stepDurationS: num(f.sweepStepS) } } : {}),
    // The page streams the test; leaving the page stops it.
    detached: false,
  };
}

const n = formatInteger;

/** Each number field's label and what it accepts, in words: the form's messages, not the schema's. */
export const loadFieldRules: Record<string, { label: string; message: string }> = {
  'model.vus': {
    label: 'Virtual users',
    message: `Enter a whole number of virtual users from 1 to ${n(loadLimits.maxVus)}.`,
  },
  'model.thinkTimeMs': { label: 'Think time', message: 'Enter a think time from 0 to 60,000 ms.' },
  'model.rampUpS': { label: 'Ramp-up', message: 'Enter a ramp-up from 0 to 300 s.' },
  'model.rate': {
    label: 'Arrival rate',
    message: `Enter an arrival rate above 0, at most ${n(loadLimits.maxRate)} req/s.`,
  },
  'model.maxInFlight': {
    label: 'Max in flight',
    message: `Enter a whole number of requests from 1 to ${n(loadLimits.maxVus)}.`,
  },
  'model.maxLagMs': { label: 'Drop when late by', message: 'Enter a lag from 1 to 60,000 ms.' },
  durationS: {
    label: 'Duration per strategy',
    message: `Enter a duration from 1 to ${n(loadLimits.maxDurationS)} s.`,
  },
  poolSize: {
    label: 'Pool size',
    message: `Enter a whole number of connections from 1 to ${n(loadLimits.maxPool)}.`,
  },
  rttMs: { label: 'Network RTT', message: 'Enter a round-trip time from 0 to 500 ms.' },
  graceMs: {
    label: 'Grace period',
    message: `Enter a grace period from 0 to ${n(loadLimits.maxGraceMs)} ms.`,
  },
  maxRequests: {
    label: 'Request cap per strategy',
    message: `Enter a whole number of requests from 1 to ${n(loadLimits.maxRequests)}.`,
  },
  boundedK: { label: 'Bounded k', message: 'Enter a whole number of connections from 1 to 100.' },
  threads: {
    label: 'Generator threads',
    message: `Enter a whole number of threads from 1 to ${n(loadLimits.maxThreads)}, or leave it empty for this machine's cores less one.`,
  },
  'sweep.maxPool': {
    label: 'Largest pool',
    message: `Enter a whole number of connections from 1 to ${n(loadLimits.maxSweepPool)}.`,
  },
  'sweep.stepDurationS': { label: 'Seconds per step', message: 'Enter a step from 1 to 60 s.' },
  strategies: { label: 'Strategies', message: 'Choose at least one strategy.' },
};

/** The planned time's fix, in the form's labels. */
const formPlannedNames: PlannedTimeNames = {
  duration: loadFieldRules.durationS!.label,
  maxPool: loadFieldRules['sweep.maxPool']!.label,
  step: loadFieldRules['sweep.stepDurationS']!.label,
};

/** A field's label for the banner; the path itself for what has no field (a saved workload's query). */
export const loadFieldLabel = (path: string) => loadFieldRules[path]?.label ?? path;

/**
 * The form's problems at the paths the server names (same shared schema), so they show at their
 * fields before anything is sent, each in words saying what the field accepts. The whole test's
 * planned time, an issue of the duration, keeps its sum. A saved workload is checked when sent.
 */
export function validateLoadForm(f: LoadFormState, target: DatabaseTarget): FieldIssue[] {
  const r = LoadTestRequestSchema.safeParse(buildLoadRequest(f, target));
  if (r.success) return [];
  const planned = plannedTime(f)?.problem;
  return zodIssues(r.error).map((i) => ({
    ...i,
    message: i.path === 'durationS' && planned ? planned : (loadFieldRules[i.path]?.message ?? i.message),
  }));
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
  return { formula: plannedTimeFormula(s), problem: plannedTimeProblem(s, formPlannedNames) };
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
