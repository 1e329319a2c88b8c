// The latency proxy on a thread of its own: a load test keeps the main event loop busy, and delays
// timed there would grow with the load, a network that slows down when the client works harder.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { startLatencyProxy } = await import('../proxy/latency-proxy.ts');
const proxy = await startLatencyProxy(workerData);
parentPort?.postMessage({ port: proxy.port });
