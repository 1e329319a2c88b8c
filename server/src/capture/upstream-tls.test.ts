import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../../test/pg-admin';
import { type EmbeddedServer, startEmbedded } from '../db/embedded/embedded';
import { captureDemo } from './test-capture';

const run = promisify(execFile);

// A cluster of its own with TLS turned on (ssl is reloadable), a self-signed certificate.
let dataDir = '';
let db: EmbeddedServer;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-capture-tls-'));
  db = await startEmbedded({ dataDir, durable: false });
  const cluster = path.join(dataDir, 'pg');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-keyout',
    path.join(cluster, 'server.key'),
    '-out',
    path.join(cluster, 'server.crt'),
  ]);
  const owner = await fs.stat(cluster);
  for (const f of ['server.key', 'server.crt']) {
    await fs.chown(path.join(cluster, f), owner.uid, owner.gid);
    await fs.chmod(path.join(cluster, f), 0o600);
  }
  for (const sql of [
    "ALTER SYSTEM SET ssl_cert_file = 'server.crt'",
    "ALTER SYSTEM SET ssl_key_file = 'server.key'",
    'ALTER SYSTEM SET ssl = on',
    'SELECT pg_reload_conf()',
  ])
    await adminQuery(db.url('postgres'), sql);
}, 60_000);
afterAll(async () => {
  await db?.stop().catch(() => {});
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

/** Whether the backend serving this client's statements talks TLS, asked through the proxy. */
async function upstreamSsl(targetUrl: string): Promise<boolean> {
  const tc = await captureDemo(targetUrl);
  try {
    const c = new pg.Client({ connectionString: tc.url.replace(/\?.*$/, '') }); // plaintext to the proxy
    await c.connect();
    const { rows } = await c.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    await c.end();
    return rows[0].ssl as boolean;
  } finally {
    await tc.stop();
  }
}

describe('the proxy’s own connection to the database', () => {
  it('uses TLS when the target URL asks for it, plaintext when it says disable', async () => {
    expect(await upstreamSsl(`${db.url('postgres')}?sslmode=require`)).toBe(true);
    expect(await upstreamSsl(`${db.url('postgres')}?sslmode=prefer`)).toBe(true);
    expect(await upstreamSsl(`${db.url('postgres')}?sslmode=disable`)).toBe(false);
  });

  it('refuses a certificate it cannot verify with verify-full, and tells the client why', async () => {
    const tc = await captureDemo(`${db.url('postgres')}?sslmode=verify-full`);
    try {
      const c = new pg.Client({ connectionString: tc.url.replace(/\?.*$/, '') });
      await expect(c.connect()).rejects.toThrow(
        /Gatherscope capture: cannot reach the database.*certificate/i,
      );
      expect(tc.capture.snapshot().cuts.at(-1)!.reason).toMatch(/certificate/i);
    } finally {
      await tc.stop();
    }
  });

  it('trusts the certificate given as sslrootcert (verify-ca: any host name)', async () => {
    const ca = path.join(dataDir, 'pg', 'server.crt');
    expect(
      await upstreamSsl(`${db.url('postgres')}?sslmode=verify-ca&sslrootcert=${encodeURIComponent(ca)}`),
    ).toBe(true);
  });
});
