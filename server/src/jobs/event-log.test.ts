import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log';

describe('EventLog', () => {
  it('numbers events from 1 and returns those after a sequence id', () => {
    const log = new EventLog<string>();
    expect(log.append('a')).toBe(1);
    expect(log.append('b')).toBe(2);
    expect(log.append('c')).toBe(3);
    expect(log.since(0).map((e) => e.event)).toEqual(['a', 'b', 'c']);
    expect(log.since(2)).toEqual([{ seq: 3, event: 'c' }]);
    expect(log.since(99)).toEqual([]);
  });

  it('numbers events after a gap made by skipTo, and serves readers on either side of it', () => {
    const log = new EventLog<string>();
    log.append('a');
    log.append('b');
    log.skipTo(9);
    expect(log.lastSeq).toBe(2);
    expect(log.append('c')).toBe(10);
    expect(log.since(0).map((e) => e.seq)).toEqual([1, 2, 10]);
    expect(log.since(1).map((e) => e.event)).toEqual(['b', 'c']);
    expect(log.since(5).map((e) => e.event)).toEqual(['c']);
    expect(log.since(9).map((e) => e.event)).toEqual(['c']);
    expect(log.since(10)).toEqual([]);
  });

  it('wakes a waiting reader on append and on close', async () => {
    const log = new EventLog<number>();
    const more = log.wait(0, 5_000);
    log.append(1);
    expect(await more).toBe('more');
    const closed = log.wait(1, 5_000);
    log.close();
    expect(await closed).toBe('closed');
    expect(() => log.append(2)).toThrow();
  });

  it('keeps a reader that is ahead of the log waiting until its next event exists', async () => {
    const log = new EventLog<number>();
    log.append(1);
    let result: string | undefined;
    const w = log.wait(3, 5_000).then((r) => {
      result = r;
    });
    log.append(2);
    log.append(3);
    await new Promise((r) => setTimeout(r, 10));
    expect(result).toBeUndefined();
    log.append(4);
    await w;
    expect(result).toBe('more');
  });

  it('times out and aborts a wait', async () => {
    const log = new EventLog<number>();
    expect(await log.wait(0, 10)).toBe('timeout');
    const ac = new AbortController();
    const w = log.wait(0, 5_000, ac.signal);
    ac.abort();
    expect(await w).toBe('aborted');
  });
});
