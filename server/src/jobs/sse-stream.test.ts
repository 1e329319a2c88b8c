import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log';
import { lastEventIdOf } from './last-event-id';
import { readSse } from './read-sse';
import { streamEventLog } from './sse-stream';

function appFor(log: EventLog<{ n: number }>, closes: string[]) {
  return new Hono().get('/events', (c) =>
    streamEventLog(c, {
      log,
      afterSeq: lastEventIdOf(c),
      eventName: () => 'tick',
      heartbeatMs: 50,
      onClose: (reason) => closes.push(reason),
    }),
  );
}

describe('streamEventLog', () => {
  it('streams live events with ids and resumes after Last-Event-ID without loss or duplicates', async () => {
    const log = new EventLog<{ n: number }>();
    const closes: string[] = [];
    const app = appFor(log, closes);
    for (let n = 1; n <= 3; n++) log.append({ n });

    const first = await app.request('/events');
    expect(first.headers.get('content-type')).toContain('text/event-stream');
    const seen: number[] = [];
    let lastId = '';
    for await (const m of readSse(first.body!)) {
      seen.push((JSON.parse(m.data) as { n: number }).n);
      lastId = m.id ?? '';
      if (seen.length === 3) log.append({ n: 4 });
      if (seen.length === 4) break; // the client drops here
    }
    expect(lastId).toBe('4');
    for (let n = 5; n <= 7; n++) log.append({ n });
    log.close();

    const again = await app.request('/events', { headers: { 'Last-Event-ID': lastId } });
    for await (const m of readSse(again.body!)) seen.push((JSON.parse(m.data) as { n: number }).n);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(closes).toEqual(['aborted', 'finished']);
  });

  it('sends heartbeats while idle and accepts ?lastEventId=', async () => {
    const log = new EventLog<{ n: number }>();
    log.append({ n: 1 });
    log.append({ n: 2 });
    const res = await appFor(log, []).request('/events?lastEventId=1');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes(': heartbeat')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain('id: 2');
    expect(text).not.toContain('id: 1\n');
  });

  it('rejects a malformed Last-Event-ID', async () => {
    const app = appFor(new EventLog(), []);
    app.onError((err, c) => c.json({ message: err.message }, 400));
    const res = await app.request('/events', { headers: { 'Last-Event-ID': 'abc' } });
    expect(res.status).toBe(400);
  });
});
