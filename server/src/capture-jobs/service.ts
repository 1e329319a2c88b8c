import { type ServerServices, serverTargets } from '../runs/service';
import { CaptureManager } from './manager';
import { CaptureStore } from './store';

/** The capture service as the server runs it: the default database or a saved one, stored captures. */
export async function createCaptures(o: ServerServices): Promise<CaptureManager> {
  return new CaptureManager({
    store: await CaptureStore.open(o.dataDir, o.log),
    resolveTarget: serverTargets(o),
    log: o.log,
  });
}
