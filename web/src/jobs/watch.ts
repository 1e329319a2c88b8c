import { type QueryClient, type QueryKey, QueryObserver } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { StreamState } from './event-stream';
import { followJob } from './follow';
import type { LiveJobBase, LiveJobKind } from './kind';

export interface JobStream {
  state: StreamState;
  detail?: string | undefined;
}

/** A job this tab follows, as the "in progress" notice needs it. */
export interface WatchedJob {
  id: string;
  label: string;
  href: string;
  shows: (location: { pathname: string; search: string }) => boolean;
}

interface Watch {
  job: WatchedJob;
  stream: JobStream;
  running: boolean;
}

/**
 * The jobs this tab follows, outside any page. The server stops a job nobody watches (after its
 * viewer grace), so the stream of a job started or opened here stays open while the user moves
 * between the app's pages, reconnects after a reload (the page opens it again within the grace),
 * and closes when the job ends, or when the tab closes, which is what should stop it.
 */
const watches = new Map<string, Watch>();
const listeners = new Set<() => void>();
let running: readonly WatchedJob[] = [];

const keyOf = (kind: { label: string }, id: string) => `${kind.label}\u0000${id}`;

/** Where the tab keeps the jobs it follows across a reload (sessionStorage: this tab only, gone with it). */
const SESSION_KEY = 'gatherscope.followed-jobs';

function changed(): void {
  running = [...watches.values()].filter((w) => w.running).map((w) => w.job);
  remember(running);
  for (const l of listeners) l();
}

function remember(jobs: readonly WatchedJob[]): void {
  try {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(jobs.map((j) => ({ label: j.label, id: j.id }))));
  } catch {
    // No storage (private mode, a test without a DOM): a reload then reconnects only the job's own page.
  }
}

/**
 * Follows again the jobs of this kind that the tab followed before a reload, whatever page was
 * reloaded: the server waits 5 s for a viewer to come back, and the reloaded tab is that viewer.
 */
export function resumeFollowedJobs<L extends LiveJobBase, E extends { type: string }, K extends QueryKey>(
  client: QueryClient,
  kind: LiveJobKind<L, E, K>,
): void {
  let saved: unknown;
  try {
    saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? '[]');
  } catch {
    return;
  }
  if (!Array.isArray(saved)) return;
  for (const entry of saved as { label?: unknown; id?: unknown }[]) {
    if (entry?.label === kind.label && typeof entry.id === 'string') watchJob(client, kind, entry.id);
  }
}

/** Follows a running job's stream into the query cache until it ends; once per job. */
export function watchJob<L extends LiveJobBase, E extends { type: string }, K extends QueryKey>(
  client: QueryClient,
  kind: LiveJobKind<L, E, K>,
  id: string,
): void {
  const key = keyOf(kind, id);
  if (watches.get(key)?.running) return;
  const watch: Watch = {
    job: { id, label: kind.label, href: kind.href(id), shows: (at) => kind.shows(id, at) },
    stream: { state: 'idle' },
    running: true,
  };
  watches.set(key, watch);
  // The observer also keeps the live job in the cache (not garbage-collected) while no page shows it.
  const observer = new QueryObserver(client, kind.liveQuery(id));
  let close: (() => void) | undefined;
  let unsubscribe = () => {};
  const sync = () => {
    if (!watch.running) return;
    const r = observer.getCurrentResult();
    const status = r.data?.status;
    if (status === 'running' && !close) {
      close = followJob(client, kind, id, (state, detail) => {
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

const idle: JobStream = { state: 'idle' };

/** The state of the stream of a job this tab follows (idle for one it does not). */
export function useJobStream(kind: { label: string }, id: string | undefined): JobStream {
  return useSyncExternalStore(subscribe, () => (id && watches.get(keyOf(kind, id))?.stream) || idle);
}

/** The jobs this tab follows that are still running, oldest first. */
export const runningJobs = (): readonly WatchedJob[] => running;

export function useRunningJobs(): readonly WatchedJob[] {
  return useSyncExternalStore(subscribe, runningJobs);
}
