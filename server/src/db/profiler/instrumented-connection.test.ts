import { afterEach, describe, expect, inject, it } from 'vitest';
import { spanError } from '../../engine/span-error';
import { stopBackends } from './admin-calls';
import {
  type ConnectionLimits,
  defaultConnectionLimits,
  ProfilerConnection,
} from './instrumented-connection';

const open: ProfilerConnection[] = [];
async function connect(limits: Partial<ConnectionLimits> = {}): Promise<ProfilerConnection> {
  const url = inject('demoUrl');
  const c = await ProfilerConnection.open(url, { ...defaultConnectionLimits, ...limits }, (pid) => {
    void stopBackends(url, [pid]);
  });
  open.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function value(c: ProfilerConnection, sql: string): Promise<string | null> {
  const t = await c.run(sql, []);
  expect(t.error).toBeNull();
  return Object.values(t.firstRow ?? {})[0] ?? null;
}

describe('profiler connection', () => {
  it('opens read-only with its name and timeouts from the startup packet', async () => {
    const c = await connect();
    expect(c.pid).toBeGreaterThan(0);
    expect(await value(c, "SELECT current_setting('application_name')")).toBe('gatherscope');
    expect(await value(c, "SELECT current_setting('default_transaction_read_only')")).toBe('on');
    expect(await value(c, "SELECT current_setting('statement_timeout')")).toBe('30s');
    expect(await value(c, 'SELECT pg_backend_pid()::text')).toBe(String(c.pid));
  });

  it('keeps its guard settings when the URL tries to override them', async () => {
    const u = new URL(inject('demoUrl'));
    u.searchParams.set('options', '-c default_transaction_read_only=off -c search_path=public');
    u.searchParams.set('statement_timeout', '0');
    u.searchParams.set('application_name', 'other');
    const c = await ProfilerConnection.open(u.toString(), defaultConnectionLimits);
    open.push(c);
    expect(await value(c, "SELECT current_setting('default_transaction_read_only')")).toBe('on');
    expect(await value(c, "SELECT current_setting('statement_timeout')")).toBe('30s');
    expect(await value(c, "SELECT current_setting('application_name')")).toBe('gatherscope');
    expect(await value(c, "SELECT current_setting('search_path')")).toBe('public');
  });

  it('counts rows and bytes and times the first row', async () => {
    const c = await connect();
    const t = await c.run('SELECT id, email FROM users WHERE id <= $1 ORDER BY id', ['25']);
    expect(t.error).toBeNull();
    expect(t.rows).toBe(25);
    expect(t.bytes).toBeGreaterThan(25 * 20);
    expect(t.firstRow).toEqual({ id: '1', email: 'user1@example.com' });
    expect(t.firstRowAt).toBeGreaterThanOrEqual(t.sentAt);
    expect(t.doneAt).toBeGreaterThanOrEqual(t.firstRowAt!);
  });

  it('refuses several statements in one string (extended protocol)', async () => {
    const c = await connect({ readOnly: false });
    const t = await c.run('SELECT 1; SELECT 2', []);
    expect(t.error?.code).toBe('42601');
    expect(await value(c, 'SELECT 3')).toBe('3');
  });

  it('refuses writes, also after COMMIT or a changed session default', async () => {
    const c = await connect();
    const del = await c.run('DELETE FROM logs WHERE id = -1', []);
    expect(del.error?.code).toBe('25006');
    expect((await c.run('COMMIT', [])).error).toBeNull();
    expect((await c.run('SET default_transaction_read_only = off', [])).error).toBeNull();
    expect(
      (await c.run("SELECT set_config('transaction_read_only', 'off', false)", [])).error,
    ).not.toBeNull();
    expect((await c.run('DELETE FROM logs WHERE id = -1', [])).error?.code).toBe('25006');
    // The SET was rolled back with its read-only block.
    expect(await value(c, "SELECT current_setting('default_transaction_read_only')")).toBe('on');
  });

  it('stays usable after a failed statement (its read-only block is rolled back)', async () => {
    const c = await connect();
    const bad = await c.run('SELECT * FROM no_such_table', []);
    expect(bad.error?.code).toBe('42P01');
    expect(spanError(bad.error, false)).toMatchObject({ kind: 'query', sqlstate: '42P01' });
    expect(await value(c, "SELECT 'ok'")).toBe('ok');
  });

  it('fails a result over the row cap after at most one row more, and goes on', async () => {
    const c = await connect({ maxRows: 100 });
    const t = await c.run('SELECT g FROM generate_series(1, 100000) AS g', []);
    expect(t.exceeded).toBe('rows');
    expect(t.rows).toBe(101);
    expect((await c.run('SELECT g FROM generate_series(1, 100) AS g', [])).exceeded).toBeNull();
  });

  it('fails a result over the size cap at the row that crosses it, and drops the connection', async () => {
    const abandoned: number[] = [];
    const c = await ProfilerConnection.open(
      inject('demoUrl'),
      { ...defaultConnectionLimits, maxBytes: 100_000 },
      (pid) => abandoned.push(pid),
    );
    open.push(c);
    // 2 GB if nothing stopped it: the row that would cross 100 KB is refused by its header.
    const t = await c.run("SELECT repeat('x', 10000) FROM generate_series(1, 200000)", []);
    expect(t.exceeded).toBe('bytes');
    // Nine 10,010-byte rows fit; the tenth's header is refused (rows of the same socket read still arrive).
    expect(t.bytes).toBe(10 * 10_010);
    expect(t.rows).toBeLessThan(20);
    expect(c.alive).toBe(false);
    // The owner ends the backend by pid (the profiler does, see engine/profiler.ts).
    expect(abandoned).toEqual([c.pid]);
  });

  it('refuses one row over the cap by its length header, before its body is read', async () => {
    const c = await connect({ maxBytes: 1_000_000 });
    const before = process.memoryUsage().arrayBuffers;
    // 50 MB of 'x' built from 10,000-byte blocks: repeat('x', 50000000) copies one byte at a time.
    const t = await c.run("SELECT repeat(repeat('x', 10000), 5000)", []);
    expect(t.exceeded).toBe('bytes');
    expect(t.rows).toBe(0);
    expect(t.bytes).toBeGreaterThan(50_000_000);
    // The 50 MB row was never assembled in a buffer.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10_000_000);
  });

  it('times a slow statement out on the server', async () => {
    const c = await connect({ statementTimeoutMs: 200 });
    const t = await c.run('SELECT pg_sleep(5)', []);
    expect(t.doneAt - t.sentAt).toBeLessThan(3000);
    expect(spanError(t.error, false)).toMatchObject({ kind: 'timeout', sqlstate: '57014' });
  });

  it("runs a replay's writes unwrapped inside its transaction, then rolls them back", async () => {
    const c = await connect();
    await c.beginRolledBack();
    // Inside the transaction the statement is sent as it is: a write runs and a later read sees it.
    expect((await c.run("UPDATE logs SET message = 'rolled back' WHERE id = 1", [])).error).toBeNull();
    expect(await value(c, 'SELECT message FROM logs WHERE id = 1')).toBe('rolled back');
    expect(await value(c, "SELECT current_setting('lock_timeout')")).toBe('5s');
    await c.rollBack();
    expect(c.alive).toBe(true);
    expect(await value(c, 'SELECT message FROM logs WHERE id = 1')).not.toBe('rolled back');
    // After it the session is read-only again.
    expect((await c.run('DELETE FROM logs WHERE id = -1', [])).error?.code).toBe('25006');
  });

  it("cuts the connection off when a statement ends the replay's transaction itself", async () => {
    const c = await connect();
    await c.beginRolledBack();
    // The policy never lets this through; the session watch is the layer behind it.
    await c.run('ROLLBACK', []);
    for (let i = 0; i < 50 && c.alive; i++) await new Promise((r) => setTimeout(r, 20));
    expect(c.alive).toBe(false);
    // Nothing more runs on it, outside the transaction or not.
    const next = await c.run('SELECT 1', []);
    expect(next.error?.message).toMatch(/ended the replay's transaction/);
    await c.rollBack();
  });

  it('survives its backend being killed while idle', async () => {
    const c = await connect();
    expect(await stopBackends(inject('demoUrl'), [c.pid], { terminate: true, graceMs: 0 })).toEqual([]);
    for (let i = 0; i < 50 && c.alive; i++) await new Promise((r) => setTimeout(r, 20));
    expect(c.alive).toBe(false);
    const t = await c.run('SELECT 1', []);
    expect(spanError(t.error, false).kind).toBe('connection');
  });
});
