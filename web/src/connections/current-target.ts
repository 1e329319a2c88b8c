import type { DatabaseTarget } from '@gatherscope/shared';
import { useSyncExternalStore } from 'react';

/**
 * The database the user is working on: the one chosen in the last database picker shown (Profile,
 * Load). The status bar shows that database, not always the default one. Kept for the page's life:
 * a reload starts on the default database, as the forms do.
 */
let current: DatabaseTarget = { kind: 'default' };
const listeners = new Set<() => void>();

const same = (a: DatabaseTarget, b: DatabaseTarget) =>
  a.kind === b.kind && (a.kind === 'default' || (b.kind === 'connection' && a.id === b.id));

export function setCurrentTarget(t: DatabaseTarget): void {
  if (same(current, t)) return;
  current = t;
  for (const l of listeners) l();
}

export function getCurrentTarget(): DatabaseTarget {
  return current;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useCurrentTarget(): DatabaseTarget {
  return useSyncExternalStore(subscribe, getCurrentTarget);
}
