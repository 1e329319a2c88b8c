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
}

/** What a preset measured; the verdict is derived from it by the matrix service. */
export type PresetResult = Omit<
  Measurement,
  'scenario' | 'measuredAt' | 'verdict' | 'reason' | 'contradicts'
>;

export type Preset = (ctx: PresetContext) => Promise<PresetResult>;
