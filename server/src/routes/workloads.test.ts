import { WorkloadListSchema } from '@gatherscope/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app';
import { createMetaPool } from '../db/postgres';

describe('/api/workloads', () => {
  const meta = createMetaPool(inject('demoUrl'));
  const app = createApp({
    meta,
    databaseUrl: inject('demoUrl'),
    embedded: true,
    dataDir: '/nonexistent',
    log: () => {},
  });
  afterAll(() => meta.close());

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
});
