import type { ScenarioId } from '@gatherscope/shared';
import { getBuiltinWorkload } from '../../workloads/builtin';
import { batchPreset } from './batch';
import { cpuPreset } from './cpu';
import { gatewayPreset } from './gateway';
import { compareUnderLoad } from './load';
import { compareStrategies } from './profile';
import type { Preset } from './types';
import { blogWorkload, chatWorkload, checkoutWorkload, iotWorkload } from './workloads';

/** The experiment behind each scenario of the matrix (see scenarios.ts for what each decides). */
export const presets: Record<ScenarioId, Preset> = {
  'blog-cms': (ctx) => compareStrategies(ctx, { workload: blogWorkload, trials: 30 }),
  'admin-dashboard': (ctx) =>
    compareStrategies(ctx, {
      workload: getBuiltinWorkload('admin-dashboard'),
      settings: { rttMs: 5 },
      trials: 20,
    }),
  'rest-api-low': (ctx) =>
    compareStrategies(ctx, {
      workload: getBuiltinWorkload('user-dashboard'),
      settings: { rttMs: 1 },
      trials: 20,
    }),
  'rest-api-high': (ctx) =>
    compareUnderLoad(ctx, {
      workload: getBuiltinWorkload('user-dashboard'),
      vus: 32,
      seconds: 4,
      settings: { poolSize: 10 },
    }),
  'realtime-chat': (ctx) =>
    compareUnderLoad(ctx, {
      workload: chatWorkload,
      vus: 64,
      seconds: 4,
      settings: { poolSize: 20, rttMs: 5 },
    }),
  gateway: gatewayPreset,
  'data-processing': cpuPreset,
  'iot-api': (ctx) =>
    compareUnderLoad(ctx, { workload: iotWorkload, vus: 48, seconds: 4, settings: { poolSize: 10 } }),
  checkout: (ctx) =>
    compareStrategies(ctx, {
      workload: checkoutWorkload,
      settings: { rttMs: 5 },
      treatment: 'dependency-aware',
      trials: 20,
    }),
  'social-feed': (ctx) =>
    compareStrategies(ctx, {
      workload: getBuiltinWorkload('user-dashboard'),
      settings: { rttMs: 20 },
      trials: 15,
    }),
  'batch-processing': batchPreset(),
};
