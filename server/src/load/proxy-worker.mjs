// The latency proxy on a thread of its own: a load test keeps the main event loop busy, and delays
// timed there would grow with the load, a network that slows down when the client works harder.
// In a clone the TypeScript runs through tsx; the installable package ships a bundled file of the
// same name instead (scripts/package.mjs), so this one is never loaded there.
import { register } from 'tsx/esm/api';

register();
await import('./proxy-worker-main.ts');
