import type { HistoryItem } from './items';

/** What History's "Compare selected" will compare: up to two items of one kind, in picking order. */
export interface Picked {
  kind: 'profile' | 'load';
  ids: string[];
}

export const noPick: Picked = { kind: 'profile', ids: [] };

/**
 * Ticks or unticks an item. A third pick drops the oldest; an item of the other kind starts a new
 * pick, since a profile run and a load test measure different things and cannot be compared.
 */
export function pick(p: Picked, i: HistoryItem): Picked {
  if (i.kind === 'capture') return p;
  if (i.kind !== p.kind) return { kind: i.kind, ids: [i.id] };
  return {
    kind: p.kind,
    ids: p.ids.includes(i.id) ? p.ids.filter((x) => x !== i.id) : [...p.ids, i.id].slice(-2),
  };
}

export const isPicked = (p: Picked, i: HistoryItem) => p.kind === i.kind && p.ids.includes(i.id);

/** The compare page of the pick: runs at /compare, load tests at /compare/load. */
export function compareHref(p: Picked): string {
  const [a = '', b = ''] = p.ids;
  const q = `a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
  return p.kind === 'load' ? `/compare/load?${q}` : `/compare?${q}`;
}
