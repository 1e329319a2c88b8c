import { newRunId, type RunStore } from '../runs/store';
import { exportRoutes } from './routes';

/** The export routes over a run store, as app.ts mounts them. */
export const routesFor = (store: RunStore, webDist: string | undefined) =>
  exportRoutes({ runs: store, store, newRunId: () => newRunId(), webDist });
