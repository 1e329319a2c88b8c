// The latency proxy's worker thread body. Development loads it through proxy-worker.mjs (which
// registers tsx first); the installable package bundles it as proxy-worker.mjs itself.
import { parentPort, workerData } from 'node:worker_threads';
import { startLatencyProxy } from '../proxy/latency-proxy';

const proxy = await startLatencyProxy(workerData);
parentPort?.postMessage({ port: proxy.port });
