import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Workload } from '@gatherscope/shared';

const run = promisify(execFile);
const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

export const PGBENCH_CANDIDATES = [
  '/usr/lib/postgresql/15/bin/pgbench',
  '/usr/lib/postgresql/16/bin/pgbench',
  '/usr/bin/pgbench',
];

export async function findPgbench(): Promise<string | undefined> {
  for (const c of PGBENCH_CANDIDATES) if (await exists(c)) return c;
  return undefined;
}

/** The workload as a pgbench script: one transaction = the queries in order on one connection (sequential). */
export function pgbenchScript(w: Workload): string {
  const lines: string[] = [];
  w.queries.forEach((q, i) => {
    let sql = q.sql.replace(/\s+/g, ' ').trim();
    (q.params ?? []).forEach((p, j) => {
      const name = `p${i}_${j + 1}`;
      if (p !== null && typeof p === 'object' && p.kind === 'randomInt') {
        lines.push(`\\set ${name} random(${p.min}, ${p.max})`);
      } else if (typeof p === 'number') {
        lines.push(`\\set ${name} ${p}`);
      } else {
        throw new Error(
          `query "${q.id}": parameter ${j + 1} is not a random integer or a number; pgbench cannot generate it`,
        );
      }
      sql = sql.replace(new RegExp(`\\$${j + 1}(?!\\d)`, 'g'), `:${name}`);
    });
    lines.push(`${sql};`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Runs pgbench for `seconds`; through bash when there is one, whose `times` gives the client's CPU
 * (user + system) so its cost per transaction compares with the generator's.
 */
export async function pgbenchRun(
  bin: string,
  url: string,
  scriptFile: string,
  seconds: number,
  clients: number,
  opts: { mode?: 'simple' | 'extended' | 'prepared'; threads?: number } = {},
): Promise<{ tps: number; cpuMsPerTx: number | undefined }> {
  const u = new URL(url);
  const args = [
    '-n',
    '-M',
    opts.mode ?? 'extended',
    '-c',
    String(clients),
    '-j',
    String(opts.threads ?? 1),
    '-T',
    String(seconds),
    '-f',
    scriptFile,
  ];
  const env = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port,
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  };
  const { stdout } = (await exists('/bin/bash'))
    ? await run('/bin/bash', ['-c', '"$0" "$@" && times', bin, ...args], { env })
    : await run(bin, args, { env });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!m) throw new Error(`unexpected pgbench output: ${stdout.slice(-300)}`);
  const txs = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? Number.NaN);
  // `times` prints the shell's own CPU, then its children's: "0m1.234s 0m0.567s".
  const children = [...stdout.matchAll(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/gm)].at(-1);
  const cpuSec = children
    ? Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])
    : Number.NaN;
  const cpuMsPerTx = Number.isFinite(cpuSec) && txs > 0 ? (cpuSec * 1000) / txs : undefined;
  return { tps: Number(m[1]), cpuMsPerTx };
}
