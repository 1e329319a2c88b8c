import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../config';
import { inferDependencies } from './infer';
import { rankEndpoints } from './rank';
import { importTrace } from './trace-import';

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'server/test/fixtures/traces', name), 'utf8')) as unknown;

describe('imported traces (OTLP JSON and Jaeger JSON of one Django app)', () => {
  it('read into the same requests, statements and endpoints from either format', async () => {
    const otlp = await importTrace(fixture('shop.otlp.json'), 'shop.otlp.json');
    const jaeger = await importTrace(fixture('shop.jaeger.json'), 'shop.jaeger.json');
    expect([otlp.format, jaeger.format]).toEqual(['otlp', 'jaeger']);
    for (const { capture } of [otlp, jaeger]) {
      expect(capture.requests).toHaveLength(6);
      expect(capture.endpoints.map((e) => [e.endpoint, e.requests])).toEqual([
        ['/dashboard/', 4],
        ['/orders/', 2],
      ]);
      const first = capture.requests[0]!;
      expect(first.statements).toHaveLength(4);
      expect(first.statements[0]!.tablesRead).toEqual(['auth_user']);
      // The app's own time between statements is in the wall time, not in the database time.
      expect(first.wallMs).toBeGreaterThan(first.dbMs + 3);
    }
    const sql = (c: typeof otlp) =>
      c.capture.requests.flatMap((r) => r.statements.map((s) => [s.sql, Math.round(s.endMs - s.startMs)]));
    expect(sql(jaeger)).toEqual(sql(otlp));
  });

  it('infers from the SQL and the timing only: the dashboard’s reads are free, the order’s transaction is not', async () => {
    const { capture } = await importTrace(fixture('shop.jaeger.json'));
    const ranked = rankEndpoints(capture, 0, 'timing');
    expect(ranked.map((r) => r.group.endpoint)).toEqual(['/dashboard/', '/orders/']);
    expect(ranked[0]!.graph.basis).toBe('timing');
    expect(ranked[0]!.graph.edges).toEqual([]);
    expect(ranked[0]!.savingPerRequestMs).toBeGreaterThan(5);
    expect(ranked[1]!.savingPerRequestMs).toBe(0);
    const order = capture.requests.find((r) => r.endpoint === '/orders/')!;
    // BEGIN → INSERT → UPDATE → COMMIT: the writes' own order is the transaction's (one edge a pair).
    expect(inferDependencies(order, 'timing').edges.map((e) => e.kind)).toEqual([
      'transaction',
      'transaction',
      'transaction',
    ]);
  });

  it('says what is wrong with a file that is no trace, or has no PostgreSQL span', async () => {
    await expect(importTrace({ spans: [] }, 'x.json')).rejects.toThrow(
      /neither an OTLP JSON trace nor a Jaeger/,
    );
    await expect(importTrace({ resourceSpans: [] }, 'empty.json')).rejects.toThrow(/no PostgreSQL spans/);
  });
});
