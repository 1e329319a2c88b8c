import { describe, expect, inject, it } from 'vitest';
import { withClient } from '../postgres';
import { demoSizes } from './seed-sql';

describe('demo shop', () => {
  it('has the tables and row counts of its scale, with the version marker', async () => {
    const sizes = demoSizes(0.05);
    const counts = await withClient(inject('demoUrl'), async (q) => {
      const r = await q(
        `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM orders)::int AS orders,
                (SELECT count(*) FROM products)::int AS products, (SELECT count(*) FROM reviews)::int AS reviews,
                (SELECT count(DISTINCT status) FROM orders)::int AS statuses,
                (SELECT value FROM gatherscope_meta WHERE key = 'demo_version') AS version`,
      );
      return r.rows[0];
    });
    expect(counts).toMatchObject({
      users: sizes.users,
      orders: sizes.orders,
      products: sizes.products,
      reviews: sizes.reviews,
      statuses: 3,
      version: '1@0.05',
    });
  });

  it('is deterministic: the same user always has the same orders', async () => {
    const first = await withClient(inject('demoUrl'), (q) =>
      q('SELECT id, amount FROM orders WHERE user_id = 42 ORDER BY created_at DESC LIMIT 3'),
    );
    expect(first.rows.length).toBeGreaterThan(0);
    expect(first.rows.map((r) => r.id)).toEqual(
      // Order ids for user 42 follow from 1 + (i * 7919) % users = 42.
      first.rows
        .map((r) => r.id)
        .filter((id: string) => 1 + ((Number(id) * 7919) % demoSizes(0.05).users) === 42),
    );
  });
});
