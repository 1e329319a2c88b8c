import { createProfiler } from '../engine/profiler';
import { type ServerServices, serverTargets } from '../runs/service';
import { presets } from './presets';
import { MatrixService } from './service';
import { MatrixStore } from './store';

/**
 * The decision matrix as main.ts runs it: stored measurements, the engine, run targets resolved as
 * runs resolve them (for detector confirmations); mock services on first use.
 */
export async function createMatrixService(opts: ServerServices): Promise<MatrixService> {
  const store = await MatrixStore.open(opts.dataDir, opts.log);
  return new MatrixService({ ...opts, store, presets, createProfiler, resolveTarget: serverTargets(opts) });
}
