import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { StrategyName } from '@gatherscope/shared';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;
type Flags<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'];

/** The flags of a subcommand; no positionals, and an unknown or malformed flag is a usage error. */
export function parseFlags<const O extends Options>(args: string[], options: O): Flags<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
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
