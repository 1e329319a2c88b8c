import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { until } from '../../test/faults/helpers';
import { type EmbeddedServer, startEmbedded } from '../db/embedded/embedded';
import { captureDemo, libpqEnv, type TestCapture } from './test-capture';
import { psqlBin } from './test-tools';
import * as w from './test-wire';

/** A client that keeps working beside the faults: the other connections must not notice them. */
async function bystander(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

const cutsOf = (tc: TestCapture) => tc.capture.snapshot().cuts;

describe('faults on one connection leave the capture and the others running', () => {
  let tc: TestCapture;
  let other: pg.Client;
  beforeAll(async () => {
    tc = await captureDemo(inject('demoUrl'));
    other = await bystander(tc.url);
  });
  afterAll(async () => {
    await other.end();
    const record = await tc.stop();
    expect(tc.capture.openSockets()).toBe(0);
    expect(record.endedAt).not.toBeNull();
  });

  const stillFine = async () => {
    const { rows } = await other.query('SELECT count(*)::int AS n FROM users WHERE id <= $1', [3]);
    expect(rows[0].n).toBe(3);
  };
  const baseline = () => tc.capture.openSockets();

  it('a client speaking HTTP is turned away and marked', async () => {
    const before = baseline();
    const sock = net.connect(tc.capture.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await new Promise((r) => sock.once('close', r));
    expect(cutsOf(tc).at(-1)!.reason).toMatch(
      /^not a PostgreSQL client: startup packet length \d+ is not PostgreSQL's/,
    );
    await stillFine();
    await until(async () => baseline() === before, 2000, 'sockets closed');
  });

  it('a malformed message stops the recording of that connection only, marked, while its bytes still flow', async () => {
    const before = baseline();
    const c = new pg.Client({ connectionString: tc.url });
    await c.connect();
    const gone = new Promise((r) => c.once('error', r));
    c.on('error', () => {});
    // An unknown message type, sent on the client's own socket as a broken driver would.
    (c as unknown as { connection: { stream: net.Socket } }).connection.stream.write(
      Buffer.from([0x7a, 0, 0, 0, 4]),
    );
    await gone; // the server itself rejects it: "invalid frontend message type 122"
    const cut = cutsOf(tc).at(-1)!;
    expect(cut.reason).toMatch(
      /recording stopped: unknown frontend message type 0x7a; the bytes are still forwarded/,
    );
    await stillFine();
    await c.end().catch(() => {});
    await until(async () => baseline() === before, 2000, 'sockets closed');
  });

  it('a message truncated by a vanishing client is marked as cut mid-message', async () => {
    const before = baseline();
    const c = new pg.Client({ connectionString: tc.url });
    await c.connect();
    const stream = (c as unknown as { connection: { stream: net.Socket } }).connection.stream;
    const conn = tc.capture.snapshot().counts.connections;
    c.on('error', () => {});
    stream.write(w.query('SELECT 1').subarray(0, 6));
    await new Promise((r) => setTimeout(r, 50));
    stream.destroy();
    await until(async () => cutsOf(tc).some((x) => x.connection === conn), 2000, 'cut recorded');
    expect(cutsOf(tc).find((x) => x.connection === conn)!.reason).toMatch(
      /the client closed the connection in the middle of a message/,
    );
    await stillFine();
    await until(async () => baseline() === before, 2000, 'sockets closed');
  });

  it('a client killed mid-statement leaves that statement cut', async () => {
    const before = baseline();
    const child = spawn(psqlBin(), ['-X', '-c', 'SELECT pg_sleep(30)'], {
      env: { ...libpqEnv(tc.url), PGAPPNAME: 'killed-client' },
      stdio: 'ignore',
    });
    await until(
      async () => tc.capture.snapshot().counts.connections > 0 && baseline() >= before + 2,
      5000,
      'psql connected',
    );
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    const s = await until(
      async () => (await tc.statements(0)).some((x) => x.applicationName === 'killed-client'),
      5000,
      'statement cut',
    ).then(async () => (await tc.statements(0)).find((x) => x.applicationName === 'killed-client')!);
    expect(s).toMatchObject({ sql: 'SELECT pg_sleep(30)', outcome: 'cut' });
    expect(s.error!.message).toMatch(/cut: the client closed the connection with 1 statement\(s\) running/);
    await stillFine();
    await until(async () => baseline() === before, 2000, 'sockets closed');
  });
});

describe('a database restart during a capture', () => {
  let dataDir = '';
  let db: EmbeddedServer | undefined;
  afterAll(async () => {
    await db?.stop().catch(() => {});
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('cuts the connections it ended, and new connections through the same capture work after it', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-capture-restart-'));
    db = await startEmbedded({ dataDir, durable: false });
    const port = db.port;
    const tc = await captureDemo(db.url('postgres'));
    const a = new pg.Client({ connectionString: tc.url });
    await a.connect();
    a.on('error', () => {});
    const running = a.query('SELECT pg_sleep(30)').catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 300));
    await db.stop();
    expect(await running).toBeInstanceOf(Error);
    const cut = await until(async () => cutsOf(tc).length > 0, 5000, 'cut recorded').then(
      () => cutsOf(tc)[0]!,
    );
    expect(cut.reason).toMatch(/the database closed the connection|terminating connection/);
    // While it is down, a new client gets a clear error from the proxy.
    const down = new pg.Client({ connectionString: tc.url });
    await expect(down.connect()).rejects.toThrow(/Gatherscope capture: cannot reach the database/);
    db = await startEmbedded({ dataDir, durable: false, port });
    const b = new pg.Client({ connectionString: tc.url });
    await b.connect();
    expect((await b.query('SELECT 41 + 1 AS x')).rows[0].x).toBe(42);
    await b.end();
    const record = await tc.stop();
    expect(tc.capture.openSockets()).toBe(0);
    const sqls = record.requests.flatMap((r) => r.statements).map((s) => [s.sql, s.outcome]);
    expect(sqls).toContainEqual(['SELECT 41 + 1 AS x', 'ok']);
    expect(sqls.find(([sql]) => sql === 'SELECT pg_sleep(30)')?.[1]).toMatch(/error|cut/);
  });
});
