import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MessageBudget } from './message-budget';
import { WireMeter } from './wire-meter';

/** A backend message as it travels: type byte, Int32 length counting itself, body. */
const message = (type: string, body: Buffer | number) => {
  const bodyLength = typeof body === 'number' ? body : body.length;
  const head = Buffer.alloc(5);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(bodyLength + 4, 1);
  return typeof body === 'number' ? head : Buffer.concat([head, body]);
};

function metered() {
  const stream = new PassThrough();
  const meter = new WireMeter();
  meter.attach(stream);
  const trips: number[] = [];
  return { stream, meter, trips, arm: (max: number) => meter.arm(max, (o) => trips.push(o.announced)) };
}

describe('WireMeter', () => {
  it('lets rows within the budget through, whatever the chunking', () => {
    const { stream, trips, arm } = metered();
    arm(100);
    const bytes = Buffer.concat([
      message('T', Buffer.alloc(20)),
      message('D', Buffer.alloc(40)),
      message('D', Buffer.alloc(40)),
      message('C', Buffer.from('SELECT 2\0')),
      message('Z', Buffer.from('I')),
    ]);
    // One byte at a time: headers split across chunks.
    for (let i = 0; i < bytes.length; i++) stream.write(bytes.subarray(i, i + 1));
    expect(trips).toEqual([]);
    expect(stream.destroyed).toBe(false);
  });

  it('refuses a row by its length header, before its body arrives, and drops the socket', () => {
    const { stream, trips, arm } = metered();
    arm(16 * 1024 * 1024);
    stream.write(message('D', Buffer.alloc(1000)));
    // Only the header of a 100 MB row: the body is never sent, never buffered.
    stream.write(message('D', 100_000_000));
    expect(trips).toEqual([1004 + 100_000_004]);
    expect(stream.destroyed).toBe(true);
  });

  it('counts rows across messages: the one that would cross the budget trips', () => {
    const { stream, trips, arm } = metered();
    arm(100);
    stream.write(Buffer.concat([message('D', Buffer.alloc(40)), message('D', Buffer.alloc(40))]));
    expect(trips).toEqual([]);
    stream.write(message('D', Buffer.alloc(40)).subarray(0, 5));
    expect(trips).toEqual([132]);
  });

  it('does not meter between statements, nor messages other than rows', () => {
    const { stream, trips, meter, arm } = metered();
    stream.write(message('D', Buffer.alloc(500)));
    arm(100);
    stream.write(message('N', Buffer.alloc(500)));
    meter.disarm();
    stream.write(message('D', Buffer.alloc(500)));
    expect(trips).toEqual([]);
    expect(stream.destroyed).toBe(false);
  });

  it('meters pipelined statements each against its own budget, moving on at each ReadyForQuery', () => {
    const { stream, meter } = metered();
    const trips: string[] = [];
    meter.arm(100, () => trips.push('first'));
    meter.arm(50, () => trips.push('second'));
    // The first statement's 88 bytes fit its 100; the second's 60 do not fit its 50.
    stream.write(Buffer.concat([message('D', Buffer.alloc(40)), message('D', Buffer.alloc(40))]));
    stream.write(message('Z', Buffer.from('I')));
    expect(trips).toEqual([]);
    stream.write(message('D', 56));
    expect(trips).toEqual(['second']);
  });

  it('counts CopyData as rows', () => {
    const { stream, trips, arm } = metered();
    arm(100);
    stream.write(message('d', 200));
    expect(trips).toEqual([204]);
  });

  it('pauses a connection whose large message does not fit the process budget, until one arrives', () => {
    const budget = new MessageBudget(1000, 100);
    const a = new PassThrough();
    const b = new PassThrough();
    const meterA = new WireMeter(budget);
    const meterB = new WireMeter(budget);
    meterA.attach(a);
    meterB.attach(b);
    const bodyA = Buffer.alloc(800);
    const bodyB = Buffer.alloc(600);
    a.write(Buffer.concat([message('D', bodyA)]).subarray(0, 405));
    expect(budget.reservedBytes).toBe(800);
    b.write(Buffer.concat([message('D', bodyB)]).subarray(0, 105));
    // B's 600 bytes do not fit beside A's 800: B is paused, A goes on.
    expect(meterB.waiting).toBe(true);
    expect(b.isPaused()).toBe(true);
    a.write(message('D', bodyA).subarray(405));
    // A's row arrived: its room goes to B, which resumes.
    expect(meterB.waiting).toBe(false);
    expect(b.isPaused()).toBe(false);
    expect(budget.reservedBytes).toBe(600);
    b.destroy();
    b.emit('close');
    expect(budget.reservedBytes).toBe(0);
  });

  it('one large message always fits when nothing else is received', () => {
    const budget = new MessageBudget(1000, 100);
    const { stream } = { stream: new PassThrough() };
    const meter = new WireMeter(budget);
    meter.attach(stream);
    stream.write(message('D', 5000));
    expect(meter.waiting).toBe(false);
    expect(budget.reservedBytes).toBe(5000);
  });
});
