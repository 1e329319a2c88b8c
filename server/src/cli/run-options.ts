import { type RunSettings, RunSettingsSchema, strategyNames } from '@gatherscope/shared';
import { UsageError } from './command';
import { numberFlag as num, parseFlags, strategyList } from './flags';
import { type JobOutput, jobFlags, jobOutputOf, jobSettingFlags } from './job-flags';

export interface RunOptions extends JobOutput {
  workload: string;
  asserts: string[];
  settings: RunSettings;
}

/** Flag of each setting, so a bad value is reported under the name the user typed. */
const flagOf: Record<string, string> = {
  ...jobSettingFlags,
  trials: '--iterations',
  warmup: '--warmup',
  jitterMs: '--jitter',
  limits: '--max-rows/--max-result-mb/--statement-timeout',
};
const limitFlag: Record<string, string> = {
  maxRows: '--max-rows',
  maxBytes: '--max-result-mb',
  statementTimeoutMs: '--statement-timeout',
};

export function parseRunOptions(argv: string[]): RunOptions {
  const values = parseFlags(argv, {
    ...jobFlags,
    iterations: { type: 'string', short: 'n' },
    warmup: { type: 'string' },
    jitter: { type: 'string' },
    'max-rows': { type: 'string' },
    'max-result-mb': { type: 'string' },
    'statement-timeout': { type: 'string' },
    cold: { type: 'boolean', default: false },
    assert: { type: 'string', multiple: true, default: [] },
  });
  const help = values.help ?? false;
  if (!help && !values.workload)
    throw new UsageError('--workload is required (a JSON file or a built-in name).');
  const strategies = strategyList(values.strategies ?? strategyNames.join(','));
  const parsed = RunSettingsSchema.safeParse({
    strategies,
    trials: num('--iterations', values.iterations),
    warmup: num('--warmup', values.warmup),
    poolSize: num('--pool', values.pool),
    boundedK: num('--bounded-k', values['bounded-k']),
    rttMs: num('--rtt', values.rtt),
    jitterMs: num('--jitter', values.jitter),
    coldConnections: values.cold,
    statementMode: values.mode,
    limits: limitsOf(values),
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const bad = key === 'strategies' && i.path.length > 1 ? ` ("${strategies[Number(i.path[1])]}")` : '';
      const flag = key === 'limits' ? limitFlag[String(i.path[1])] : flagOf[key];
      return `${flag ?? key}${bad}: ${i.message}`;
    });
    throw new UsageError(lines.join('\n'));
  }
  return {
    ...jobOutputOf(values),
    workload: values.workload ?? '',
    asserts: values.assert ?? [],
    settings: parsed.data,
  };
}

/** The guard limits the flags set; undefined when none is given (the defaults apply). */
function limitsOf(v: {
  'max-rows'?: string | undefined;
  'max-result-mb'?: string | undefined;
  'statement-timeout'?: string | undefined;
}): RunSettings['limits'] {
  const mb = num('--max-result-mb', v['max-result-mb']);
  const limits = {
    ...(v['max-rows'] !== undefined && { maxRows: num('--max-rows', v['max-rows']) }),
    ...(mb !== undefined && { maxBytes: Math.round(mb * 1024 * 1024) }),
    ...(v['statement-timeout'] !== undefined && {
      statementTimeoutMs: num('--statement-timeout', v['statement-timeout']),
    }),
  };
  return Object.keys(limits).length ? limits : undefined;
}

/** The settings as the run's first line on stderr says them, so a log shows what was measured. */
export function describeSettings(s: RunSettings): string {
  const latency = [
    s.rttMs ? `RTT ${s.rttMs} ms` : '',
    s.jitterMs ? `jitter up to ${s.jitterMs} ms each way` : '',
  ].filter(Boolean);
  return [
    `${s.strategies.join(', ')}; ${s.trials} trials + ${s.warmup} warm-up each`,
    ...latency,
    s.coldConnections ? 'cold connections (a new one per trial)' : '',
    s.statementMode !== 'extended' ? `${s.statementMode} statements` : '',
    s.limits?.maxRows !== undefined ? `row cap ${s.limits.maxRows}` : '',
    s.limits?.maxBytes !== undefined
      ? `result cap ${Number((s.limits.maxBytes / 1024 / 1024).toFixed(3))} MB`
      : '',
    s.limits?.statementTimeoutMs !== undefined ? `statement timeout ${s.limits.statementTimeoutMs} ms` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
