import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { statementModes } from '@gatherscope/shared';
import { renderK6 } from '../load-scripts/k6';
import type { ScriptMode, ScriptStrategy } from '../load-scripts/options';
import { renderPgbench } from '../load-scripts/pgbench';
import { planScript } from '../load-scripts/script-plan';
import type { WorkloadCatalog } from '../workloads/catalog';
import { type Command, EXIT, UsageError } from './command';
import { numberFlag, parseFlags } from './flags';
import { parseLoadOptions } from './load-options';
import { loadWorkload } from './workload-source';

const USAGE = `Usage: gatherscope export pgbench|k6 --workload <file.json | built-in name> [options]

Writes a workload as a script for another load generator, for load beyond one machine: a pgbench
script (\\set for random parameters, the -M mode and client counts in its header) or a k6 script for
the xk6-sql extension with its PostgreSQL driver (a Trend per query; runs distributed with k6-operator).
Both give each client one connection: the sequential strategy (or pipelined, pgbench only).

Options:
  -w, --workload <x>      a workload JSON file or a built-in name
      --strategy <s>      sequential (default) or pipelined (pgbench only)
      --mode <m>          how statements travel (pgbench -M): simple, extended (default) or prepared
      --threads <n>       pgbench -j: generator threads (default: the cores of this machine)
      --out <file>        write here instead of standard output
  Load model, as for gatherscope load: --vus, --think, --ramp-up (closed) or --rate,
  --max-in-flight, --max-lag (open), and -d/--duration (seconds).
  -h, --help              this text`;

const FORMATS = ['pgbench', 'k6'] as const;
const STRATEGIES: readonly ScriptStrategy[] = ['sequential', 'pipelined'];
const MODES: readonly ScriptMode[] = statementModes;

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} is one of ${allowed.join(', ')}; got "${value}".`);
}

export function exportCommand(deps: { workloads: WorkloadCatalog; cwd?: string }): Command {
  return {
    name: 'export',
    summary: 'write a workload as a pgbench or k6 script, for load from other machines',
    usage: USAGE,
    async run(argv, io) {
      const [format, ...rest] = argv;
      if (format === undefined || format === '--help' || format === '-h') {
        (format === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
        return format === undefined ? EXIT.usage : EXIT.ok;
      }
      if (!(FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`gatherscope export writes ${FORMATS.join(' or ')}; got "${format}".`);
      }
      // The export's own flags; the rest is the load model, read exactly as gatherscope load reads it.
      const own = ['--strategy', '--mode', '--threads', '--out'];
      const mine: string[] = [];
      const load: string[] = [];
      for (let i = 0; i < rest.length; i++) {
        const arg = rest[i] ?? '';
        const name = arg.split('=')[0] ?? '';
        if (!own.includes(name)) load.push(arg);
        else if (arg.includes('=')) mine.push(arg);
        else mine.push(arg, rest[++i] ?? '');
      }
      const flags = parseFlags(mine, {
        strategy: { type: 'string' },
        mode: { type: 'string' },
        threads: { type: 'string' },
        out: { type: 'string' },
      });
      const options = parseLoadOptions(load);
      if (options.help) {
        io.stdout(`${USAGE}\n`);
        return EXIT.ok;
      }
      const strategy = oneOf('--strategy', flags.strategy, STRATEGIES, 'sequential');
      const mode = oneOf('--mode', flags.mode, MODES, 'extended');
      if (format === 'k6' && strategy === 'pipelined') {
        throw new UsageError(
          'k6 (xk6-sql) sends one statement at a time: only --strategy sequential exports to k6.',
        );
      }
      const threads = numberFlag('--threads', flags.threads) ?? os.availableParallelism();
      if (!Number.isInteger(threads) || threads < 1)
        throw new UsageError('--threads is a whole number of at least 1.');
      const workload = await loadWorkload(options.workload, deps.workloads, deps.cwd);
      const plan = await planScript(workload);
      const scriptOptions = {
        strategy,
        mode,
        threads,
        model: options.settings.model,
        durationS: options.settings.durationS,
      };
      const fileName = flags.out
        ? path.basename(flags.out)
        : `${workload.name}.${format === 'k6' ? 'js' : 'sql'}`;
      const script =
        format === 'k6' ? renderK6(plan, scriptOptions) : renderPgbench(plan, scriptOptions, fileName);
      if (flags.out) {
        await fs.writeFile(path.resolve(deps.cwd ?? process.cwd(), flags.out), script);
        io.stderr(`Wrote ${flags.out}\n`);
      } else io.stdout(script);
      return EXIT.ok;
    },
  };
}
