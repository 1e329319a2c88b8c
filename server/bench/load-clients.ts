import { LoadSettingsSchema, type Workload } from '@gatherscope/shared';
import pg from 'pg';
import { generateParams } from '../src/engine/params';
import { openLatencyProxy } from '../src/load/proxy';
import { runLoadTest } from '../src/load/runner';

/** Gatherscope's generator: sequential strategy, closed model, `clients` virtual users on a pool of as many. */
export async function gatherscopeRps(
  url: string,
  workload: Workload,
  i: number,
  seconds: number,
  clients: number,
) {
  const c0 = process.cpuUsage();
  const out = await runLoadTest({
    testId: `bench${i}${Date.now().toString(36)}`,
    url,
    workload,
    settings: LoadSettingsSchema.parse({
      strategies: ['sequential'],
      model: { kind: 'closed', vus: clients },
      durationS: seconds,
      poolSize: clients,
    }),
    signal: new AbortController().signal,
    onEvent: () => {},
    openProxy: openLatencyProxy,
  });
  const r = out.results[0];
  if (!r || r.errors > 0) throw new Error(`the generator's run had ${r?.errors ?? 'no'} errors`);
  const c = process.cpuUsage(c0);
  const cpu = out.series.map((s) => s.cpuPercent);
  return {
    rps: r.throughput,
    cpuPercent: cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length),
    cpuMsPerReq: (c.user + c.system) / 1000 / Math.max(1, r.requests),
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
