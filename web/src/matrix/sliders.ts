import type { WhatIfInput } from '@gatherscope/shared';

export interface SliderDef {
  key: Exclude<keyof WhatIfInput, 'dependencies'>;
  label: string;
  min: number;
  max: number;
  step: number;
  unit: string;
}

/** The what-if sliders, in the order the page shows them. Ranges stay inside the server's schema. */
export const sliders: readonly SliderDef[] = [
  { key: 'queries', label: 'Number of queries', min: 1, max: 20, step: 1, unit: '' },
  { key: 'queryMs', label: 'Per-query time', min: 0, max: 500, step: 1, unit: 'ms' },
  { key: 'rttMs', label: 'Network round trip (RTT)', min: 0, max: 100, step: 1, unit: 'ms' },
  { key: 'cpuMsPerRequest', label: 'Database CPU time per request', min: 0, max: 500, step: 1, unit: 'ms' },
  { key: 'poolSize', label: 'Pool size', min: 1, max: 50, step: 1, unit: 'connections' },
  { key: 'dbCores', label: 'Database cores', min: 1, max: 32, step: 1, unit: '' },
  { key: 'ratePerSec', label: 'Request rate', min: 0, max: 500, step: 1, unit: 'req/s' },
];

/** The slow dashboard's shape: four queries of about 75 ms on average, independent. */
export const defaultWhatIf: WhatIfInput = {
  queries: 4,
  queryMs: 75,
  rttMs: 0,
  dependencies: 'independent',
  cpuMsPerRequest: 0,
  poolSize: 10,
  dbCores: 2,
  ratePerSec: 0,
};
