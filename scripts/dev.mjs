// `npm run dev`: the API server with reload on change (tsx watch) and Vite's dev server with hot
// module replacement, which proxies /api to it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.PORT ?? '4317';
const procs = [
  spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', 'server/src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: apiPort,
      GATHERSCOPE_WEB_DIST: '',
      // Vite's proxy forwards the browser's Host and Origin (127.0.0.1:5173): let the API accept them.
      GATHERSCOPE_ALLOWED_HOSTS: [process.env.GATHERSCOPE_ALLOWED_HOSTS, '127.0.0.1:5173', 'localhost:5173']
        .filter(Boolean)
        .join(','),
    },
  }),
  spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1'], {
    cwd: path.join(root, 'web'),
    stdio: 'inherit',
    env: { ...process.env, GATHERSCOPE_API: `http://127.0.0.1:${apiPort}` },
  }),
];
const stop = (sig) => {
  for (const p of procs) p.kill(sig);
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(sig));
for (const p of procs) p.on('exit', () => stop('SIGTERM'));
