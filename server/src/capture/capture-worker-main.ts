// The capture thread's body; capture-worker.mjs loads it through tsx in a clone, and the installable
// package bundles it as capture-worker.mjs (scripts/package.mjs).
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors/app-error';
import { type RunningCapture, startCapture } from './recorder';

if (!parentPort) throw new Error('capture-worker runs on a worker thread');
const port = parentPort;
let capture: RunningCapture | undefined;
try {
  capture = await startCapture({ ...workerData, onEvent: (event) => port.postMessage({ event }) });
  port.postMessage({ started: { port: capture.port, listenUrl: capture.listenUrl } });
} catch (err) {
  port.postMessage({
    failed: isAppError(err)
      ? { code: err.code, message: err.message, hint: err.hint, status: err.status }
      : { message: err instanceof Error ? err.message : String(err) },
  });
}
port.on('message', async (m: { type: 'snapshot' | 'stop'; id: number }) => {
  if (!capture) return;
  if (m.type === 'snapshot')
    port.postMessage({ id: m.id, snapshot: capture.snapshot(), openSockets: capture.openSockets() });
  if (m.type === 'stop')
    port.postMessage({ id: m.id, snapshot: await capture.stop(), openSockets: capture.openSockets() });
});
