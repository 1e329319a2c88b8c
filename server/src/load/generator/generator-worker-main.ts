// A generator worker thread. Development loads it through generator-worker.mjs (which registers
// tsx first); the installable package bundles it as generator-worker.mjs itself.
import { parentPort } from 'node:worker_threads';
import { serveGenerator } from './generator-thread';

if (!parentPort) throw new Error('generator-worker runs on a worker thread');
serveGenerator(parentPort);
