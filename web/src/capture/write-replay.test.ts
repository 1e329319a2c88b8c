import { describe, expect, it } from 'vitest';
import { rolledBackSentence, writeReplayNote } from './write-replay';

describe('what the panel says about a request that writes', () => {
  it('says nothing for a request that only reads', () => {
    expect(writeReplayNote({ writes: [], rolledBack: [], writeReplay: null })).toEqual({ kind: 'none' });
    expect(rolledBackSentence([], [])).toBeNull();
  });

  it('names the writes and what must see them, and that the transaction is rolled back', () => {
    const note = writeReplayNote({
      writes: ['favorites', 'users'],
      rolledBack: ['favorites', 'favorites_2', 'users'],
      writeReplay: { allowed: true },
    });
    expect(note.kind).toBe('rolled-back');
    expect(note.kind !== 'none' && note.text).toMatch(
      /^Writes: favorites, users\. A replay runs them with favorites_2 \(they must see the writes\) in one transaction per trial.*rolls it back: nothing is committed\./,
    );
    expect(rolledBackSentence(['favorites'], ['favorites', 'favorites_2'])).toMatch(
      /^The writes \(favorites\) ran in a transaction that was rolled back after every trial/,
    );
  });

  it('gives the refusal and its fix on a database that is read-only for replays', () => {
    const note = writeReplayNote({
      writes: ['orders'],
      rolledBack: ['orders'],
      writeReplay: {
        allowed: false,
        message: 'This request writes (orders), and staging is read-only for replays.',
        hint: 'Turn on "Allow writes" for this connection.',
      },
    });
    expect(note).toEqual({
      kind: 'refused',
      text: 'Writes: orders. This request writes (orders), and staging is read-only for replays. Turn on "Allow writes" for this connection.',
    });
  });
});
