import { Worker } from 'node:worker_threads';
import { viaLocalProxy } from '../db/local-proxy-url';
import { parseDatabaseUrl } from '../db/target';
import { AppError } from '../errors/app-error';
import type { OpenProxy } from './runner';

/**
 * Puts the latency proxy in front of the database, on a worker thread (see proxy-worker.mjs), and
 * rewrites the URL to go through it. Closing ends the thread and with it every proxied connection.
 */
export const openLatencyProxy: OpenProxy = async (targetUrl, rttMs) => {
  const t = parseDatabaseUrl(targetUrl);
  const worker = new Worker(new URL('./proxy-worker.mjs', import.meta.url), {
    workerData: { targetHost: t.host, targetPort: t.port, rttMs },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the latency proxy thread exited (${code})`)));
  }).catch((err: unknown) => {
    void worker.terminate();
    throw new AppError('internal', 'The latency proxy could not start.', {
      status: 500,
      hint: 'Run the load test with RTT 0, and report this with the server log.',
      cause: err,
    });
  });
  worker.unref();
  return {
    url: viaLocalProxy(targetUrl, { host: '127.0.0.1', port }),
    close: async () => {
      await worker.terminate();
    },
  };
};
