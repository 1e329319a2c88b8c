import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RunSettingsSchema } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProfile } from '../engine/run-profile';
import { type EmbeddedServer, startEmbedded } from './embedded/embedded';
import { clientConfig, viaLocalProxy } from './local-proxy-url';
import { withClient } from './postgres';
import { guardedConnectionString } from './profiler/instrumented-connection';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/tls');

describe('viaLocalProxy', () => {
  it('points the URL at the proxy and keeps the named host for TLS, out of what PostgreSQL sees', () => {
    const url = viaLocalProxy('postgres://u:p@db.example.com:6543/shop?sslmode=require', {
      host: '127.0.0.1',
      port: 4000,
    });
    const u = new URL(url);
    expect([u.hostname, u.port, u.pathname, u.searchParams.get('sslmode')]).toEqual([
      '127.0.0.1',
      '4000',
      '/shop',
      'require',
    ]);
    const config = guardedConnectionString(url, true);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4000, database: 'shop', user: 'u' });
    expect(config.ssl).toEqual({ servername: 'db.example.com' });
    expect(JSON.stringify(config)).not.toContain('gatherscope_tls_host');
    expect(config.options).toBe('-c default_transaction_read_only=on');
  });

  it('verifies an address by identity only (no SNI for IP addresses), and leaves plain URLs alone', () => {
    const v4 = clientConfig(
      new URL(viaLocalProxy('postgres://u@10.0.0.7/db?ssl=true', { host: '127.0.0.1', port: 1 })),
    );
    expect(v4.ssl).toEqual({ host: '10.0.0.7' });
    const v6 = clientConfig(
      new URL(viaLocalProxy('postgres://u@[fd00::7]/db?sslmode=verify-full', { host: '127.0.0.1', port: 1 })),
    );
    expect(v6.ssl).toEqual({ host: 'fd00::7' });
    const noTls = clientConfig(
      new URL(viaLocalProxy('postgres://u@db.example.com/db', { host: '127.0.0.1', port: 1 })),
    );
    expect(noTls.ssl).toBeFalsy();
    const same = viaLocalProxy('postgres://u@127.0.0.1:5432/db', { host: '127.0.0.1', port: 1 });
    expect(clientConfig(new URL(same))).toEqual({ connectionString: same });
  });
});

/** A throwaway cluster speaking TLS with a certificate for `localhost` only. */
describe('a verify-full connection through the latency proxy', () => {
  let dataDir: string;
  let pg: EmbeddedServer;
  const settings = RunSettingsSchema.parse({
    strategies: ['sequential', 'concurrent'],
    trials: 2,
    warmup: 0,
    poolSize: 2,
    rttMs: 5,
  });
  // Fails with division by zero unless the connection that runs it is encrypted.
  const workload = {
    name: 'tls',
    queries: [
      { id: 'a', sql: 'SELECT 1 / ssl::int FROM pg_stat_ssl WHERE pid = pg_backend_pid()' },
      { id: 'b', sql: 'SELECT 1 / ssl::int FROM pg_stat_ssl WHERE pid = pg_backend_pid()' },
    ],
  };
  const tlsUrl = (host: string) => {
    const u = new URL(pg.url('postgres'));
    u.hostname = host;
    u.searchParams.set('sslmode', 'verify-full');
    u.searchParams.set('sslrootcert', path.join(FIXTURES, 'server.crt'));
    return u.toString();
  };

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-tls-'));
    pg = await startEmbedded({ dataDir, durable: false });
    // PostgreSQL reads the key only when it belongs to the user it runs as, with no access for others.
    const clusterDir = path.join(dataDir, 'pg');
    const owner = await fs.stat(clusterDir);
    for (const f of ['server.crt', 'server.key']) {
      await fs.copyFile(path.join(FIXTURES, f), path.join(clusterDir, f));
      await fs.chown(path.join(clusterDir, f), owner.uid, owner.gid);
      await fs.chmod(path.join(clusterDir, f), 0o600);
    }
    await withClient(pg.url('postgres'), async (q) => {
      await q('ALTER SYSTEM SET ssl = on');
      await q('SELECT pg_reload_conf()');
    });
  }, 120_000);
  afterAll(async () => {
    await pg?.stop().catch(() => {});
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('is refused when the certificate does not name the host (verification is really on)', async () => {
    const err = await withClient(tlsUrl('127.0.0.1'), (q) => q('SELECT 1')).catch((e: unknown) => e);
    expect(String((err as Error)?.message)).toMatch(/localhost|altnames|certificate/i);
  });

  it('runs every strategy with RTT added, encrypted end to end, as the host the user named', async () => {
    const result = await runProfile({
      url: tlsUrl('localhost'),
      workload,
      settings,
      signal: new AbortController().signal,
      onEvent: () => {},
    });
    expect(result.error).toBeNull();
    expect(result.trials).toHaveLength(4);
    const spans = result.trials.flatMap((t) => t.spans);
    expect(spans.filter((s) => s.error)).toEqual([]);
    // Every query paid the added round trip.
    for (const s of spans) expect(s.end - s.start).toBeGreaterThanOrEqual(4);
  });
});
