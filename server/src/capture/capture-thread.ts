/**
 * A running capture on a worker thread (capture-worker.mjs), for a process that does other work:
 * the server (routes, SSE) or a benchmark whose client shares the process. Same options and events
 * as `startCapture`; snapshot and stop answer across the thread.
 */
import { Worker } from 'node:worker_threads';
import type { Capture, CaptureEvent, ErrorCode } from '@gatherscope/shared';
import { AppError } from '../errors/app-error';
import type { CaptureOptions } from './recorder';

export interface CaptureThread {
  port: number;
  listenUrl: string;
  snapshot(): Promise<{ capture: Capture; openSockets: number }>;
  /** Ends the capture (its connections are cut) and the thread; the final record. */
  stop(): Promise<Capture>;
}

type Reply = { id: number; snapshot: Capture; openSockets: number };
type FromWorker =
  | { event: CaptureEvent }
  | { started: { port: number; listenUrl: string } }
  | { failed: { code?: ErrorCode; message: string; hint?: string; status?: number } }
  | Reply;

export async function startCaptureThread(opts: CaptureOptions): Promise<CaptureThread> {
  const { onEvent, now: _clock, ...data } = opts;
  const worker = new Worker(new URL('./capture-worker.mjs', import.meta.url), { workerData: data });
  const waiting = new Map<number, (r: Reply) => void>();
  let nextId = 1;
  const started = new Promise<{ port: number; listenUrl: string }>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if ('event' in m) onEvent?.(m.event);
      else if ('started' in m) resolve(m.started);
      else if ('failed' in m)
        reject(
          m.failed.code
            ? new AppError(m.failed.code, m.failed.message, {
                status: m.failed.status,
                ...(m.failed.hint ? { hint: m.failed.hint } : {}),
              })
            : new Error(m.failed.message),
        );
      else {
        waiting.get(m.id)?.(m);
        waiting.delete(m.id);
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the capture thread exited (${code})`)));
  });
  let info: { port: number; listenUrl: string };
  try {
    info = await started;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  const ask = (type: 'snapshot' | 'stop') =>
    new Promise<Reply>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      worker.postMessage({ type, id });
    });
  let stopped: Promise<Capture> | null = null;
  return {
    ...info,
    snapshot: async () => {
      const r = await ask('snapshot');
      return { capture: r.snapshot, openSockets: r.openSockets };
    },
    stop: () => {
      stopped ??= ask('stop').then(async (r) => {
        await worker.terminate();
        return r.snapshot;
      });
      return stopped;
    },
  };
}
