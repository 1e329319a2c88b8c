/**
 * The recorder's side of the SQL analysis thread (sql-analysis-worker.mjs): statement texts go
 * there, facts come back. Texts seen recently are answered here at once, as drivers using the
 * extended protocol repeat the same few statements.
 */
import { Worker } from 'node:worker_threads';
import { noSqlFacts, type SqlFacts } from './sql-analysis';

const CACHE_SIZE = 2000;

export interface SqlAnalyser {
  /** Facts of a text analysed recently, or undefined (then ask `analyse`). */
  cached(sql: string): SqlFacts | undefined;
  analyse(sql: string): Promise<SqlFacts>;
  close(): Promise<void>;
}

export async function startSqlAnalyser(): Promise<SqlAnalyser> {
  const worker = new Worker(new URL('./sql-analysis-worker.mjs', import.meta.url));
  const pending = new Map<number, (f: SqlFacts) => void>();
  const cache = new Map<string, SqlFacts>();
  let nextId = 1;
  let failure: Error | null = null;
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  worker.on('message', (m: { id: number; facts: SqlFacts }) => {
    const done = pending.get(m.id);
    pending.delete(m.id);
    cache.set(m.facts.sql, m.facts);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    done?.(m.facts);
  });
  // A crashed analysis thread must not stop the recording: statements then go without facts.
  worker.on('error', (err) => {
    failure = err;
    for (const [id, done] of pending) {
      pending.delete(id);
      done(noSqlFacts(''));
    }
  });
  worker.unref();
  return {
    cached(sql) {
      const hit = cache.get(sql);
      if (hit) {
        cache.delete(sql);
        cache.set(sql, hit);
      }
      return hit;
    },
    analyse(sql) {
      if (failure) return Promise.resolve(noSqlFacts(sql));
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, (f) => resolve(f.sql === sql ? f : noSqlFacts(sql)));
        worker.postMessage({ id, sql });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
