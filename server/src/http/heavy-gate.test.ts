import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { HeavyGate } from './heavy-gate';

const later = () => {
  let resolve!: () => void;
  const p = new Promise<void>((r) => {
    resolve = r;
  });
  return { p, resolve };
};

describe('HeavyGate', () => {
  it('runs at most `limit` at once; the others wait their turn, in order', async () => {
    const gate = new HeavyGate(2);
    const holds = [later(), later(), later()];
    const order: number[] = [];
    const runs = holds.map((h, i) =>
      gate.run(async () => {
        order.push(i);
        await h.p;
        return i;
      }),
    );
    await Promise.resolve();
    expect(order).toEqual([0, 1]);
    expect(gate.active).toBe(2);
    expect(gate.waiting).toBe(1);
    holds[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(order).toEqual([0, 1, 2]);
    holds[0]!.resolve();
    holds[2]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(gate.active).toBe(0);
  });

  it('frees its place when the work fails', async () => {
    const gate = new HeavyGate(1);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
  });

  it('answers 503 to a request that waited too long', async () => {
    const gate = new HeavyGate(1, 20);
    const hold = later();
    const first = gate.run(() => hold.p);
    const err = await gate.run(async () => 'late').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect(gate.waiting).toBe(0);
    hold.resolve();
    await first;
  });
});
