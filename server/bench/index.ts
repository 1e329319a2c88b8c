// `npm run bench`: measures, side by side in one run on a private embedded PostgreSQL, what the
// issue asks to state (instrumentation overhead, fidelity, and any section registered in
// sections.ts). Prints tables, writes JSON to .gatherscope/bench/, and exits 0: it reports, it
// does not gate.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../src/config';
import { startBenchDatabase } from './context';
import { sections } from './sections';

function benchScale(): number {
  const raw = process.env.GATHERSCOPE_BENCH_SCALE;
  const scale = raw === undefined ? 1 : Number(raw);
  if (!(scale > 0 && scale <= 10))
    throw new Error(`GATHERSCOPE_BENCH_SCALE must be in (0, 10], got "${raw}"`);
  return scale;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const chosen = only.length ? sections.filter((s) => only.includes(s.id)) : sections;
  if (chosen.length === 0) {
    console.error(`No such section: ${only.join(', ')}. Sections: ${sections.map((s) => s.id).join(', ')}`);
    process.exit(2);
  }
  const scale = benchScale();
  const log = (line: string) => console.error(`· ${line}`);
  const started = new Date();
  log(`starting a private embedded PostgreSQL (demo scale ${scale})`);
  const loadBefore = os.loadavg()[0] ?? 0;
  if (loadBefore > os.cpus().length) {
    log(
      `load average ${loadBefore.toFixed(1)} on ${os.cpus().length} cores: other work competes, wall-clock numbers will be noisy`,
    );
  }
  const db = await startBenchDatabase(scale, log);
  const results: Record<string, unknown> = {};
  const stop = () => void db.stop().then(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    for (const section of chosen) {
      const t0 = performance.now();
      try {
        const r = await section.run(db);
        console.log(`\n━━ ${section.title} ━━\n${r.table}`);
        results[section.id] = { ...(r.results as object), seconds: (performance.now() - t0) / 1000 };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        console.log(`\n━━ ${section.title} ━━\nfailed: ${message}`);
        results[section.id] = { error: message };
      }
    }
  } finally {
    process.off('SIGINT', stop);
    await db.stop();
  }
  const dir = path.join(repoRoot, '.gatherscope', 'bench');
  await fs.mkdir(dir, { recursive: true });
  const doc = {
    startedAt: started.toISOString(),
    demoScale: scale,
    loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? 0 },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    sections: results,
  };
  const file = path.join(dir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await fs.writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
  await fs.writeFile(path.join(dir, 'latest.json'), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), file)} (and latest.json).`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`The benchmark could not run: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
