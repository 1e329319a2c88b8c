import fs from 'node:fs/promises';
import { withClient } from '../db/postgres';
import { parseDatabaseUrl } from '../db/target';
import { isLoopbackAddress } from '../http/security/allowed-hosts';

/**
 * Measures CPU time spent while a preset runs: this Node process (process.cpuUsage) and, when the
 * database runs on this machine, the whole PostgreSQL cluster (the postmaster and all its backends,
 * from /proc, including backends that exit meanwhile: their time moves into the postmaster's
 * cutime/cstime when it reaps them). Wall time minus CPU time is time spent waiting.
 */
const TICK_MS = 10; // Linux USER_HZ is 100 on every architecture Node supports.

interface StatLine {
  ppid: number;
  own: number;
  children: number;
}

async function readStat(pid: number): Promise<StatLine | null> {
  try {
    const text = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(rest[i] ?? 0);
    return { ppid: n(1), own: (n(11) + n(12)) * TICK_MS, children: (n(13) + n(14)) * TICK_MS };
  } catch {
    return null;
  }
}

async function childPids(parent: number): Promise<number[]> {
  const direct = await fs.readFile(`/proc/${parent}/task/${parent}/children`, 'utf8').catch(() => null);
  if (direct !== null) return direct.trim().split(/\s+/).filter(Boolean).map(Number);
  const all = (await fs.readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  const stats = await Promise.all(all.map(async (p) => [p, await readStat(p)] as const));
  return stats.filter(([, s]) => s?.ppid === parent).map(([p]) => p);
}

/** Total CPU milliseconds of a PostgreSQL cluster so far, given its postmaster's pid. */
async function clusterCpuMs(postmaster: number): Promise<number | null> {
  const pm = await readStat(postmaster);
  if (!pm) return null;
  const kids = await Promise.all((await childPids(postmaster)).map(readStat));
  return pm.own + pm.children + kids.reduce((t, k) => t + (k?.own ?? 0), 0);
}

/** The postmaster's pid when the database is on this machine and readable in /proc, else null. */
async function findPostmaster(databaseUrl: string): Promise<number | null> {
  const host = parseDatabaseUrl(databaseUrl).host;
  if (!isLoopbackAddress(host) && !host.startsWith('/')) return null;
  try {
    // Read while the connection is open: its backend exits when it closes.
    const stat = await withClient(databaseUrl, async (q) => {
      const r = await q('SELECT pg_backend_pid() AS pid');
      return readStat(Number((r.rows[0] as { pid: number }).pid));
    });
    return stat ? stat.ppid : null;
  } catch {
    return null;
  }
}

export interface CpuReading {
  appMs: number;
  /** null when the database is not on this machine. */
  dbMs: number | null;
}

export async function startCpuMeter(databaseUrl: string | null): Promise<{ stop(): Promise<CpuReading> }> {
  const postmaster = databaseUrl ? await findPostmaster(databaseUrl) : null;
  const db0 = postmaster ? await clusterCpuMs(postmaster) : null;
  const app0 = process.cpuUsage();
  return {
    async stop() {
      const app = process.cpuUsage(app0);
      const db1 = postmaster ? await clusterCpuMs(postmaster) : null;
      return {
        appMs: (app.user + app.system) / 1000,
        dbMs: db0 !== null && db1 !== null ? Math.max(0, db1 - db0) : null,
      };
    },
  };
}

/**
 * Share of a sequential request's time spent computing: CPU per request (the work is the same under
 * every strategy, so total CPU over all requests of all arms) over the sequential median. Clamped to
 * [0, 1]; null when the database's CPU could not be read but the work runs on the database.
 */
export function computeShare(
  reading: CpuReading,
  requests: number,
  sequentialMedianMs: number,
  needsDb: boolean,
): number | null {
  if (needsDb && reading.dbMs === null) return null;
  if (requests <= 0 || !(sequentialMedianMs > 0)) return null;
  const perRequest = (reading.appMs + (reading.dbMs ?? 0)) / requests;
  return Math.min(1, Math.max(0, perRequest / sequentialMedianMs));
}
