import { createProfiler } from '../engine/profiler';
import type { LogFn } from '../http/logger';
import { startMockServices } from '../mock-services/server';
import { presets } from './presets';
import { MatrixService } from './service';
import { MatrixStore } from './store';

/** The decision matrix as main.ts runs it: stored measurements, the mock services on loopback, the engine. */
export async function createMatrixService(opts: {
  dataDir: string;
  databaseUrl: string;
  embedded: boolean;
  log: LogFn;
}): Promise<MatrixService> {
  const store = await MatrixStore.open(opts.dataDir, opts.log);
  const mockServices = await startMockServices();
  opts.log('mock_services', { url: mockServices.baseUrl });
  return new MatrixService({ ...opts, store, presets, createProfiler, mockServices, ownsMockServices: true });
}
