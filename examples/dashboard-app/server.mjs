// A small app to capture with `gatherscope capture`: GET /dashboard awaits five queries one after
// another against the demo shop, the later ones using the first one's id (and the latest order's
// product), as a typical ORM-backed page does. POST /favorites adds a product to a user's favorites
// (a request that writes, then reads what it wrote) and DELETE /favorites removes it again. Each
// statement carries a sqlcommenter comment with the request's W3C traceparent and its route, as
// OpenTelemetry's sqlcommenter integrations add.
//
//   DATABASE_URL=postgres://user:password@127.0.0.1:PORT/gatherscope_demo PORT=3001 node server.mjs
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('Set DATABASE_URL (the URL `gatherscope capture` prints).');
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: databaseUrl, max: 5, application_name: 'dashboard-app' });
// An idle connection lost (the capture stopped, the database restarted): the pool opens a new one.
pool.on('error', (err) => console.error(`idle database connection lost: ${err.message}`));

/** sqlcommenter: keys sorted, values URL-encoded, then single quotes escaped; appended to the SQL. */
function tagged(sql, tags) {
  const pairs = Object.keys(tags)
    .sort()
    .map((k) => `${encodeURIComponent(k)}='${encodeURIComponent(tags[k]).replace(/'/g, "\\'")}'`);
  return `${sql} /*${pairs.join(',')}*/`;
}

async function dashboard(userId, trace) {
  const q = (sql, params) => pool.query(tagged(sql, trace), params);
  const user = (await q('SELECT id, name, country FROM users WHERE id = $1', [userId])).rows[0];
  if (!user) return null;
  const orders = (
    await q(
      'SELECT id, product_id, amount, status FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 5',
      [user.id],
    )
  ).rows;
  const favorites = (
    await q(
      `SELECT p.id, p.name, p.price FROM favorites f JOIN products p ON p.id = f.product_id
       WHERE f.user_id = $1 ORDER BY f.created_at DESC LIMIT 5`,
      [user.id],
    )
  ).rows;
  const reviews = (
    await q(
      'SELECT id, product_id, rating FROM reviews WHERE user_id = $1 ORDER BY created_at DESC LIMIT 5',
      [user.id],
    )
  ).rows;
  const lastProduct = orders[0]
    ? (await q('SELECT id, name, category, price FROM products WHERE id = $1', [orders[0].product_id]))
        .rows[0]
    : null;
  return { user, orders, favorites, reviews, lastProduct };
}

/** Adds a favorite: the user, the write, the user's count (which must see the write), the product. */
async function addFavorite(userId, productId, trace) {
  const q = (sql, params) => pool.query(tagged(sql, trace), params);
  const user = (await q('SELECT id, name FROM users WHERE id = $1', [userId])).rows[0];
  if (!user) return null;
  await q(
    'INSERT INTO favorites (user_id, product_id, created_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING',
    [user.id, productId],
  );
  const { count } = (await q('SELECT count(*)::int AS count FROM favorites WHERE user_id = $1', [user.id]))
    .rows[0];
  const product = (await q('SELECT id, name, price FROM products WHERE id = $1', [productId])).rows[0];
  return { user, favorites: count, product };
}

async function removeFavorite(userId, productId, trace) {
  const q = (sql, params) => pool.query(tagged(sql, trace), params);
  const removed = await q('DELETE FROM favorites WHERE user_id = $1 AND product_id = $2', [
    userId,
    productId,
  ]);
  return { removed: removed.rowCount };
}

const newTrace = (route) => ({
  route,
  traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
});

async function answer(res, work) {
  try {
    const body = await work();
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  } catch (err) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/favorites' && (req.method === 'POST' || req.method === 'DELETE')) {
    const userId = Number(url.searchParams.get('user') ?? 1);
    const productId = Number(url.searchParams.get('product') ?? 1);
    const trace = newTrace(`${req.method} /favorites`);
    await answer(res, () =>
      req.method === 'POST'
        ? addFavorite(userId, productId, trace)
        : removeFavorite(userId, productId, trace),
    );
    return;
  }
  if (req.method === 'GET' && url.pathname === '/dashboard') {
    const userId = Number(url.searchParams.get('user') ?? 1 + Math.floor(Math.random() * 5000));
    // A new trace per request, as an instrumented framework starts one (version-traceid-spanid-flags).
    const trace = {
      route: '/dashboard',
      traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    };
    try {
      const body = await dashboard(userId, trace);
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: `no user ${userId}` }));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
    }
    return;
  }
  if (url.pathname === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok\n');
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('Try GET /dashboard or /dashboard?user=42, POST or DELETE /favorites?user=42&product=7\n');
});

server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => {
  console.log(`dashboard app listening on http://127.0.0.1:${server.address().port}/dashboard`);
});

const stop = () => {
  server.close();
  pool.end().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
