import { z } from 'zod';
import { DatabaseTargetSchema } from './run';
import { StatementModeSchema } from './statement-mode';
import { StrategyListSchema } from './strategy';
import { WorkloadSchema } from './workload';

/** Hard limits of one load test: nothing a user sends can make it run longer or wider than this. */
export const loadLimits = {
  maxDurationS: 600,
  maxVus: 1000,
  maxRate: 5000,
  maxRequests: 5_000_000,
  maxPool: 200,
  maxSweepPool: 128,
  maxGraceMs: 30_000,
  /** Worker threads of the load generator. */
  maxThreads: 32,
  /**
   * A whole test's planned load time: every strategy's duration plus every sweep step. Each limit
   * above holds per phase, so without this one 5 strategies and a sweep could run for 90 minutes.
   */
  maxTestMinutes: 30,
} as const;

/**
 * How load is generated.
 * - closed: `vus` virtual users, each running the workload in a loop, pausing `thinkTimeMs` between
 *   requests; they start spread over `rampUpS` (k6 "constant VUs").
 * - open: requests arrive at `rate` per second whatever the system does (k6 "constant arrival rate",
 *   wrk2). Latency counts from each request's scheduled start, so queueing is not hidden; at most
 *   `maxInFlight` run at once and a request that could not start within `maxLagMs` of its schedule
 *   is dropped.
 */
export const LoadModelSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('closed'),
    vus: z.number().int().min(1).max(loadLimits.maxVus),
    thinkTimeMs: z.number().min(0).max(60_000).default(0),
    rampUpS: z.number().min(0).max(300).default(0),
  }),
  z.object({
    kind: z.literal('open'),
    rate: z.number().positive().max(loadLimits.maxRate),
    maxInFlight: z.number().int().min(1).max(loadLimits.maxVus).default(100),
    maxLagMs: z.number().min(1).max(60_000).default(1000),
  }),
]);
export type LoadModel = z.infer<typeof LoadModelSchema>;

export const SweepSettingsSchema = z.object({
  /** Pool sizes 1, 2, 4, … up to this one. */
  maxPool: z.number().int().min(1).max(loadLimits.maxSweepPool).default(32),
  /** Seconds of load at each pool size and strategy. */
  stepDurationS: z.number().min(1).max(60).default(5),
});
export type SweepSettings = z.infer<typeof SweepSettingsSchema>;

export const LoadSettingsSchema = z.object({
  strategies: StrategyListSchema,
  model: LoadModelSchema,
  /** Seconds of load per strategy; strategies run one after another. */
  durationS: z.number().min(1).max(loadLimits.maxDurationS).default(10),
  /**
   * Per strategy: each strategy's phase (and each sweep step) stops after this many requests even if
   * time is left, so every strategy gets the same cap; the whole test is bounded by its planned time.
   */
  maxRequests: z.number().int().min(1).max(loadLimits.maxRequests).default(1_000_000),
  /** After the duration, in-flight requests get this long to finish before they are cancelled on the server. */
  graceMs: z.number().min(0).max(loadLimits.maxGraceMs).default(2000),
  /** Connections in the pool shared by all virtual users (per strategy phase). */
  poolSize: z.number().int().min(1).max(loadLimits.maxPool).default(10),
  /** k of the bounded strategy. */
  boundedK: z.number().int().min(1).max(100).default(2),
  /** Simulated network round-trip time between the app and the database (latency proxy). */
  rttMs: z.number().min(0).max(500).default(0),
  /** How statements travel (the user's driver): extended (node-postgres), prepared, or simple. */
  statementMode: StatementModeSchema.default('extended'),
  /**
   * Worker threads that generate the load, each with its share of the virtual users (or of the
   * arrival rate) and of the pool. Unset: what the machine can spare (its cores less one).
   */
  threads: z.number().int().min(1).max(loadLimits.maxThreads).optional(),
  /** When set, the same load also runs at pool sizes 1, 2, 4, … up to `sweep.maxPool`. */
  sweep: SweepSettingsSchema.optional(),
});
export type LoadSettings = z.infer<typeof LoadSettingsSchema>;

/** Pool sizes of a sweep: 1, 2, 4, … doubling up to `max`, and `max` itself when it is not a power of two. */
export function sweepSizes(max: number): number[] {
  const sizes: number[] = [];
  for (let s = 1; s <= max; s *= 2) sizes.push(s);
  if (sizes.at(-1) !== max) sizes.push(max);
  return sizes;
}

type PlannedInput = Pick<LoadSettings, 'durationS'> & {
  strategies: readonly unknown[];
  sweep?: { maxPool: number; stepDurationS?: number | undefined } | undefined;
};

/**
 * The load time a test plans: each strategy for `durationS`, then each sweep step. An upper bound:
 * a sweep ends early at `max_connections`, and each phase's grace period comes on top when requests
 * are still in flight at its end.
 */
export function plannedTestS(s: PlannedInput): number {
  const sweep = s.sweep
    ? sweepSizes(s.sweep.maxPool).length * s.strategies.length * (s.sweep.stepDurationS ?? 5)
    : 0;
  return s.strategies.length * s.durationS + sweep;
}

const span = (seconds: number) => {
  if (seconds < 60) return `${seconds} s`;
  const m = seconds / 60;
  return `${Number.isInteger(m) ? m : m.toFixed(1)} min`;
};

/** The planned time as a sum a user can check, e.g. "2 strategies × 10 s + sweep 6 pool sizes × 2 strategies × 5 s = 80 s". */
export function plannedTimeFormula(s: PlannedInput): string {
  const n = s.strategies.length;
  const strategies = `${n} strateg${n === 1 ? 'y' : 'ies'}`;
  const sweep = s.sweep
    ? ` + sweep ${sweepSizes(s.sweep.maxPool).length} pool sizes × ${strategies} × ${s.sweep.stepDurationS ?? 5} s`
    : '';
  return `${strategies} × ${s.durationS} s${sweep} = ${span(plannedTestS(s))}`;
}

/** How a caller names the settings the planned time depends on: API fields, CLI flags, form labels. */
export interface PlannedTimeNames {
  duration: string;
  maxPool: string;
  step: string;
}

/** The API's names, as the request's fields. */
export const apiPlannedTimeNames: PlannedTimeNames = {
  duration: 'durationS',
  maxPool: 'sweep.maxPool',
  step: 'sweep.stepDurationS',
};

/**
 * Why a test's planned time is over the limit, with the sum spelled out; null when it fits. The same
 * sentence in the API's 400, the CLI and the web form (which shows it as the user types), each
 * naming the settings as its user knows them.
 */
export function plannedTimeProblem(
  s: PlannedInput,
  names: PlannedTimeNames = apiPlannedTimeNames,
): string | null {
  const total = plannedTestS(s);
  if (!Number.isFinite(total) || total <= loadLimits.maxTestMinutes * 60) return null;
  const fix = s.sweep
    ? `shorten the duration per strategy (${names.duration}), run fewer strategies, or sweep to a smaller largest pool (${names.maxPool}) or with shorter steps (${names.step})`
    : `shorten the duration per strategy (${names.duration}) or run fewer strategies`;
  return `${plannedTimeFormula(s)}, over the ${loadLimits.maxTestMinutes} min limit of a test; ${fix}.`;
}

/** Adds the whole-test limit to a settings schema: refused at validation, named at `durationS`. */
const withinTestTime = (s: PlannedInput, ctx: z.RefinementCtx) => {
  // A duration over its own limit is already named by its own issue.
  const problem = s.durationS <= loadLimits.maxDurationS ? plannedTimeProblem(s) : null;
  if (problem) ctx.addIssue({ code: 'custom', path: ['durationS'], message: problem });
};

/**
 * Settings as a user sends them (the CLI): the per-phase limits of `LoadSettingsSchema` and the
 * whole test's planned time. Stored tests are read with `LoadSettingsSchema`, which keeps older ones.
 */
export const LoadSettingsInputSchema = LoadSettingsSchema.superRefine(withinTestTime);

export const LoadTestRequestSchema = LoadSettingsSchema.extend({
  /** A built-in workload by name, or a full workload. */
  workload: z.union([z.string().min(1), WorkloadSchema]),
  target: DatabaseTargetSchema.default({ kind: 'default' }),
  /** A detached test keeps going when its viewer leaves (the CLI); otherwise it is stopped. */
  detached: z.boolean().default(false),
}).superRefine(withinTestTime);
export type LoadTestRequest = z.input<typeof LoadTestRequestSchema>;
export type ParsedLoadTestRequest = z.output<typeof LoadTestRequestSchema>;

/**
 * The "100 users, 4-query dashboard" preset: sequential vs concurrent with a network round trip.
 * Users pause 250 ms between requests as real users do; with no pause every strategy saturates the
 * CPU (of this machine, the database and the proxy alike) and the test measures only that.
 */
export const dashboardPreset = {
  workload: 'user-dashboard',
  strategies: ['sequential', 'concurrent'],
  model: { kind: 'closed', vus: 100, thinkTimeMs: 250, rampUpS: 1 },
  durationS: 10,
  poolSize: 50,
  rttMs: 5,
} as const satisfies Omit<LoadTestRequest, 'target'>;
