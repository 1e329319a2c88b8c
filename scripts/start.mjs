// `npm start`: build the web app when it changed, then run the server (embedded PostgreSQL unless
// DATABASE_URL is set). Signals go to the server, which stops PostgreSQL before it exits.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// GATHERSCOPE_WEB_DIST names another build, or (empty) none: web/dist is not served, so not built.
if (process.env.GATHERSCOPE_WEB_DIST === undefined) buildIfStale();

// The server gets a process group of its own. Ctrl-C makes the terminal signal its whole foreground
// group: had the server and its PostgreSQL been in it, PostgreSQL would stop at once under the
// running queries, and the server would get the signal twice (from the terminal and from here),
// which it takes as "exit now". So the terminal signals only this process, and the server hears
// of it once, below, and stops its runs before it stops PostgreSQL.
const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'server/src/main.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    // The server stops when this process is gone, even without a signal from it (see main.ts).
    env: { ...process.env, GATHERSCOPE_SUPERVISOR_PID: String(process.pid) },
    // The server reads no input; outside the terminal's foreground group it must not try to.
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  },
);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => child.kill(sig));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
