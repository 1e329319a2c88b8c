import { parseArgs } from 'node:util';
import { type RunSettings, RunSettingsSchema, type StrategyName, strategyNames } from '@gatherscope/shared';
import { UsageError } from './command';

export interface RunOptions {
  help: boolean;
  workload: string;
  db: string | undefined;
  json: boolean;
  asserts: string[];
  settings: RunSettings;
}

/** Flag of each setting, so a bad value is reported under the name the user typed. */
const flagOf: Record<string, string> = {
  strategies: '--strategies',
  trials: '--iterations',
  warmup: '--warmup',
  poolSize: '--pool',
  boundedK: '--bounded-k',
  rttMs: '--rtt',
  jitterMs: '--jitter',
};

function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} needs a number, got "${v}".`);
  return n;
}

export function parseRunOptions(argv: string[]): RunOptions {
  let values: ReturnType<typeof parse>['values'];
  function parse() {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        workload: { type: 'string', short: 'w' },
        db: { type: 'string' },
        strategies: { type: 'string', short: 's' },
        iterations: { type: 'string', short: 'n' },
        warmup: { type: 'string' },
        rtt: { type: 'string' },
        jitter: { type: 'string' },
        pool: { type: 'string' },
        'bounded-k': { type: 'string' },
        cold: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        assert: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  }
  try {
    values = parse().values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const help = values.help ?? false;
  if (!help && !values.workload)
    throw new UsageError('--workload is required (a JSON file or a built-in name).');
  const strategies = (values.strategies ?? strategyNames.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as StrategyName[];
  const parsed = RunSettingsSchema.safeParse({
    strategies,
    trials: num('--iterations', values.iterations),
    warmup: num('--warmup', values.warmup),
    poolSize: num('--pool', values.pool),
    boundedK: num('--bounded-k', values['bounded-k']),
    rttMs: num('--rtt', values.rtt),
    jitterMs: num('--jitter', values.jitter),
    coldConnections: values.cold,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const bad = key === 'strategies' && i.path.length > 1 ? ` ("${strategies[Number(i.path[1])]}")` : '';
      return `${flagOf[key] ?? key}${bad}: ${i.message}`;
    });
    throw new UsageError(lines.join('\n'));
  }
  return {
    help,
    workload: values.workload ?? '',
    db: values.db,
    json: values.json ?? false,
    asserts: values.assert ?? [],
    settings: parsed.data,
  };
}
