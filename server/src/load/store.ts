import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type LoadTestListItem, type LoadTestRecord, LoadTestRecordSchema } from '@gatherscope/shared';
import type { LogFn } from '../http/logger';
import { isRunId } from '../runs/store';

export function toLoadListItem(r: LoadTestRecord): LoadTestListItem {
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    status: r.status,
    settings: r.settings,
    database: r.database,
    verdict: r.verdict,
    workloadName: r.workload.name,
  };
}

/**
 * Load tests as JSON files under `<dataDir>/load-tests/`, next to the profile runs and with the same
 * id format, so history can list both. Writes are atomic (temp file + rename) and ordered per test.
 */
export class LoadTestStore {
  readonly #index = new Map<string, LoadTestListItem>();
  readonly #writes = new Map<string, Promise<void>>();

  private constructor(
    readonly dir: string,
    private readonly log: LogFn,
  ) {}

  /** Loads the index; a test still `running` in its file belonged to a server that died and is marked failed. */
  static async open(dataDir: string, log: LogFn): Promise<LoadTestStore> {
    const store = new LoadTestStore(path.join(dataDir, 'load-tests'), log);
    await fs.mkdir(store.dir, { recursive: true, mode: 0o700 });
    for (const name of await fs.readdir(store.dir)) {
      if (name.endsWith('.tmp')) await fs.rm(path.join(store.dir, name), { force: true });
      if (!name.endsWith('.json')) continue;
      const record = await store.get(name.slice(0, -'.json'.length));
      if (!record) continue;
      if (record.status === 'running') {
        await store.save({
          ...record,
          status: 'failed',
          finishedAt: record.finishedAt ?? new Date().toISOString(),
          error: {
            code: 'interrupted',
            message:
              'Gatherscope stopped while this load test was running; the seconds measured so far are kept.',
            hint: 'Start the load test again.',
          },
        });
      } else store.#index.set(record.id, toLoadListItem(record));
    }
    return store;
  }

  /** Newest first. */
  list(): LoadTestListItem[] {
    return [...this.#index.values()].sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
    );
  }

  async get(id: string): Promise<LoadTestRecord | undefined> {
    if (!isRunId(id)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(await fs.readFile(this.#file(id), 'utf8'));
    } catch {
      return undefined;
    }
    const parsed = LoadTestRecordSchema.safeParse(json);
    if (!parsed.success || parsed.data.id !== id) {
      this.log('load_store_corrupt', {
        id,
        reason: parsed.success ? 'id mismatch' : parsed.error.issues[0]?.message,
      });
      return undefined;
    }
    return parsed.data;
  }

  save(record: LoadTestRecord): Promise<void> {
    if (!isRunId(record.id)) return Promise.reject(new Error(`invalid load test id ${record.id}`));
    const body = JSON.stringify(record);
    const previous = this.#writes.get(record.id) ?? Promise.resolve();
    const write = previous.then(async () => {
      const tmp = `${this.#file(record.id)}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      await fs.writeFile(tmp, body, { mode: 0o600 });
      await fs.rename(tmp, this.#file(record.id));
      this.#index.set(record.id, toLoadListItem(record));
    });
    const settled = write.catch(() => {});
    this.#writes.set(record.id, settled);
    return write;
  }

  /** Removes a stored test; false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (!isRunId(id)) return false;
    await this.#writes.get(id);
    const had = this.#index.delete(id);
    await fs.rm(this.#file(id), { force: true });
    return had;
  }

  #file(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }
}
