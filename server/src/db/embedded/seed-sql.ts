/**
 * The demo shop: the schema behind a typical e-commerce dashboard. Set-based and deterministic:
 * every value is arithmetic on the row number (no random()), so two machines seed the same data.
 */
export const DEMO_VERSION = '1';

export interface DemoSizes {
  users: number;
  products: number;
  orders: number;
  reviews: number;
  logs: number;
  statsHours: number;
}

export function demoSizes(scale: number): DemoSizes {
  const n = (base: number) => Math.max(10, Math.round(base * scale));
  return {
    users: n(100_000),
    products: n(10_000),
    orders: n(500_000),
    reviews: n(300_000),
    logs: n(50_000),
    statsHours: 24 * 365,
  };
}

export function demoSeedStatements(s: DemoSizes): string[] {
  const base = `timestamptz '2026-11-01 00:00:00+00'`;
  return [
    `CREATE TABLE users (
      id bigint PRIMARY KEY,
      email text NOT NULL,
      name text NOT NULL,
      country char(2) NOT NULL,
      created_at timestamptz NOT NULL)`,
    `CREATE TABLE products (
      id bigint PRIMARY KEY,
      name text NOT NULL,
      category text NOT NULL,
      price numeric(10,2) NOT NULL,
      created_at timestamptz NOT NULL)`,
    `CREATE TABLE orders (
      id bigint PRIMARY KEY,
      user_id bigint NOT NULL,
      product_id bigint NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
      amount numeric(10,2) NOT NULL,
      created_at timestamptz NOT NULL)`,
    `CREATE TABLE favorites (
      user_id bigint NOT NULL,
      product_id bigint NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, product_id))`,
    `CREATE TABLE reviews (
      id bigint PRIMARY KEY,
      user_id bigint NOT NULL,
      product_id bigint NOT NULL,
      rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
      body text NOT NULL,
      created_at timestamptz NOT NULL)`,
    `CREATE TABLE stats (
      id bigint PRIMARY KEY,
      computed_at timestamptz NOT NULL,
      active_users integer NOT NULL,
      orders_last_hour integer NOT NULL,
      revenue_last_hour numeric(12,2) NOT NULL,
      error_rate real NOT NULL)`,
    `CREATE TABLE logs (
      id bigint PRIMARY KEY,
      level text NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
      message text NOT NULL,
      created_at timestamptz NOT NULL)`,
    `INSERT INTO users
      SELECT i, 'user' || i || '@example.com', 'User ' || i,
             (ARRAY['US','DE','FR','GB','IN','BR','JP','CA'])[1 + i % 8],
             ${base} - make_interval(mins => ((i * 7) % 1000000)::int)
      FROM generate_series(1::bigint, ${s.users}) AS i`,
    `INSERT INTO products
      SELECT i, 'Product ' || i,
             (ARRAY['books','garden','kitchen','toys','sports','music','office','tools'])[1 + i % 8],
             round(((i * 7919) % 20000) / 100.0 + 1, 2),
             ${base} - make_interval(days => (i % 1000)::int)
      FROM generate_series(1::bigint, ${s.products}) AS i`,
    `INSERT INTO orders
      SELECT i, 1 + (i * 7919) % ${s.users}, 1 + (i * 104729) % ${s.products},
             CASE WHEN i % 10 < 7 THEN 'completed' WHEN i % 10 < 8 THEN 'failed' ELSE 'pending' END,
             round(((i * 37) % 50000) / 100.0 + 1, 2),
             ${base} - make_interval(mins => ((i * 13) % 525600)::int)
      FROM generate_series(1::bigint, ${s.orders}) AS i`,
    // Every user favours (id mod 5) products: about two each on average.
    `INSERT INTO favorites
      SELECT u, 1 + (u * 31 + k * 977) % ${s.products}, ${base} - make_interval(hours => ((u + k * 17) % 8760)::int)
      FROM generate_series(1::bigint, ${s.users}) AS u, generate_series(0, (u % 5) - 1) AS k`,
    `INSERT INTO reviews
      SELECT i, 1 + (i * 6007) % ${s.users}, 1 + (i * 3571) % ${s.products}, 1 + (i * 7) % 5,
             'Review ' || i || ': ' || (ARRAY['great value','arrived late','as described','would buy again','not for me'])[1 + i % 5],
             ${base} - make_interval(mins => ((i * 11) % 525600)::int)
      FROM generate_series(1::bigint, ${s.reviews}) AS i`,
    `INSERT INTO stats
      SELECT h, ${base} - make_interval(hours => h::int), 500 + (h * 37) % 1500, 20 + (h * 13) % 200,
             round((((h * 7919) % 1000000) / 100.0)::numeric, 2), ((h * 7) % 50) / 1000.0
      FROM generate_series(1::bigint, ${s.statsHours}) AS h`,
    `INSERT INTO logs
      SELECT i, (ARRAY['debug','info','info','info','warn','error'])[1 + i % 6],
             'request ' || i || ' handled in ' || (i * 17) % 900 || ' ms',
             ${base} - make_interval(secs => (i * 30)::int)
      FROM generate_series(1::bigint, ${s.logs}) AS i`,
    'CREATE UNIQUE INDEX users_email_key ON users (email)',
    'CREATE INDEX orders_user_id_created_at_idx ON orders (user_id, created_at DESC)',
    'CREATE INDEX orders_status_created_at_idx ON orders (status, created_at DESC)',
    'CREATE INDEX favorites_product_id_idx ON favorites (product_id)',
    'CREATE INDEX reviews_user_id_created_at_idx ON reviews (user_id, created_at DESC)',
    'CREATE INDEX reviews_product_id_idx ON reviews (product_id)',
    'CREATE INDEX stats_computed_at_idx ON stats (computed_at DESC)',
    'CREATE INDEX logs_created_at_idx ON logs (created_at DESC)',
    'ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id), ADD FOREIGN KEY (product_id) REFERENCES products (id)',
    'ALTER TABLE favorites ADD FOREIGN KEY (user_id) REFERENCES users (id), ADD FOREIGN KEY (product_id) REFERENCES products (id)',
    'ALTER TABLE reviews ADD FOREIGN KEY (user_id) REFERENCES users (id), ADD FOREIGN KEY (product_id) REFERENCES products (id)',
    'ANALYZE',
  ];
}
