import { type ParseArgsConfig, parseArgs } from 'node:util';
import { likelyField, type StrategyName } from '@gatherscope/shared';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;
type Flags<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'];

/**
 * What node's parseArgs said, in one short line: an unknown flag with the known one it most likely
 * meant (`--iteratons` → `--iterations`), a stray argument with the flag it may belong to.
 */
export function flagProblem(err: unknown, options: Options): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  const known = Object.keys(options);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const typed = /Unknown option '([^']+)'/.exec(message)?.[1] ?? '';
    const name = typed.replace(/^-+/, '').replace(/=.*$/, '');
    const guess = name.length > 1 ? likelyField(name, known) : undefined;
    return `Unknown option ${typed}${guess ? ` — did you mean --${guess}?` : '.'}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /Unexpected argument '([^']+)'/.exec(message)?.[1] ?? '';
    return `Unexpected argument "${arg}": every value follows its flag (--flag value).`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // "Option '-n, --iterations <value>' argument missing"
    const flag = /--[\w-]+/.exec(message)?.[0];
    if (flag && /argument missing/.test(message)) return `${flag} needs a value.`;
  }
  return message;
}

/** The flags of a subcommand; no positionals, and an unknown or malformed flag is a usage error. */
export function parseFlags<const O extends Options>(args: string[], options: O): Flags<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(flagProblem(err, options));
  }
}

/** A numeric flag; undefined when not given, so the schema's default applies. */
export function numberFlag(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} needs a number, got "${v}".`);
  return n;
}

/** `--strategies a,b`: names as typed; the settings schema says which are unknown. */
export function strategyList(v: string): StrategyName[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as StrategyName[];
}
