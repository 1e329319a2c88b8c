// A load generator thread (see threads.ts): its share of the virtual users, its own slice of the
// pool, on an event loop of its own, so the load is not bounded by one JavaScript thread.
// In a clone the TypeScript runs through tsx; the installable package ships a bundled file of this
// name instead (scripts/package.mjs), so this one is never loaded there.
import { register } from 'tsx/esm/api';

register();
await import('./generator-worker-main.ts');
