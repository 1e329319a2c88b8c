import type { Scenario, ScenarioId } from '@gatherscope/shared';
import { defaultMockLatencyMs } from '../mock-services/server';

/** A scenario of the usual "sync or async?" matrix, with the verdict articles give and why. */
export type ScenarioDef = Omit<Scenario, 'latest'>;

export const scenarios: readonly ScenarioDef[] = [
  {
    id: 'blog-cms',
    title: 'Blog or CMS',
    usualVerdict: 'sequential',
    usualReason:
      'A page needs one simple query: there is nothing to overlap, and sequential code is simpler.',
    preset: 'One primary-key query per request (a product page), sequential vs concurrent, 30 trials.',
    expectedSeconds: 3,
    writes: false,
    heavy: false,
    basis: 'latency',
    mockLatency: null,
  },
  {
    id: 'admin-dashboard',
    title: 'Admin dashboard',
    usualVerdict: 'sequential',
    usualReason: 'Few users and little traffic: throughput never matters, so keep the code simple.',
    preset:
      'The admin dashboard (latest stats, user count, pending orders, recent logs), RTT 5 ms, 20 trials.',
    expectedSeconds: 5,
    writes: false,
    heavy: false,
    basis: 'latency',
    mockLatency: null,
  },
  {
    id: 'rest-api-low',
    title: 'REST API under 100 req/s',
    usualVerdict: 'sequential',
    usualReason: 'At low rates a thread or connection per request is never the bottleneck.',
    preset: 'The user dashboard (4 indexed queries) at RTT 1 ms (same data centre), 20 trials.',
    expectedSeconds: 4,
    writes: false,
    heavy: false,
    basis: 'latency',
    mockLatency: null,
  },
  {
    id: 'rest-api-high',
    title: 'REST API over 1,000 req/s',
    usualVerdict: 'concurrent',
    usualReason: 'At high rates threads blocked on I/O run out; async serves more requests per core.',
    preset:
      'Load: 32 virtual users, no think time (as many requests per second as this machine serves), 4 s per strategy on the user dashboard with a shared pool of 10 connections.',
    expectedSeconds: 12,
    writes: false,
    heavy: true,
    basis: 'throughput',
    mockLatency: null,
  },
  {
    id: 'realtime-chat',
    title: 'Real-time chat',
    usualVerdict: 'concurrent',
    usualReason: 'Thousands of mostly idle connections waiting for messages: async holds them cheaply.',
    preset:
      'Load: 64 virtual users, each request loads a conversation (recent messages, members, unread count) over RTT 5 ms, pool of 20.',
    expectedSeconds: 12,
    writes: false,
    heavy: true,
    basis: 'throughput',
    mockLatency: null,
  },
  {
    id: 'gateway',
    title: 'Microservices gateway',
    usualVerdict: 'concurrent',
    usualReason: 'A gateway waits on several downstream services: the waits overlap.',
    preset:
      'Three mock HTTP services (100 ms each unless set below, served by Gatherscope on loopback), called one after another vs concurrently, 10 trials.',
    expectedSeconds: 6,
    writes: false,
    heavy: false,
    basis: 'latency',
    mockLatency: {
      defaultMs: defaultMockLatencyMs.users,
      appliesTo: 'each of the three services (users, inventory, pricing)',
    },
  },
  {
    id: 'data-processing',
    title: 'Data processing (CPU-bound)',
    usualVerdict: 'sequential',
    usualReason: 'CPU-bound work does not wait, so async alone gains nothing; only parallel cores help.',
    preset:
      'CPU-heavy queries (aggregates over generated rows), 1, 2, 4 and 8 at once vs one after another: the speedup plateau shows the database’s cores.',
    expectedSeconds: 20,
    writes: false,
    heavy: true,
    basis: 'compute',
    mockLatency: null,
  },
  {
    id: 'iot-api',
    title: 'IoT device API',
    usualVerdict: 'concurrent',
    usualReason: 'Many devices sending small requests at high rates: async handles the connection count.',
    preset:
      'Load: 48 virtual users, each request one tiny indexed read (a device’s latest reading), pool of 10.',
    expectedSeconds: 10,
    writes: false,
    heavy: true,
    basis: 'throughput',
    mockLatency: null,
  },
  {
    id: 'checkout',
    title: 'E-commerce checkout',
    usualVerdict: 'sequential',
    usualReason: 'Each step needs the previous one (customer → cart → order): a chain cannot overlap.',
    preset:
      'A checkout chain (customer → cart → price → stock, each needing the previous result): sequential vs dependency-aware, RTT 5 ms, 20 trials.',
    expectedSeconds: 5,
    writes: false,
    heavy: false,
    basis: 'latency',
    mockLatency: null,
  },
  {
    id: 'social-feed',
    title: 'Social media feed',
    usualVerdict: 'concurrent',
    usualReason: 'A feed page assembles many independent widgets (posts, friends, notifications).',
    preset:
      'The user dashboard’s 4 independent queries at RTT 20 ms (a database in another zone), 15 trials.',
    expectedSeconds: 5,
    writes: false,
    heavy: false,
    basis: 'latency',
    mockLatency: null,
  },
  {
    id: 'batch-processing',
    title: 'Batch processing (order payments)',
    usualVerdict: 'concurrent',
    usualReason: 'Each item waits on an external API: overlap them, with a limit so the API is not flooded.',
    preset:
      '100 pending orders, each a mock payment call (200 ms unless set below) then an UPDATE, sequential vs 10 at once. Demo database only; every write is rolled back.',
    expectedSeconds: 25,
    writes: true,
    heavy: false,
    basis: 'latency',
    mockLatency: {
      defaultMs: defaultMockLatencyMs.payments,
      appliesTo: 'the payment API, per order',
    },
  },
];

export function scenarioById(id: ScenarioId): ScenarioDef {
  const s = scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`unknown scenario ${id}`);
  return s;
}
