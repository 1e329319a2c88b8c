import type { RequestGraph } from '@gatherscope/shared';

/** How a replay treats a request's writes, in the words the panel and the replay result use. */
export type WriteReplayNote =
  | { kind: 'none' }
  | { kind: 'rolled-back'; text: string }
  | { kind: 'refused'; text: string };

const list = (ids: readonly string[]) => ids.join(', ');

/**
 * What the user must know before replaying a request that writes: which statements write, that
 * they run (with what must see them) in one transaction per trial that is rolled back, or why
 * this database refuses that and how to allow it.
 */
export function writeReplayNote(
  g: Pick<RequestGraph, 'writes' | 'rolledBack' | 'writeReplay'>,
): WriteReplayNote {
  if (g.writes.length === 0) return { kind: 'none' };
  const writes = `Writes: ${list(g.writes)}.`;
  if (g.writeReplay && !g.writeReplay.allowed)
    return {
      kind: 'refused',
      text: [writes, g.writeReplay.message, g.writeReplay.hint].filter(Boolean).join(' '),
    };
  const others = g.rolledBack.filter((id) => !g.writes.includes(id));
  const withThem = others.length > 0 ? ` with ${list(others)} (they must see the writes)` : '';
  return {
    kind: 'rolled-back',
    text: `${writes} A replay runs them${withThem} in one transaction per trial, on one connection and in order, and rolls it back: nothing is committed. The other statements run read-only beside it.`,
  };
}

/** The replay result's line for a run whose writes were rolled back; null when it only read. */
export function rolledBackSentence(writes: readonly string[], rolledBack: readonly string[]): string | null {
  if (rolledBack.length === 0) return null;
  return `${writes.length > 0 ? `The writes (${list(writes)})` : 'The writes'} ran in a transaction that was rolled back after every trial (${list(rolledBack)} on one connection): the database holds what it held before.`;
}
