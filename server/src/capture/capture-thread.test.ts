import net from 'node:net';
import type { CaptureEvent } from '@gatherscope/shared';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
import { startCaptureThread } from './capture-thread';

it('runs a capture on its own thread: events stream back, stop returns the record, errors keep their type', async () => {
  const events: CaptureEvent[] = [];
  const demoUrl = inject('demoUrl');
  const capture = await startCaptureThread({ targetUrl: demoUrl, onEvent: (e) => events.push(e) });
  const u = new URL(demoUrl);
  u.hostname = '127.0.0.1';
  u.port = String(capture.port);
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  await c.query('SELECT id FROM users WHERE id = $1', [5]);
  await c.end();
  const record = await capture.stop();
  expect(record.requests.flatMap((r) => r.statements).map((s) => [s.sql, s.params])).toEqual([
    ['SELECT id FROM users WHERE id = $1', ['5']],
  ]);
  expect(events.some((e) => e.type === 'statement')).toBe(true);

  const taken = net.createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  const port = (taken.address() as net.AddressInfo).port;
  await expect(startCaptureThread({ targetUrl: demoUrl, port })).rejects.toMatchObject({
    name: 'AppError',
    message: `Port ${port} on 127.0.0.1 is already in use.`,
  });
  taken.close();
});
