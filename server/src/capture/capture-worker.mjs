// A capture on a thread of its own (see capture-thread.ts): the app's bytes are forwarded on this
// thread's event loop, which nothing else (HTTP routes, SSE, a benchmark's own client) can delay.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { startCapture } = await import('./recorder.ts');
const { isAppError } = await import('../errors/app-error.ts');

const port = parentPort;
let capture;
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
port.on('message', async (m) => {
  if (!capture) return;
  if (m.type === 'snapshot')
    port.postMessage({ id: m.id, snapshot: capture.snapshot(), openSockets: capture.openSockets() });
  if (m.type === 'stop')
    port.postMessage({ id: m.id, snapshot: await capture.stop(), openSockets: capture.openSockets() });
});
