import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SavedWorkloadListSchema, WorkloadSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleError } from '../http/error-handler';
import { savedWorkloadRoutes } from './routes';
import { workloadId, workloadsDir } from './store';

let dataDir: string;
let app: Hono;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-workloads-'));
  app = new Hono();
  app.onError(handleError(() => {}));
  app.route('/api/saved-workloads', savedWorkloadRoutes({ dataDir }));
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

const workload = {
  name: 'My dashboard (v2)',
  queries: [
    {
      id: 'user',
      sql: 'SELECT * FROM users WHERE id = $1',
      params: [{ kind: 'randomInt', min: 1, max: 100 }],
    },
    { id: 'orders', sql: 'SELECT count(*) FROM orders', simulatedDelayMs: 20 },
  ],
};

const post = (body: unknown) =>
  app.request('/api/saved-workloads', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('/api/saved-workloads', () => {
  it('saves, lists, loads and deletes a workload; the file on disk is the workload format', async () => {
    const res = await post(workload);
    expect(res.status).toBe(201);
    const list = SavedWorkloadListSchema.parse(await (await app.request('/api/saved-workloads')).json());
    expect(list.workloads).toEqual([
      expect.objectContaining({ id: 'my-dashboard-v2', name: workload.name, queries: 2 }),
    ]);

    const loaded = WorkloadSchema.parse(
      await (await app.request('/api/saved-workloads/my-dashboard-v2')).json(),
    );
    expect(loaded).toEqual(workload);
    const onDisk = JSON.parse(
      await fs.readFile(path.join(workloadsDir(dataDir), 'my-dashboard-v2.json'), 'utf8'),
    );
    expect(WorkloadSchema.parse(onDisk)).toEqual(workload);

    expect((await app.request('/api/saved-workloads/my-dashboard-v2', { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await app.request('/api/saved-workloads/my-dashboard-v2')).status).toBe(404);
  });

  it('rejects an invalid workload with the path of each bad field', async () => {
    const res = await post({
      name: 'x',
      queries: [
        { id: 'a', sql: 'SELECT $1' },
        { id: 'b', sql: ' ' },
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['queries.0.params', 'queries.1.sql']),
    );
  });

  it('never reads outside its folder', async () => {
    expect((await app.request('/api/saved-workloads/..%2Fconnections')).status).toBe(404);
    expect(workloadId('../../etc/passwd')).toBe('etc-passwd');
  });
});
