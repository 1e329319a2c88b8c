import { type QueryClient, QueryObserver } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { StreamState } from './event-stream';
import { followRun, liveRunQuery } from './runs';

export interface RunStream {
  state: StreamState;
  detail?: string | undefined;
}

interface Watch {
  stream: RunStream;
  running: boolean;
}

/**
 * The runs this tab follows, outside any page: the server cancels a run nobody watches, so the
 * stream of a run started or opened here stays open while the user moves between the app's pages,
 * and closes when the run ends (or the tab closes, which is what should stop it).
 */
const watches = new Map<string, Watch>();
const listeners = new Set<() => void>();
let runningIds: readonly string[] = [];

function changed(): void {
  runningIds = [...watches].filter(([, w]) => w.running).map(([id]) => id);
  for (const l of listeners) l();
}

/** Follows a running run's stream into the query cache until it ends; once per run. */
export function watchRun(client: QueryClient, id: string): void {
  if (watches.has(id)) return;
  const watch: Watch = { stream: { state: 'idle' }, running: true };
  watches.set(id, watch);
  // The observer also keeps the live run in the cache (not garbage-collected) while no page shows it.
  const observer = new QueryObserver(client, liveRunQuery(id));
  let close: (() => void) | undefined;
  let unsubscribe = () => {};
  const sync = () => {
    if (!watch.running) return;
    const r = observer.getCurrentResult();
    const status = r.data?.status;
    if (status === 'running' && !close) {
      close = followRun(client, id, (state, detail) => {
        watch.stream = { state, detail };
        changed();
      });
    } else if ((status && status !== 'running') || r.isError) {
      close?.();
      unsubscribe();
      watch.running = false;
      changed();
    }
  };
  unsubscribe = observer.subscribe(sync);
  sync();
  changed();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The state of the stream of a watched run (idle for one this tab does not follow). */
export function useRunStream(id: string | undefined): RunStream {
  return useSyncExternalStore(subscribe, () => (id && watches.get(id)?.stream) || idle);
}

const idle: RunStream = { state: 'idle' };

/** Ids of the runs this tab follows that are still running, oldest first. */
export function useRunningRuns(): readonly string[] {
  return useSyncExternalStore(subscribe, () => runningIds);
}
