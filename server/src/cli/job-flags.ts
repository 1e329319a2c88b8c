/**
 * The flags `run` and `load` share: what to measure (workload, database, strategies and how the
 * statements travel) and what to do with the result (JSON, History, HTML report). Declared once so
 * both commands spell, document and report them alike.
 */
export const jobFlags = {
  workload: { type: 'string', short: 'w' },
  db: { type: 'string' },
  strategies: { type: 'string', short: 's' },
  rtt: { type: 'string' },
  pool: { type: 'string' },
  'bounded-k': { type: 'string' },
  mode: { type: 'string' },
  json: { type: 'boolean', default: false },
  'no-save': { type: 'boolean', default: false },
  html: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The shared settings' flags, so a bad value is reported under the name the user typed. */
export const jobSettingFlags: Record<string, string> = {
  strategies: '--strategies',
  poolSize: '--pool',
  boundedK: '--bounded-k',
  rttMs: '--rtt',
  statementMode: '--mode',
};

/** What both commands do with the result. */
export interface JobOutput {
  help: boolean;
  db: string | undefined;
  json: boolean;
  /** --no-save: leave the result out of History (no permalink). */
  save: boolean;
  /** --html FILE: also write the offline HTML report there. */
  html: string | undefined;
}

export function jobOutputOf(v: {
  help?: boolean | undefined;
  db?: string | undefined;
  json?: boolean | undefined;
  'no-save'?: boolean | undefined;
  html?: string | undefined;
}): JobOutput {
  return {
    help: v.help ?? false,
    db: v.db,
    json: v.json ?? false,
    save: !(v['no-save'] ?? false),
    html: v.html,
  };
}
