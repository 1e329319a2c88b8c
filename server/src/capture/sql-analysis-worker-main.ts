// The SQL analysis thread's body; sql-analysis-worker.mjs loads it through tsx in a clone, and the
// installable package bundles it as sql-analysis-worker.mjs (scripts/package.mjs).
import { parentPort } from 'node:worker_threads';
import { analyseSql, loadSqlParser, noSqlFacts } from './sql-analysis';

await loadSqlParser();
parentPort?.on('message', ({ id, sql }: { id: number; sql: string }) => {
  let facts: ReturnType<typeof analyseSql>;
  try {
    facts = analyseSql(sql);
  } catch {
    facts = noSqlFacts(sql);
  }
  parentPort?.postMessage({ id, facts });
});
parentPort?.postMessage({ ready: true });
