import type { Workload } from '@gatherscope/shared';

/*
 * Workloads of the presets that the built-in dashboards do not cover. Parameter ranges stay inside
 * the smallest demo scale (0.05: 5,000 users, 500 products), so they hit rows at every scale.
 */

export const blogWorkload: Workload = {
  name: 'matrix: blog page',
  description: 'One simple query per request: a page by its primary key.',
  queries: [
    {
      id: 'page',
      sql: 'SELECT id, name, category, price, created_at FROM products WHERE id = $1',
      params: [{ kind: 'randomInt', min: 1, max: 500 }],
    },
  ],
};

export const chatWorkload: Workload = {
  name: 'matrix: chat conversation',
  description:
    'Opening a conversation: recent messages, members, unread count (reviews stand in for messages).',
  queries: [
    {
      id: 'messages',
      sql: 'SELECT id, user_id, body, created_at FROM reviews WHERE product_id = $1 ORDER BY created_at DESC LIMIT 20',
      params: [{ kind: 'randomInt', min: 1, max: 500 }],
    },
    {
      id: 'members',
      sql: 'SELECT u.id, u.name FROM users u JOIN favorites f ON f.user_id = u.id WHERE f.product_id = $1 LIMIT 50',
      params: [{ kind: 'randomInt', min: 1, max: 500 }],
    },
    {
      id: 'unread',
      sql: 'SELECT count(*) AS unread FROM reviews WHERE user_id = $1',
      params: [{ kind: 'randomInt', min: 1, max: 5000 }],
    },
  ],
};

export const iotWorkload: Workload = {
  name: 'matrix: IoT reading',
  description: 'A device posts or fetches one small record: one tiny indexed read.',
  queries: [
    {
      id: 'reading',
      sql: 'SELECT id, level, created_at FROM logs WHERE id = $1',
      params: [{ kind: 'randomInt', min: 1, max: 2500 }],
    },
  ],
};

/** A query that only computes: no table, no I/O, no parallel plan (function scans are not parallel). */
const CPU_HEAVY_SQL = 'SELECT sum(hashtext(i::text)) AS h FROM generate_series(1, 250000) AS i';

export function cpuWorkload(n: number): Workload {
  return {
    name: `matrix: ${n} CPU-heavy queries`,
    description: 'Aggregates over generated rows: the database computes, nothing waits.',
    queries: Array.from({ length: n }, (_, i) => ({ id: `crunch${i + 1}`, sql: CPU_HEAVY_SQL })),
  };
}

export const checkoutWorkload: Workload = {
  name: 'matrix: checkout',
  description:
    'Each step needs the previous one: the customer, their cart (latest order), its product’s price, its stock.',
  queries: [
    {
      id: 'customer',
      sql: 'SELECT id, country FROM users WHERE id = $1',
      params: [{ kind: 'randomInt', min: 1, max: 5000 }],
    },
    {
      id: 'cart',
      sql: 'SELECT id, product_id, amount FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      params: [{ kind: 'ref', query: 'customer', column: 'id' }],
      dependsOn: ['customer'],
    },
    {
      id: 'price',
      sql: 'SELECT id, price FROM products WHERE id = $1',
      params: [{ kind: 'ref', query: 'cart', column: 'product_id' }],
      dependsOn: ['cart'],
    },
    {
      id: 'stock',
      sql: 'SELECT count(*) AS watchers FROM favorites WHERE product_id = $1',
      params: [{ kind: 'ref', query: 'price', column: 'id' }],
      dependsOn: ['price'],
    },
  ],
};
