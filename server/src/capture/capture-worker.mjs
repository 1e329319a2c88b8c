// A capture on a thread of its own (see capture-thread.ts): the app's bytes are forwarded on this
// thread's event loop, which nothing else (HTTP routes, SSE, a benchmark's own client) can delay.
// In a clone the TypeScript runs through tsx; the installable package ships a bundled file of this
// name instead (scripts/package.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./capture-worker-main.ts');
