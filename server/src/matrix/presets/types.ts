import type { Measurement } from '@gatherscope/shared';
import type { CreateProfiler } from '../../engine/types';
import type { MockServices } from '../../mock-services/server';

export interface PresetContext {
  /** The default database (embedded demo or DATABASE_URL). Never logged or sent out. */
  databaseUrl: string;
  /** True for the embedded demo database: the only one a preset may write to. */
  embedded: boolean;
  mock: () => Promise<MockServices>;
  signal: AbortSignal;
  /** The profiling engine; the SQL presets run their trials through it. */
  createProfiler: CreateProfiler;
  /** Latency of every mock service call, when the user set one; else each service's default. */
  latencyMs?: number | undefined;
  /** Functions the saved connection of the database trusts (a confirmation on a saved connection). */
  trustedFunctions?: readonly string[] | undefined;
}

/** What a preset measured; the verdict (on the scenario's basis) is derived from it by the matrix service. */
export type PresetResult = Omit<
  Measurement,
  'scenario' | 'measuredAt' | 'basis' | 'database' | 'verdict' | 'reason' | 'contradicts'
>;

export type Preset = (ctx: PresetContext) => Promise<PresetResult>;
