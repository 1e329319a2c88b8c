// SQL analysis on a thread of its own: PostgreSQL's parser (WebAssembly) takes from tens of
// microseconds to milliseconds per new statement text, which must never delay the forwarding of the
// app's bytes on the proxy's thread. Answers { id, facts } to each { id, sql }.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { analyseSql, loadSqlParser, noSqlFacts } = await import('./sql-analysis.ts');
await loadSqlParser();
parentPort?.on('message', ({ id, sql }) => {
  let facts;
  try {
    facts = analyseSql(sql);
  } catch {
    facts = noSqlFacts(sql);
  }
  parentPort?.postMessage({ id, facts });
});
parentPort?.postMessage({ ready: true });
