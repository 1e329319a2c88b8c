import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServices, startMockServices } from './server';

describe('mock HTTP services', () => {
  let mock: MockServices;
  beforeAll(async () => {
    mock = await startMockServices({ users: 60 });
  });
  afterAll(() => mock.close());

  it('listens on loopback only and answers JSON after the configured latency', async () => {
    expect(mock.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const t0 = performance.now();
    const res = await fetch(mock.url('users', { id: 7 }));
    const took = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 7, name: 'User 7' });
    expect(took).toBeGreaterThanOrEqual(59);
    expect(took).toBeLessThan(1000);
    expect(mock.latencyMs('users')).toBe(60);
    expect(mock.latencyMs('payments')).toBe(200);
  });

  it('waits (does not compute): 20 calls at once take about one latency, not twenty', async () => {
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => fetch(mock.url('pricing', { id: i, latencyMs: 100 }))),
    );
    const took = performance.now() - t0;
    expect(took).toBeGreaterThanOrEqual(99);
    expect(took).toBeLessThan(1000);
    expect(mock.served('pricing')).toBe(20);
  });

  it('rejects unknown services and out-of-range latencies with a message', async () => {
    const nope = await fetch(`${mock.baseUrl}/nope/1`);
    expect(nope.status).toBe(404);
    expect(((await nope.json()) as { error: string }).error).toContain('users, inventory, pricing, payments');
    const bad = await fetch(mock.url('users', { latencyMs: 99_999 }));
    expect(bad.status).toBe(400);
  });
});
