import type { z } from 'zod';

export type StreamState = 'idle' | 'open' | 'reconnecting' | 'closed' | 'invalid';

export interface StreamedEvent<E> {
  event: E;
  /** The SSE `id:` of the event: applying an event twice is a no-op for reducers keyed on it. */
  eventId: number;
}

/**
 * Follows a Server-Sent Events stream of typed events. Every event is parsed with its shared
 * schema. Events are handed over in batches once per animation frame: a fast run emits thousands
 * of events, and one render per event would stall the page. The stream closes itself on `done`.
 */
export function followEventStream<E extends { type: string }>(opts: {
  url: string;
  types: readonly E['type'][];
  schema: z.ZodType<E>;
  /** Names the stream in messages, e.g. "run" or "load test". */
  label: string;
  onBatch: (batch: StreamedEvent<E>[]) => void;
  onState: (s: StreamState, detail?: string) => void;
}): () => void {
  const source = new EventSource(opts.url);
  let queue: StreamedEvent<E>[] = [];
  let frame = 0;
  let closed = false;
  const flush = () => {
    frame = 0;
    const batch = queue;
    queue = [];
    if (batch.length) opts.onBatch(batch);
  };
  const onMessage = (e: MessageEvent<string>) => {
    let json: unknown;
    try {
      json = JSON.parse(e.data);
    } catch {
      opts.onState('invalid', `an event of the ${opts.label} stream is not JSON`);
      return;
    }
    const parsed = opts.schema.safeParse(json);
    if (!parsed.success) {
      opts.onState('invalid', `unexpected ${e.type} event: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    queue.push({ event: parsed.data, eventId: Number(e.lastEventId) || 0 });
    if (!frame) frame = requestAnimationFrame(flush);
    if (parsed.data.type === 'done') {
      closed = true;
      source.close();
      opts.onState('closed');
    }
  };
  for (const t of opts.types) {
    source.addEventListener(t, (e) => {
      // `error` is both an event of ours (a MessageEvent with data) and EventSource's connection error.
      if (e instanceof MessageEvent && typeof e.data === 'string') onMessage(e);
      else if (!closed) opts.onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    });
  }
  source.addEventListener('open', () => opts.onState('open'));
  return () => {
    closed = true;
    source.close();
    if (frame) cancelAnimationFrame(frame);
    flush();
  };
}
