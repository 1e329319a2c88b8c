import {
  dashboardPreset,
  type LoadSettings,
  LoadSettingsInputSchema,
  type PlannedTimeNames,
  plannedTimeProblem,
} from '@gatherscope/shared';
import { UsageError } from './command';
import { numberFlag as num, parseFlags, strategyList } from './flags';
import { type JobOutput, jobFlags, jobOutputOf, jobSettingFlags } from './job-flags';

export interface LoadOptions extends JobOutput {
  workload: string;
  settings: LoadSettings;
}

const flagOf: Record<string, string> = {
  ...jobSettingFlags,
  durationS: '--duration',
  maxRequests: '--max-requests',
  graceMs: '--grace',
  sweep: '--sweep',
  threads: '--threads',
};
const sweepFlag: Record<string, string> = { maxPool: '--sweep', stepDurationS: '--sweep-step' };
/** The whole test's planned time, in the flags that change it. */
const plannedNames: PlannedTimeNames = { duration: '--duration', maxPool: '--sweep', step: '--sweep-step' };

/** The flag a schema issue is about: its sub-path decides within the model and the sweep. */
function flagOfPath(path: readonly PropertyKey[]): string {
  const [key, sub] = path.map(String);
  if (key === 'model') return modelFlag[sub ?? ''] ?? '--vus/--rate';
  if (key === 'sweep') return sweepFlag[sub ?? ''] ?? '--sweep';
  return flagOf[key ?? ''] ?? key ?? '';
}
const modelFlag: Record<string, string> = {
  vus: '--vus',
  rate: '--rate',
  thinkTimeMs: '--think',
  rampUpS: '--ramp-up',
  maxInFlight: '--max-in-flight',
  maxLagMs: '--max-lag',
};

export function parseLoadOptions(argv: string[]): LoadOptions {
  const values = parseFlags(argv, {
    ...jobFlags,
    vus: { type: 'string' },
    rate: { type: 'string' },
    think: { type: 'string' },
    'ramp-up': { type: 'string' },
    'max-in-flight': { type: 'string' },
    'max-lag': { type: 'string' },
    duration: { type: 'string', short: 'd' },
    'max-requests': { type: 'string' },
    grace: { type: 'string' },
    threads: { type: 'string' },
    sweep: { type: 'string' },
    'sweep-step': { type: 'string' },
    preset: { type: 'string' },
  });
  const help = values.help ?? false;
  if (values.preset !== undefined && values.preset !== 'dashboard') {
    throw new UsageError(`--preset: the only preset is "dashboard", got "${values.preset}".`);
  }
  const preset = values.preset === 'dashboard' ? dashboardPreset : undefined;
  const workload = values.workload ?? preset?.workload;
  if (!help && !workload)
    throw new UsageError('--workload is required (a JSON file or a built-in name), or --preset dashboard.');
  if (values.vus !== undefined && values.rate !== undefined) {
    throw new UsageError(
      'Give --vus (closed model: virtual users) or --rate (open model: requests per second), not both.',
    );
  }
  const model =
    values.rate !== undefined
      ? {
          kind: 'open' as const,
          rate: num('--rate', values.rate),
          maxInFlight: num('--max-in-flight', values['max-in-flight']),
          maxLagMs: num('--max-lag', values['max-lag']),
        }
      : {
          kind: 'closed' as const,
          vus: num('--vus', values.vus) ?? preset?.model.vus ?? 10,
          thinkTimeMs: num('--think', values.think) ?? preset?.model.thinkTimeMs,
          rampUpS: num('--ramp-up', values['ramp-up']) ?? preset?.model.rampUpS,
        };
  const strategies = strategyList(
    values.strategies ?? preset?.strategies.join(',') ?? 'sequential,concurrent',
  );
  const sweepMax = num('--sweep', values.sweep);
  const input = {
    strategies,
    model,
    durationS: num('--duration', values.duration) ?? preset?.durationS,
    maxRequests: num('--max-requests', values['max-requests']),
    graceMs: num('--grace', values.grace),
    poolSize: num('--pool', values.pool) ?? preset?.poolSize,
    boundedK: num('--bounded-k', values['bounded-k']),
    rttMs: num('--rtt', values.rtt) ?? preset?.rttMs,
    statementMode: values.mode,
    threads: num('--threads', values.threads),
    sweep:
      sweepMax === undefined
        ? undefined
        : { maxPool: sweepMax, stepDurationS: num('--sweep-step', values['sweep-step']) },
  };
  const parsed = LoadSettingsInputSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      // The whole test's planned time (the schema's own issue names API fields): in CLI flags.
      const planned =
        i.code === 'custom' && i.path[0] === 'durationS' && input.durationS !== undefined
          ? plannedTimeProblem({ ...input, durationS: input.durationS }, plannedNames)
          : null;
      return `${flagOfPath(i.path)}: ${planned ?? i.message}`;
    });
    throw new UsageError(lines.join('\n'));
  }
  return {
    ...jobOutputOf(values),
    workload: workload ?? '',
    settings: parsed.data,
  };
}
