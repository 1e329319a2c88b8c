// `npm start`: build the web app when it changed, then `gatherscope start` (server/src/cli/start.ts):
// the server in a process group of its own, embedded PostgreSQL unless DATABASE_URL is set.
import { buildIfStale } from './build-if-stale.mjs';

// GATHERSCOPE_WEB_DIST names another build, or (empty) none: web/dist is not served, so not built.
if (process.env.GATHERSCOPE_WEB_DIST === undefined) buildIfStale();
process.argv.splice(2, 0, 'start');
await import('../server/bin/gatherscope.mjs');
