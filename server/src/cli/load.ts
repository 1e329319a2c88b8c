import {
  formatMs,
  formatRate,
  type LoadTestRecord,
  LoadTestRecordSchema,
  loadLimits,
  strategyNames,
} from '@gatherscope/shared';
import { loadTestHtmlExport } from '../export/html';
import { loadTestEnvelope } from '../export/load-routes';
import { assertWorkloadAllowed } from '../guard/workload-policy';
import { describeErrorKey } from '../load/error-key';
import { openLatencyProxy } from '../load/proxy';
import { type LoadTestOutcome, runLoadTest } from '../load/runner';
import { newRunId } from '../runs/store';
import type { WorkloadCatalog } from '../workloads/catalog';
import { type CliIO, type Command, EXIT } from './command';
import { openCliDatabase } from './database';
import { describeCliDatabase, permalink, saveToHistory } from './history';
import { writeHtmlReport } from './html-report';
import { parseLoadOptions } from './load-options';
import { buildLoadReport, loadResultsTable, sweepTable } from './load-report';
import { loadWorkload } from './workload-source';

export const loadUsage = `Usage: gatherscope load --workload <file.json | built-in name> [options]

Load-tests a workload: many virtual users (closed model) or a fixed arrival rate (open model), each
strategy in turn, with latency percentiles from HDR histograms.

Options:
  -w, --workload <x>      a workload JSON file or a built-in name
      --preset dashboard  100 users on the user dashboard, sequential vs concurrent, RTT 5 ms
      --db <url>          PostgreSQL to load (default: DATABASE_URL, else the embedded demo shop)
  -s, --strategies <l>    comma-separated (default sequential,concurrent): ${strategyNames.join(',')}
      --vus <n>           closed model: virtual users looping over the workload (default 10)
      --think <ms>        closed model: pause between a user's requests (default 0)
      --ramp-up <s>       closed model: start the users spread over this time (default 0)
      --rate <r>          open model: requests per second, latency measured from the schedule
      --max-in-flight <n> open model: requests running at once (default 100)
      --max-lag <ms>      open model: drop a request that cannot start this late (default 1000)
  -d, --duration <s>      seconds per strategy (default 10, at most ${loadLimits.maxDurationS}; the whole test, every
                          strategy and sweep step, at most ${loadLimits.maxTestMinutes} min)
      --max-requests <n>  per strategy: stop each strategy (and each sweep step) after this
                          many requests (default 1000000)
      --grace <ms>        after the duration, cancel what still runs after this (default 2000)
      --rtt <ms>          simulated network round-trip time, 0–500 (default 0)
      --pool <n>          connections in the pool (default 10)
      --bounded-k <k>     connections of the bounded strategy per request (default 2)
      --mode <m>          how statements travel, as your driver sends them: extended
                          (node-postgres; default), prepared (asyncpg, pgx, psycopg 3 after 5
                          runs), simple (psycopg2, Django: parameters inlined)
      --threads <n>       worker threads generating the load, each with an even share of the
                          users (or rate) and of the pool (default: this machine's cores less
                          one, at least 1); the results say when the generator was the limit
      --sweep <max>       also run at pool sizes 1, 2, 4, … up to max
      --sweep-step <s>    seconds per sweep step (default 5, at most 60)
      --json              one JSON document on stdout (progress stays on stderr)
      --html <file>       also write the offline HTML report (results, verdict and charts; opens
                          with no network, like the Load page's Export HTML)
      --no-save           do not store the load test in History (by default it is, and its
                          permalink printed)
  -h, --help              this text

Exit codes: 0 ok, 1 failed, 2 bad usage, 130 interrupted.`;

/** Stores the load test where the server's History reads it; a failure to save is said, not fatal. */
async function saveLoadTest(record: LoadTestRecord, io: CliIO): Promise<string | null> {
  try {
    await saveToHistory('load', record, LoadTestRecordSchema);
    return permalink('load', record.id);
  } catch (err) {
    io.stderr(
      `Could not save the load test to History: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return null;
  }
}

export function loadCommand(deps: { workloads: WorkloadCatalog }): Command {
  return {
    name: 'load',
    summary: 'load-test a workload: virtual users or an arrival rate, throughput and latency percentiles',
    usage: loadUsage,
    async run(argv: string[], io: CliIO): Promise<number> {
      const opts = parseLoadOptions(argv);
      if (opts.help) {
        io.stdout(`${loadUsage}\n`);
        return EXIT.ok;
      }
      const workload = await loadWorkload(opts.workload, deps.workloads);
      const db = await openCliDatabase(opts.db, () => {});
      // Like every CLI command, a load test only reads: refused before a load connection opens.
      await assertWorkloadAllowed(workload, { url: db.url, mode: 'read-only' }).catch(async (err) => {
        await db.stop().catch(() => {});
        throw err;
      });
      const { settings } = opts;
      const m = settings.model;
      io.stderr(
        `Load test of "${workload.name}" on ${db.label}: ${m.kind === 'closed' ? `${m.vus} virtual users` : `${m.rate} req/s`}, ${settings.durationS} s per strategy (${settings.strategies.join(', ')}), pool ${settings.poolSize}${settings.rttMs ? `, RTT ${settings.rttMs} ms` : ''}\n`,
      );
      let outcome: LoadTestOutcome;
      const testId = newRunId();
      const createdAt = new Date().toISOString();
      let describedDb: Promise<LoadTestRecord['database']> | undefined;
      try {
        outcome = await runLoadTest({
          testId,
          url: db.url,
          readOnly: true,
          workload,
          settings,
          signal: io.signal,
          openProxy: openLatencyProxy,
          onEvent: (e) => {
            if (e.type === 'second') {
              const s = e.second;
              const line = `${s.strategy} t=${s.t}s ${formatRate(s.requests)} p95 ${formatMs(s.p95)}, ${s.dbConnections} connections${s.dropped ? `, ${s.dropped} dropped` : ''}`;
              io.stderr(io.interactive ? `\r\x1b[2K${line}` : `${line}\n`);
            } else if (e.type === 'sweep-point') {
              io.stderr(
                `${io.interactive ? '\r\x1b[2K' : ''}sweep: ${e.point.strategy} pool ${e.point.poolSize}: ${formatRate(e.point.throughput)}\n`,
              );
            }
          },
        });
      } finally {
        if (io.interactive) io.stderr('\r\x1b[2K');
        // Asked while the database still runs (an embedded one stops just below).
        if (opts.save || opts.html) describedDb = describeCliDatabase(db.url, db.label, db.embedded);
        await describedDb?.catch(() => {});
        await db.stop().catch(() => {});
      }
      const record: LoadTestRecord | null = describedDb
        ? {
            id: testId,
            kind: 'load',
            createdAt,
            finishedAt: new Date().toISOString(),
            status: outcome.status,
            settings,
            workload,
            target: { kind: 'default' },
            database: await describedDb,
            series: outcome.series,
            results: outcome.results,
            sweep: outcome.sweep,
            verdict: outcome.verdict,
            error: null,
          }
        : null;
      const link = record && opts.save ? await saveLoadTest(record, io) : null;
      const html = opts.html;
      if (record && html)
        await writeHtmlReport(html, (v) => loadTestHtmlExport(loadTestEnvelope(record), v), io);
      if (opts.json) {
        const report = buildLoadReport({
          workload,
          database: { label: db.label, embedded: db.embedded },
          settings,
          outcome,
        });
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        io.stdout(`\n${loadResultsTable(outcome.results)}\n`);
        io.stdout("Each strategy's pool was opened before measuring: the seconds exclude connecting.\n");
        for (const r of outcome.results) {
          for (const [key, n] of Object.entries(r.errorsBySqlstate))
            io.stdout(`  ${r.strategy}: ${n} × ${describeErrorKey(key)}\n`);
          if (r.cancelledByStop) io.stdout(`  ${r.strategy}: cancelled by Stop: ${r.cancelledByStop}\n`);
        }
        for (const r of outcome.results) if (r.limit) io.stdout(`\n${r.limit.message}\n`);
        if (outcome.sweep.length) io.stdout(`\nPool-size sweep:\n${sweepTable(outcome.sweep)}\n`);
        if (outcome.verdict) io.stdout(`\n${outcome.verdict}\n`);
      }
      if (link) (opts.json ? io.stderr : io.stdout)(`Saved to History: ${link}\n`);
      if (outcome.status === 'cancelled') {
        io.stderr('Stopped: the in-flight queries were cancelled.\n');
        return EXIT.interrupted;
      }
      return outcome.status === 'completed' ? EXIT.ok : EXIT.failed;
    },
  };
}
