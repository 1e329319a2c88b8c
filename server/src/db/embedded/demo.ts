import { withClient } from '../postgres';
import { DEMO_VERSION, demoSeedStatements, demoSizes } from './seed-sql';

export const DEMO_DATABASE = 'gatherscope_demo';

/**
 * Creates the demo shop on the embedded cluster on first start and reuses it afterwards. The seed
 * runs in one transaction with its version marker, so an interrupted seed leaves nothing behind and
 * a changed demo schema (or scale) re-seeds.
 */
export async function ensureDemoDatabase(
  clusterUrl: (db?: string) => string,
  scale: number,
  log: (line: string) => void,
): Promise<{ seeded: boolean; ms: number }> {
  const marker = `${DEMO_VERSION}@${scale}`;
  const t0 = performance.now();
  const exists = await withClient(clusterUrl('postgres'), async (q) => {
    const r = await q(`SELECT 1 FROM pg_database WHERE datname = '${DEMO_DATABASE}'`);
    return r.rowCount === 1;
  });
  if (exists) {
    const current = await withClient(clusterUrl(DEMO_DATABASE), async (q) => {
      const r = await q(
        `SELECT value FROM gatherscope_meta WHERE key = 'demo_version' AND to_regclass('gatherscope_meta') IS NOT NULL`,
      ).catch(() => ({ rows: [] as { value: string }[] }));
      return (r.rows[0] as { value: string } | undefined)?.value;
    });
    if (current === marker) return { seeded: false, ms: performance.now() - t0 };
    log(`demo database is at version ${current ?? 'none'}, expected ${marker}: re-seeding`);
    await withClient(clusterUrl('postgres'), (q) => q(`DROP DATABASE ${DEMO_DATABASE} WITH (FORCE)`));
  }
  await withClient(clusterUrl('postgres'), (q) => q(`CREATE DATABASE ${DEMO_DATABASE}`));
  const sizes = demoSizes(scale);
  log(`seeding the demo shop (${sizes.users} users, ${sizes.orders} orders); this happens once`);
  await withClient(clusterUrl(DEMO_DATABASE), async (q) => {
    await q('BEGIN');
    await q(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const sql of demoSeedStatements(sizes)) {
      if (sql === 'ANALYZE') continue;
      await q(sql);
    }
    await q('CREATE TABLE gatherscope_meta (key text PRIMARY KEY, value text NOT NULL)');
    await q(`INSERT INTO gatherscope_meta VALUES ('demo_version', '${marker}')`);
    await q('COMMIT');
    // VACUUM as well as ANALYZE: fresh bulk-loaded tables would otherwise get autovacuum's
    // insert-triggered passes during the first minutes of use, which cost the first runs and load
    // tests CPU and I/O they do not measure (seen: p95 latencies doubled right after seeding).
    await q('VACUUM (FREEZE, ANALYZE)');
  });
  return { seeded: true, ms: performance.now() - t0 };
}
