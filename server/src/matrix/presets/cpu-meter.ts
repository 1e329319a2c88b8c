import fs from 'node:fs/promises';
import { formatMs } from '@gatherscope/shared';
import { withClient } from '../../db/postgres';
import { parseDatabaseUrl } from '../../db/target';
import { isLoopbackAddress } from '../../http/security/allowed-hosts';
import { spinMsSoFar } from '../../timing/precise-timer';

/**
 * Measures the CPU that belongs to a preset's requests, not to the whole machine: only around the
 * measured sequential trials (not warm-ups, statistics, event streams or other requests between
 * them), and on the database only the backends of the preset's own connections, by pid from /proc
 * (so other sessions and the rest of the cluster are left out). Wall time minus CPU time is waiting.
 * This process's CPU in that window leaves out the precise timer's spinning (simulated waits) but
 * still includes what else runs in it meanwhile (the latency proxy's and mock services' handling):
 * it is capped at the window's wall time.
 */
const TICK_MS = 10; // Linux USER_HZ is 100 on every architecture Node supports.

interface StatLine {
  ppid: number;
  cpuMs: number;
}

async function readStat(pid: number): Promise<StatLine | null> {
  try {
    const text = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(rest[i] ?? 0);
    return { ppid: n(1), cpuMs: (n(11) + n(12)) * TICK_MS };
  } catch {
    return null;
  }
}

/** CPU milliseconds of one process so far: schedstat in nanoseconds (stat's 10 ms ticks are too coarse for sub-millisecond queries). */
async function processCpuMs(pid: number): Promise<number | null> {
  const sched = await fs.readFile(`/proc/${pid}/schedstat`, 'utf8').catch(() => null);
  const ns = sched === null ? Number.NaN : Number(sched.split(' ')[0]);
  if (Number.isFinite(ns)) return ns / 1e6;
  return (await readStat(pid))?.cpuMs ?? null;
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

/** CPU of the measured requests, summed. */
export interface CpuTotals {
  requests: number;
  /** Wall time of those requests (for trials: their wall; under load: their latency). */
  wallMs: number;
  appMs: number;
  /** null when the database is not on this machine (or needs none): its backends cannot be read. */
  dbMs: number | null;
}

export interface CpuMeter {
  /** Runs one measured request (or batch of `requests`) and adds its CPU and wall time. */
  around<T>(
    run: () => Promise<T>,
    o: { pids: () => number[]; wallMs: (r: T) => number; requests?: (r: T) => number },
  ): Promise<T>;
  /** For connections opened inside a request: adds the CPU of backend `pid` while `run` uses it. */
  backend<T>(pid: number, run: () => Promise<T>): Promise<T>;
  totals(): CpuTotals;
}

/** `databaseUrl` null: the work needs no database (HTTP calls only). */
export async function createCpuMeter(databaseUrl: string | null): Promise<CpuMeter> {
  const postmaster = databaseUrl ? await findPostmaster(databaseUrl) : null;
  const measuresDb = databaseUrl !== null && postmaster !== null;
  const t: CpuTotals = { requests: 0, wallMs: 0, appMs: 0, dbMs: measuresDb ? 0 : null };
  // Only backends of this cluster: a pid from a remote server could name any local process.
  const ownBackends = async (pids: readonly number[]) => {
    const stats = await Promise.all(
      pids.map(async (p) => ((await readStat(p))?.ppid === postmaster ? p : null)),
    );
    return stats.filter((p): p is number => p !== null);
  };
  const dbCpu = async (pids: readonly number[]) => {
    const ms = await Promise.all(pids.map(async (p) => [p, await processCpuMs(p)] as const));
    return new Map(ms.filter((e): e is [number, number] => e[1] !== null));
  };
  return {
    async around(run, o) {
      const pids = measuresDb ? await ownBackends(o.pids()) : [];
      const db0 = await dbCpu(pids);
      const w0 = performance.now();
      const app0 = process.cpuUsage();
      const spin0 = spinMsSoFar();
      const r = await run();
      const app = process.cpuUsage(app0);
      // Simulated waits (latency proxy, mock services) spin the last ~1.5 ms for precision: waiting, not work.
      const spun = spinMsSoFar() - spin0;
      const window = performance.now() - w0;
      const db1 = await dbCpu(pids);
      t.requests += o.requests ? o.requests(r) : 1;
      t.wallMs += o.wallMs(r);
      t.appMs += Math.max(0, Math.min(window, (app.user + app.system) / 1000) - spun);
      if (t.dbMs !== null) for (const [p, ms] of db1) t.dbMs += Math.max(0, ms - (db0.get(p) ?? ms));
      return r;
    },
    async backend(pid, run) {
      const own = measuresDb && (await ownBackends([pid])).length === 1;
      const before = own ? await processCpuMs(pid) : null;
      const r = await run();
      const after = own ? await processCpuMs(pid) : null;
      if (t.dbMs !== null && before !== null && after !== null) t.dbMs += Math.max(0, after - before);
      return r;
    },
    totals: () => ({ ...t }),
  };
}

export interface ComputeShare {
  /** Share of a request's time spent computing, in [0, 1]; null when not measurable. */
  share: number | null;
  /** True when the CPU measured exceeded the wall time allowed and the share was capped at 100%. */
  capped: boolean;
  appMsPerRequest: number;
  dbMsPerRequest: number | null;
  wallMsPerRequest: number;
}

/**
 * Share of a request's time spent computing: (this process's CPU + its database backends' CPU) per
 * request over the request's wall time. A sequential request computes at most all of its time, so
 * anything above is measurement overlap (e.g. other work in this process) and is capped at 1.
 * null when the work runs on a database whose CPU cannot be read (not on this machine).
 */
export function computeShare(t: CpuTotals, needsDb: boolean): ComputeShare {
  const per = (ms: number) => (t.requests > 0 ? ms / t.requests : 0);
  const base = {
    appMsPerRequest: per(t.appMs),
    dbMsPerRequest: t.dbMs === null ? null : per(t.dbMs),
    wallMsPerRequest: per(t.wallMs),
  };
  if ((needsDb && t.dbMs === null) || t.requests <= 0 || !(t.wallMs > 0)) {
    return { ...base, share: null, capped: false };
  }
  const raw = (t.appMs + (t.dbMs ?? 0)) / t.wallMs;
  return { ...base, share: Math.max(0, Math.min(1, raw)), capped: raw > 1 };
}

/** Facts that say what the share is made of, per request. */
export function shareFacts(s: ComputeShare): { label: string; value: string }[] {
  const ms = formatMs;
  return [
    {
      label: 'CPU per sequential request (measured around its trials only)',
      value: `this process ${ms(s.appMsPerRequest)}${
        s.dbMsPerRequest === null
          ? ''
          : ` + database backends of the preset's connections ${ms(s.dbMsPerRequest)}`
      } of ${ms(s.wallMsPerRequest)} wall`,
    },
    ...(s.capped
      ? [{ label: 'computing share', value: 'capped at 100%: the CPU measured exceeded the wall time' }]
      : []),
  ];
}
