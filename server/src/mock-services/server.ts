import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MOCK_LATENCY_MAX_MS } from '@gatherscope/shared';

/**
 * Mock HTTP services that Gatherscope serves itself, on loopback only, for the experiments that are
 * about HTTP rather than SQL: an API gateway that aggregates three services, and a payment API that
 * a batch job calls once per order. Each answers after its configured latency (a timer: the service
 * waits, it does not compute), so the only thing measured is how the caller overlaps the waits.
 */
const mockServiceNames = ['users', 'inventory', 'pricing', 'payments'] as const;
export type MockServiceName = (typeof mockServiceNames)[number];

export const defaultMockLatencyMs: Record<MockServiceName, number> = {
  users: 100,
  inventory: 100,
  pricing: 100,
  payments: 200,
};

/** Requests answered at once; beyond it the service answers 503, as a saturated service would. */
const MAX_IN_FLIGHT = 2_000;

export interface MockServices {
  /** e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  url(service: MockServiceName, opts?: { id?: number | string; latencyMs?: number }): string;
  /** The configured latency of a service. */
  latencyMs(service: MockServiceName): number;
  /** Requests served so far, per service (tests use it to prove the calls were real). */
  served(service: MockServiceName): number;
  close(): Promise<void>;
}

function body(service: MockServiceName, id: string): unknown {
  const n = Number.parseInt(id, 10) || 1;
  switch (service) {
    case 'users':
      return { id: n, name: `User ${n}`, tier: n % 3 === 0 ? 'gold' : 'standard' };
    case 'inventory':
      return { productId: n, inStock: (n * 7) % 11 };
    case 'pricing':
      return { productId: n, price: ((n * 37) % 1000) / 10, currency: 'EUR' };
    case 'payments':
      return { orderId: n, status: 'approved', reference: `pay-${n}` };
  }
}

export async function startMockServices(
  latencyMs: Partial<Record<MockServiceName, number>> = {},
): Promise<MockServices> {
  const latency = { ...defaultMockLatencyMs, ...latencyMs };
  const served = new Map<MockServiceName, number>(mockServiceNames.map((s) => [s, 0]));
  let inFlight = 0;
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, name, id = '1'] = url.pathname.split('/');
    const service = mockServiceNames.find((s) => s === name);
    const send = (status: number, payload: unknown) => {
      const text = JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (!service)
      return send(404, { error: `no mock service "${name}"; try ${mockServiceNames.join(', ')}` });
    // A request may override the latency (`?latencyMs=`, the presets' latency setting), within the shared bounds.
    const override = url.searchParams.get('latencyMs');
    const wait = override === null ? latency[service] : Number(override);
    if (!(wait >= 0 && wait <= MOCK_LATENCY_MAX_MS)) {
      return send(400, { error: `latencyMs must be between 0 and ${MOCK_LATENCY_MAX_MS}` });
    }
    if (inFlight >= MAX_IN_FLIGHT) return send(503, { error: 'too many requests in flight' });
    inFlight += 1;
    // Drain any request body (the payment POST) so keep-alive connections stay usable.
    req.resume();
    const timer = setTimeout(() => {
      timers.delete(timer);
      inFlight -= 1;
      served.set(service, (served.get(service) ?? 0) + 1);
      send(200, body(service, id));
    }, wait);
    timers.add(timer);
    return undefined;
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // The services never keep the process alive on their own.
  server.unref();
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    url: (service, opts = {}) =>
      `${baseUrl}/${service}/${opts.id ?? 1}${opts.latencyMs === undefined ? '' : `?latencyMs=${opts.latencyMs}`}`,
    latencyMs: (service) => latency[service],
    served: (service) => served.get(service) ?? 0,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
