import type { LoadScriptRequest, LoadTestRequest, StrategyName } from '@gatherscope/shared';

/** What an exported script reproduces: both tools give each client one connection. */
export type ScriptStrategy = Extract<StrategyName, 'sequential' | 'pipelined'>;
export type ScriptFormat = LoadScriptRequest['format'];

/** Load settings as the form sends them or as a stored test keeps them. */
type Settings = Pick<LoadTestRequest, 'model' | 'durationS' | 'statementMode' | 'threads' | 'strategies'>;

/**
 * The strategy a script should reproduce by default: pipelined when the test runs it and not
 * sequential (the one other strategy a single connection per client can play), else sequential.
 */
export function defaultScriptStrategy(strategies: readonly StrategyName[]): ScriptStrategy {
  return strategies.includes('pipelined') && !strategies.includes('sequential') ? 'pipelined' : 'sequential';
}

/**
 * `POST /api/load-scripts` for a load test's settings: the same load model, duration and statement
 * mode; the generator's threads become pgbench -j (unset: the server's default). The server checks
 * it with the shared schema and says what a script cannot express.
 */
export function scriptRequest(
  format: ScriptFormat,
  strategy: ScriptStrategy,
  s: Settings,
  workload: LoadScriptRequest['workload'],
): LoadScriptRequest {
  return {
    format,
    workload,
    strategy,
    mode: s.statementMode ?? 'extended',
    model: s.model,
    ...(s.durationS === undefined ? {} : { durationS: s.durationS }),
    ...(s.threads === undefined ? {} : { threads: s.threads }),
  };
}
