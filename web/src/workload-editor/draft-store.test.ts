import { describe, expect, it } from 'vitest';
import { draftFromWorkload } from './draft';
import { type DraftStorage, loadStoredDraft, storeDraft } from './draft-store';

const memory = (): DraftStorage & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
};

describe('the stored workload draft', () => {
  it('comes back as typed, with the mode, and fresh keys', () => {
    const s = memory();
    const draft = draftFromWorkload({
      name: 'Checkout',
      queries: [
        {
          id: 'cart',
          sql: 'SELECT * FROM carts WHERE id = $1',
          params: [{ kind: 'randomInt', min: 1, max: 9 }],
        },
        { id: 'items', sql: 'SELECT 1', dependsOn: ['cart'] },
      ],
    });
    storeDraft({ mode: 'custom', draft }, s);
    const back = loadStoredDraft(s);
    expect(back?.mode).toBe('custom');
    expect(back?.draft?.queries.map(({ key: _k, ...q }) => q)).toEqual(
      draft.queries.map(({ key: _k, ...q }) => q),
    );
    expect(back?.draft?.queries[0]?.key).not.toBe(draft.queries[0]?.key);
  });

  it('ignores what it cannot read instead of breaking the page', () => {
    const s = memory();
    s.setItem('gatherscope.workload-draft.v1', '{not json');
    expect(loadStoredDraft(s)).toBeNull();
    s.setItem('gatherscope.workload-draft.v1', JSON.stringify({ mode: 'custom', draft: { name: 1 } }));
    expect(loadStoredDraft(s)).toBeNull();
    expect(loadStoredDraft(null)).toBeNull();
  });

  it('keeps working when the storage refuses writes', () => {
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(() => storeDraft({ mode: 'builtin', draft: null }, full)).not.toThrow();
  });
});
