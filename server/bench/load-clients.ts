import { LoadSettingsSchema, type StatementMode, type Workload } from '@gatherscope/shared';
import pg from 'pg';
import { generateParams } from '../src/engine/params';
import { openLatencyProxy } from '../src/load/proxy';
import { runLoadTest } from '../src/load/runner';

/**
 * Gatherscope's generator: sequential strategy, closed model, `clients` virtual users on a pool of
 * as many, on `threads` generator threads. CPU per request is the whole process's (every thread)
 * over the measured seconds only, not the threads' start-up.
 */
export async function gatherscopeRps(
  url: string,
  workload: Workload,
  i: number,
  seconds: number,
  clients: number,
  opts: { mode?: StatementMode; threads?: number } = {},
) {
  const out = await runLoadTest({
    testId: `bench${i}${Date.now().toString(36)}`,
    url,
    workload,
    settings: LoadSettingsSchema.parse({
      strategies: ['sequential'],
      model: { kind: 'closed', vus: clients },
      durationS: seconds,
      poolSize: clients,
      statementMode: opts.mode ?? 'extended',
      ...(opts.threads ? { threads: opts.threads } : {}),
    }),
    signal: new AbortController().signal,
    onEvent: () => {},
    openProxy: openLatencyProxy,
  });
  const r = out.results[0];
  if (!r || r.errors > 0) throw new Error(`the generator's run had ${r?.errors ?? 'no'} errors`);
  const cpu = out.series.map((s) => s.cpuPercent);
  const cpuMs = cpu.reduce((a, b) => a + b * 10, 0);
  const requests = out.series.reduce((a, s) => a + s.requests, 0);
  return {
    rps: r.throughput,
    cpuPercent: cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length),
    cpuMsPerReq: cpuMs / Math.max(1, requests),
    threads: r.generator?.threads ?? 1,
    busy: r.generator?.busy ?? 0,
    saturatedSeconds: r.generator?.saturatedSeconds ?? 0,
    seconds: r.generator?.seconds ?? 0,
    limit: r.limit?.message ?? null,
  };
}

/**
 * The floor for any Node.js generator on node-postgres: 8 clients, each running the queries one
 * after another on its own connection, rows as raw arrays, nothing measured but the count.
 */
export async function barePgRps(url: string, workload: Workload, seconds: number, clients: number) {
  const pool = new pg.Pool({ connectionString: url, max: clients, application_name: 'gatherscope-bench' });
  pool.on('error', () => {});
  const raw = { getTypeParser: () => (v: string) => v };
  let n = 0;
  try {
    const conns = await Promise.all(Array.from({ length: clients }, () => pool.connect()));
    const c0 = process.cpuUsage();
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      conns.map(async (client) => {
        while (performance.now() < end) {
          for (const q of workload.queries) {
            const params = generateParams(q.params, new Map());
            if (!params.ok) throw new Error(`query ${q.id}: ${params.reason}`);
            await client.query({
              text: q.sql,
              values: params.values,
              rowMode: 'array',
              types: raw,
            } as pg.QueryConfig);
          }
          n++;
        }
        client.release();
      }),
    );
    const c = process.cpuUsage(c0);
    return { rps: n / seconds, cpuMsPerReq: (c.user + c.system) / 1000 / Math.max(1, n) };
  } finally {
    await pool.end();
  }
}
