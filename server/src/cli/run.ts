import {
  type RunLimits,
  type RunRecord,
  RunRecordSchema,
  runLimitDefaults,
  runLimitMaxima,
  statementErrorText,
  strategyInfo,
  strategyNames,
  type Workload,
} from '@gatherscope/shared';
import { failedTrials } from '../engine/query-errors';
import { trialSchedule } from '../engine/run-profile';
import type { RunProfile } from '../engine/types';
import { isAppError } from '../errors/app-error';
import { htmlExport } from '../export/html';
import { exportEnvelope } from '../export/routes';
import { newRunId } from '../runs/store';
import type { WorkloadCatalog } from '../workloads/catalog';
import { checkWorkload } from '../workloads/check-on-database';
import { assertionMetrics, checkAssertion, parseAssertion } from './assertions';
import { type CliIO, type Command, EXIT, withHint } from './command';
import { openCliDatabase } from './database';
import { describeCliDatabase, permalink, saveToHistory } from './history';
import { writeHtmlReport } from './html-report';
import { progressReporter } from './progress';
import { queryErrorLines } from './query-errors';
import { buildReport } from './report';
import { describeSettings, parseRunOptions } from './run-options';
import { summaryTable } from './table';
import { loadWorkload } from './workload-source';

/** One line per query the database refuses to parse or describe: `typo [42601]: syntax error … (at line 1, column 1)`. */
async function cannotRun(workload: Workload, url: string, limits: RunLimits | undefined): Promise<string[]> {
  const checks = await checkWorkload(workload, { url, readOnly: true }, limits);
  return checks.flatMap((c, i) =>
    c.ok
      ? []
      : [
          `  ${c.queryId}${c.error.sqlstate ? ` [${c.error.sqlstate}]` : ''}: ${statementErrorText(workload.queries[i]?.sql ?? '', c.error)}`,
        ],
  );
}

export const runUsage = `Usage: gatherscope run --workload <file.json | built-in name> [options]

Profiles a workload under several strategies and prints the statistics.

Options:
  -w, --workload <x>     a workload JSON file (docs/workload-format.md) or a built-in name
      --db <url>         PostgreSQL to profile (default: DATABASE_URL, else the embedded demo shop)
  -s, --strategies <l>   comma-separated, default all: ${strategyNames.join(',')}
  -n, --iterations <n>   measured trials per strategy (default 20)
      --warmup <n>       warm-up trials per strategy, not counted (default 2)
      --rtt <ms>         simulated network round-trip time, 0–500 (default 0)
      --jitter <ms>      uniform jitter added to each one-way delay (default 0)
      --pool <n>         pool size of concurrent and dependency-aware (default 10)
      --bounded-k <k>    connections of the bounded strategy (default 2)
      --cold             open a new connection per trial instead of a warm pool
      --mode <m>         how statements travel, as your driver sends them: extended (node-postgres; default), prepared (asyncpg, pgx,
                         psycopg 3 after 5 runs), simple (psycopg2, Django: parameters inlined)
      --max-rows <n>     row cap of a query, 1–${runLimitMaxima.maxRows} (default ${runLimitDefaults.maxRows})
      --max-result-mb <m>  result size cap of a query in MB, up to ${runLimitMaxima.maxBytes / 1024 / 1024} (default ${runLimitDefaults.maxBytes / 1024 / 1024})
      --statement-timeout <ms>  statement timeout, 100–${runLimitMaxima.statementTimeoutMs} (default ${runLimitDefaults.statementTimeoutMs})
      --json             print one JSON document on stdout (progress stays on stderr)
      --no-save          do not store the run in History (by default it is, and its permalink printed)
      --html <file>      also write the offline HTML report (timelines and statistics, no network)
      --assert <expr>    <strategy>.<metric><op><number>, repeatable, e.g. "concurrent.speedup>=2"
                         metrics: ${assertionMetrics.join(', ')}; ops: >= <= > < == !=
  -h, --help             this text

Exit codes: 0 ok; 1 the run failed, a query of the workload failed (its errors are printed on
stderr) or an assertion was violated; 2 bad usage; 130 interrupted.`;

/** Stores the run where the server's History reads it; a failure to save is said, not fatal. */
async function saveRun(record: RunRecord, io: CliIO): Promise<string | null> {
  try {
    await saveToHistory('run', record, RunRecordSchema);
    return permalink('run', record.id);
  } catch (err) {
    io.stderr(`Could not save the run to History: ${err instanceof Error ? err.message : String(err)}\n`);
    return null;
  }
}

export function runCommand(deps: { runProfile: RunProfile; workloads: WorkloadCatalog }): Command {
  return {
    name: 'run',
    summary: 'profile a workload under several strategies (table or --json, --assert for CI)',
    usage: runUsage,
    async run(argv: string[], io: CliIO): Promise<number> {
      const opts = parseRunOptions(argv);
      if (opts.help) {
        io.stdout(`${runUsage}\n`);
        return EXIT.ok;
      }
      const asserts = opts.asserts.map((a) => parseAssertion(a, opts.settings.strategies));
      const workload = await loadWorkload(opts.workload, deps.workloads);
      const db = await openCliDatabase(opts.db, (event, fields) => {
        if (event === 'embedded_postgres_started' || event === 'demo_seeded')
          io.stderr(`${event} ${JSON.stringify(fields)}\n`);
      });
      const { settings } = opts;
      // Each query parsed and described on the database (nothing runs), then judged by the
      // read-only statement policy on its catalog: a typo, an unknown table or a refused statement
      // is named at its query before any profiling connection opens.
      const unfit = await cannotRun(workload, db.url, settings.limits).catch(async (err: unknown) => {
        await db.stop().catch(() => {});
        throw err;
      });
      if (unfit.length > 0) {
        await db.stop().catch(() => {});
        io.stderr(`The workload cannot run on ${db.label}; nothing was run:\n${unfit.join('\n')}\n`);
        return EXIT.failed;
      }
      io.stderr(`Profiling "${workload.name}" on ${db.label}: ${describeSettings(settings)}\n`);
      const progress = progressReporter(trialSchedule(settings).length, io.stderr, io.interactive);
      const createdAt = new Date().toISOString();
      let describedDb: Promise<RunRecord['database']> | undefined;
      let result: Awaited<ReturnType<RunProfile>>;
      let reported = false;
      try {
        result = await deps.runProfile({
          url: db.url,
          workload,
          settings,
          signal: io.signal,
          onEvent: (e) => {
            progress.onEvent(e);
            if (e.type === 'error') {
              reported = true;
              io.stderr(`\nerror: ${withHint(e)}\n`);
            }
          },
        });
      } catch (err) {
        if (isAppError(err)) {
          io.stderr(`\n${withHint(err)}\n`);
          return EXIT.failed;
        }
        throw err;
      } finally {
        progress.end();
        // Asked while the database still runs (an embedded one stops just below).
        if (opts.save || opts.html) describedDb = describeCliDatabase(db.url, db.label, db.embedded);
        await describedDb?.catch(() => {});
        await db.stop().catch(() => {});
      }
      const record: RunRecord = {
        id: newRunId(),
        kind: 'profile',
        createdAt,
        finishedAt: new Date().toISOString(),
        status: result.status,
        settings,
        workload,
        target: { kind: 'default' },
        database: describedDb
          ? await describedDb
          : { name: db.label, label: db.label, serverVersion: 'unknown', embedded: db.embedded },
        trials: result.trials,
        summary: result.summary,
        error: result.error,
      };
      const link = opts.save ? await saveRun(record, io) : null;
      if (opts.html) await writeHtmlReport(opts.html, (v) => htmlExport(exportEnvelope(record), v), io);
      if (result.status === 'cancelled') {
        io.stderr('Stopped: the in-flight queries were cancelled.\n');
        return EXIT.interrupted;
      }
      const checks = asserts.map((a) => checkAssertion(a, result.summary?.strategies ?? []));
      const report = buildReport({
        workload,
        database: { label: db.label, embedded: db.embedded },
        settings,
        result,
        assertions: checks,
        permalink: link,
      });
      if (opts.json) {
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      } else if (result.summary) {
        io.stdout(`\n${summaryTable(result.summary)}\n\n${result.summary.verdict}\n`);
        for (const s of settings.strategies) {
          if (s === 'single-connection') io.stdout(`Note: ${strategyInfo[s].summary}\n`);
        }
      }
      if (link) (opts.json ? io.stderr : io.stdout)(`Saved to History: ${link}\n`);
      // A run with a summary that failed (a query never succeeded) still prints its errors below.
      if (!result.summary) {
        io.stderr(`The run failed${result.error && !reported ? `: ${result.error.message}` : '.'}\n`);
        return EXIT.failed;
      }
      for (const c of checks) {
        const actual = c.actual === null ? '' : `actual ${Number(c.actual.toFixed(3))}`;
        io.stderr(
          `${c.passed ? 'ok  ' : 'FAIL'} ${c.assertion} (${[actual, c.reason].filter(Boolean).join('; ')})\n`,
        );
      }
      const errorLines = queryErrorLines(result.summary);
      if (errorLines.length > 0) {
        const { failed, total } = failedTrials(result.summary.strategies);
        io.stderr(
          `\nQuery errors:\n${errorLines.join('\n')}\nThe workload has failing queries: ${failed} of ${total} measured trials failed and their times are left out. Fix the queries above and run again (exit code 1).\n`,
        );
      }
      const violated = checks.filter((c) => !c.passed);
      if (violated.length > 0) {
        io.stderr(`${violated.length} assertion${violated.length === 1 ? '' : 's'} violated.\n`);
      }
      return result.status === 'failed' || errorLines.length > 0 || violated.length > 0
        ? EXIT.failed
        : EXIT.ok;
    },
  };
}
