import { type Workload, WorkloadSchema } from '@gatherscope/shared';
import { AppError } from '../errors/app-error';

/**
 * User ids that exist at every demo scale from 0.05 up (5,000 users and more); one user per trial,
 * as one request serves one user's dashboard.
 */
const userId = { kind: 'randomInt', min: 1, max: 5000, shared: 'user' } as const;

const builtins: Workload[] = [
  {
    name: 'user-dashboard',
    description:
      'What a signed-in user sees: their profile, recent orders, favorite products, recent reviews.',
    queries: [
      {
        id: 'user',
        description: 'The user by id',
        sql: 'SELECT id, email, name, country, created_at FROM users WHERE id = $1',
        params: [userId],
      },
      {
        id: 'recent_orders',
        description: 'Their 10 most recent orders',
        sql: 'SELECT id, product_id, status, amount, created_at FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 10',
        params: [userId],
      },
      {
        id: 'favorites',
        description: '5 favorite products, joined with the products',
        sql: `SELECT p.id, p.name, p.category, p.price FROM favorites f JOIN products p ON p.id = f.product_id
              WHERE f.user_id = $1 ORDER BY f.created_at DESC LIMIT 5`,
        params: [userId],
      },
      {
        id: 'recent_reviews',
        description: 'Their 5 most recent reviews',
        sql: 'SELECT id, product_id, rating, body, created_at FROM reviews WHERE user_id = $1 ORDER BY created_at DESC LIMIT 5',
        params: [userId],
      },
    ],
  },
  {
    name: 'admin-dashboard',
    description: 'An operations page: latest stats, user count, pending orders, recent warnings and errors.',
    queries: [
      {
        id: 'latest_stats',
        sql: 'SELECT computed_at, active_users, orders_last_hour, revenue_last_hour, error_rate FROM stats ORDER BY computed_at DESC LIMIT 1',
      },
      { id: 'user_count', sql: 'SELECT count(*) AS users FROM users' },
      {
        id: 'pending_orders',
        sql: "SELECT id, user_id, amount, created_at FROM orders WHERE status = 'pending' ORDER BY created_at DESC LIMIT 20",
      },
      {
        id: 'recent_logs',
        sql: "SELECT id, level, message, created_at FROM logs WHERE level IN ('warn', 'error') ORDER BY created_at DESC LIMIT 20",
      },
    ],
  },
  {
    name: 'dependent-dashboard',
    description:
      'Later queries need the first query’s result: the user, then their latest order, its product’s reviews, their favorites and country.',
    queries: [
      { id: 'user', sql: 'SELECT id, country FROM users WHERE id = $1', params: [userId] },
      {
        id: 'latest_order',
        sql: 'SELECT id, product_id, amount FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
        params: [{ kind: 'ref', query: 'user', column: 'id' }],
        dependsOn: ['user'],
      },
      {
        id: 'product_reviews',
        sql: 'SELECT id, rating, body FROM reviews WHERE product_id = $1 ORDER BY created_at DESC LIMIT 5',
        params: [{ kind: 'ref', query: 'latest_order', column: 'product_id' }],
        dependsOn: ['latest_order'],
      },
      {
        id: 'favorites',
        sql: `SELECT p.id, p.name, p.price FROM favorites f JOIN products p ON p.id = f.product_id
              WHERE f.user_id = $1 ORDER BY f.created_at DESC LIMIT 5`,
        params: [{ kind: 'ref', query: 'user', column: 'id' }],
        dependsOn: ['user'],
      },
      {
        id: 'country_users',
        sql: 'SELECT count(*) AS users FROM users WHERE country = $1',
        params: [{ kind: 'ref', query: 'user', column: 'country' }],
        dependsOn: ['user'],
      },
    ],
  },
  {
    name: 'slow-dashboard',
    description:
      'Four cheap queries with simulated server time of 50, 100, 80 and 70 ms: about 300 ms one after another, about 100 ms at once.',
    queries: [
      {
        id: 'profile',
        sql: 'SELECT id, name FROM users WHERE id = $1',
        params: [userId],
        simulatedDelayMs: 50,
      },
      {
        id: 'orders',
        sql: 'SELECT id, amount FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 10',
        params: [userId],
        simulatedDelayMs: 100,
      },
      {
        id: 'reviews',
        sql: 'SELECT id, rating FROM reviews WHERE user_id = $1 ORDER BY created_at DESC LIMIT 5',
        params: [userId],
        simulatedDelayMs: 80,
      },
      {
        id: 'stats',
        sql: 'SELECT active_users, orders_last_hour FROM stats ORDER BY computed_at DESC LIMIT 1',
        simulatedDelayMs: 70,
      },
    ],
  },
  {
    name: 'trivial',
    description: 'Four queries that cost nearly nothing on the server: every millisecond is a round trip.',
    queries: [
      { id: 'one', sql: 'SELECT 1 AS one' },
      { id: 'two', sql: 'SELECT 2 AS two' },
      { id: 'now', sql: 'SELECT now() AS now' },
      { id: 'db', sql: 'SELECT current_database() AS db' },
    ],
  },
].map((w) => WorkloadSchema.parse(w));

/** The built-in workloads on the demo shop (server/src/db/seed-sql.ts). */
export function listBuiltinWorkloads(): Workload[] {
  return builtins.map((w) => structuredClone(w));
}

export function builtinWorkloadNames(): string[] {
  return builtins.map((b) => b.name);
}

/** A copy of the built-in workload of that name, or undefined. */
export function findBuiltinWorkload(name: string): Workload | undefined {
  const w = builtins.find((b) => b.name === name);
  return w && structuredClone(w);
}

export function getBuiltinWorkload(name: string): Workload {
  const w = findBuiltinWorkload(name);
  if (!w) {
    throw new AppError('unknown_workload', `There is no built-in workload named "${name}".`, {
      status: 404,
      hint: `Use one of: ${builtinWorkloadNames().join(', ')}; or give a full workload.`,
      details: { known: builtinWorkloadNames() },
    });
  }
  return w;
}
