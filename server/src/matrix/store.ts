import fs from 'node:fs/promises';
import path from 'node:path';
import { type Measurement, MeasurementSchema, type ScenarioId } from '@gatherscope/shared';
import { z } from 'zod';
import type { LogFn } from '../logging/logger';
import { writeFileAtomic } from '../store/atomic-write';

const FileSchema = z.object({
  version: z.literal(1),
  measurements: z.array(MeasurementSchema),
});

/**
 * The latest measurement of each scenario, in `<dataDir>/matrix.json`, so the matrix survives a
 * restart. Written atomically (temp file + rename); an unreadable file is logged and starts empty.
 */
export class MatrixStore {
  readonly file: string;
  #latest = new Map<ScenarioId, Measurement>();
  #write: Promise<void> = Promise.resolve();

  private constructor(dataDir: string) {
    this.file = path.join(dataDir, 'matrix.json');
  }

  static async open(dataDir: string, log: LogFn): Promise<MatrixStore> {
    const store = new MatrixStore(dataDir);
    let text: string | undefined;
    try {
      text = await fs.readFile(store.file, 'utf8');
    } catch {
      return store;
    }
    try {
      const parsed = FileSchema.parse(JSON.parse(text));
      for (const m of parsed.measurements) store.#latest.set(m.scenario, m);
    } catch (err) {
      log('matrix_store_corrupt', {
        file: store.file,
        reason: err instanceof Error ? err.message.slice(0, 200) : 'invalid',
      });
    }
    return store;
  }

  latest(id: ScenarioId): Measurement | null {
    return this.#latest.get(id) ?? null;
  }

  save(m: Measurement): Promise<void> {
    this.#latest.set(m.scenario, m);
    const body = JSON.stringify({ version: 1, measurements: [...this.#latest.values()] });
    this.#write = this.#write.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, body, 0o600);
    });
    const done = this.#write;
    this.#write = done.catch(() => {});
    return done;
  }
}
