import fs from 'node:fs/promises';
import path from 'node:path';
import { WorkloadListSchema, workloadJsonSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../config';
import { workloadRoutes } from './routes';

describe('/api/workloads', () => {
  // The routes need no database: mounted on their own, without the app's metadata pool.
  const app = new Hono().route('/api/workloads', workloadRoutes());

  it('lists the built-in workloads with their queries', async () => {
    const body = WorkloadListSchema.parse(await (await app.request('/api/workloads')).json());
    const names = body.workloads.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining(['user-dashboard', 'admin-dashboard', 'dependent-dashboard', 'slow-dashboard']),
    );
    const slow = body.workloads.find((w) => w.name === 'slow-dashboard');
    expect(slow?.queries.map((q) => q.simulatedDelayMs)).toEqual([50, 100, 80, 70]);
  });

  it('serves the JSON Schema of the workload file format, generated from the zod schema', async () => {
    const res = await app.request('/api/workloads/schema.json');
    expect(res.status).toBe(200);
    const schema = (await res.json()) as {
      $schema: string;
      required: string[];
      properties: {
        queries: { minItems: number; items: { required: string[]; properties: Record<string, unknown> } };
      };
    };
    expect(schema.$schema).toContain('2020-12');
    expect(schema.required).toEqual(['name', 'queries']);
    expect(schema.properties.queries.minItems).toBe(1);
    expect(schema.properties.queries.items.required).toEqual(['id', 'sql']);
    expect(Object.keys(schema.properties.queries.items.properties)).toEqual(
      expect.arrayContaining(['params', 'dependsOn', 'simulatedDelayMs']),
    );
  });

  it('is the committed docs/workload.schema.json (run `npm run schema` when the zod schema changes)', async () => {
    const committed = JSON.parse(
      await fs.readFile(path.join(repoRoot, 'docs', 'workload.schema.json'), 'utf8'),
    ) as unknown;
    expect(committed, 'docs/workload.schema.json is stale: run `npm run schema`').toEqual(
      workloadJsonSchema(),
    );
  });
});
