import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, EXIT, UsageError } from './command';

const USAGE = `Usage: gatherscope start

Starts the Gatherscope app: an embedded PostgreSQL with the demo shop database (or DATABASE_URL),
the API and the web UI at http://127.0.0.1:4317 (PORT to change it). Ctrl-C stops it cleanly.
Configuration is by environment variables: see docs/configuration.md.`;

/**
 * How to run the server from where this module is: in a clone it is TypeScript run through tsx
 * (server/src/main.ts); in the installed package everything is bundled JavaScript beside it
 * (main.mjs), so nothing is compiled at run time.
 */
export function serverCommand(moduleUrl: string = import.meta.url): string[] {
  const file = fileURLToPath(moduleUrl);
  if (file.endsWith('.ts')) return ['--import', 'tsx', path.join(path.dirname(file), '..', 'main.ts')];
  return [path.join(path.dirname(file), 'main.mjs')];
}

export const startCommand: Command = {
  name: 'start',
  summary: 'start the app (embedded demo database, API and web UI)',
  usage: USAGE,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (argv.length > 0) throw new UsageError(`gatherscope start takes no arguments, got "${argv[0]}".`);
    // The server gets a process group of its own. Ctrl-C makes the terminal signal its whole
    // foreground group: had the server and its PostgreSQL been in it, PostgreSQL would stop at once
    // under the running queries, and the server would hear the signal twice (from the terminal and
    // from here), which it takes as "exit now". So only this process hears the terminal, and the
    // server hears of it once, below, and stops its runs before it stops PostgreSQL.
    const child = spawn(process.execPath, serverCommand(), {
      // The server stops when this process is gone, even without a signal from it (see main.ts).
      env: { ...process.env, GATHERSCOPE_SUPERVISOR_PID: String(process.pid) },
      // The server reads no input; outside the terminal's foreground group it must not try to.
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const onTerm = forward('SIGTERM');
    const onHup = forward('SIGHUP');
    process.on('SIGTERM', onTerm);
    process.on('SIGHUP', onHup);
    io.signal.addEventListener('abort', forward('SIGINT'), { once: true });
    try {
      return await new Promise<number>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code, signal) => resolve(code ?? (signal ? EXIT.failed : EXIT.ok)));
      });
    } finally {
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHup);
    }
  },
};
