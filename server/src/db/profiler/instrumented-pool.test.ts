import { describe, expect, it } from 'vitest';
import { CancelledError, type Poolable, PoolWaitTimeoutError, ProfilerPool } from './instrumented-pool';

class FakeConn implements Poolable {
  alive = true;
  private listeners: (() => void)[] = [];
  constructor(readonly pid: number) {}
  async close() {
    this.die();
  }
  onDeath(l: () => void) {
    this.listeners.push(l);
  }
  die() {
    if (!this.alive) return;
    this.alive = false;
    for (const l of this.listeners) l();
  }
}

function fakePool(max: number, openMs = 0) {
  let next = 1;
  const opened: FakeConn[] = [];
  const fail = { next: false };
  const pool = new ProfilerPool<FakeConn>(async () => {
    await new Promise((r) => setTimeout(r, openMs));
    if (fail.next) {
      fail.next = false;
      throw new Error('connect ECONNREFUSED');
    }
    const c = new FakeConn(next++);
    opened.push(c);
    return c;
  }, max);
  return { pool, opened, fail };
}

describe('ProfilerPool', () => {
  it('reports connecting for a new connection and nothing for a warm one', async () => {
    const { pool } = fakePool(2, 20);
    const a = await pool.acquire();
    expect(a.connecting!.end - a.connecting!.start).toBeGreaterThanOrEqual(15);
    expect(a.waiting).toBeNull();
    pool.release(a.conn);
    const b = await pool.acquire();
    expect(b.conn).toBe(a.conn);
    expect(b.connecting).toBeNull();
  });

  it('queues first come first served when full, and reports the wait', async () => {
    const { pool } = fakePool(1);
    const a = await pool.acquire();
    const order: number[] = [];
    const w1 = pool.acquire().then((g) => {
      order.push(1);
      return g;
    });
    const w2 = pool.acquire().then((g) => {
      order.push(2);
      return g;
    });
    await new Promise((r) => setTimeout(r, 30));
    pool.release(a.conn);
    const g1 = await w1;
    expect(g1.waiting!.end - g1.waiting!.start).toBeGreaterThanOrEqual(25);
    pool.release(g1.conn);
    const g2 = await w2;
    expect(order).toEqual([1, 2]);
    expect(g2.conn).toBe(a.conn);
  });

  it('replaces a connection that died, and passes a failed open’s slot on', async () => {
    const { pool, opened, fail } = fakePool(1);
    const a = await pool.acquire();
    const waiting = pool.acquire();
    a.conn.die();
    pool.release(a.conn);
    const b = await waiting;
    expect(b.conn).not.toBe(a.conn);
    expect(b.waiting).not.toBeNull();
    expect(b.connecting).not.toBeNull();
    b.conn.die();
    pool.release(b.conn);
    fail.next = true;
    await expect(pool.acquire()).rejects.toThrow('ECONNREFUSED');
    const c = await pool.acquire();
    expect(c.conn.alive).toBe(true);
    expect(opened).toHaveLength(3);
  });

  it('drops an idle connection that dies, and gives up a wait when aborted', async () => {
    const { pool } = fakePool(1);
    await pool.warm(1);
    expect(pool.pids()).toEqual([1]);
    const a = await pool.acquire();
    const stop = new AbortController();
    const waiting = pool.acquire(stop.signal);
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    pool.release(a.conn);
    a.conn.die();
    expect(pool.pids()).toEqual([]);
    expect((await pool.acquire()).conn.pid).toBe(2);
    await pool.close();
    await expect(pool.acquire()).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('ProfilerPool wait timeout', () => {
  it('fails a waiter that gets no connection in time instead of hanging, and keeps serving', async () => {
    let next = 1;
    const pool = new ProfilerPool<FakeConn>(async () => new FakeConn(next++), 1, 50);
    const held = await pool.acquire();
    await expect(pool.acquire()).rejects.toBeInstanceOf(PoolWaitTimeoutError);
    await expect(pool.acquire()).rejects.toThrow(/No connection became free.*all 1 connection is busy/);
    pool.release(held.conn);
    const again = await pool.acquire();
    expect(again.conn).toBe(held.conn);
  });
});
