import { describe, expect, it } from 'vitest';
import { generateParams } from './params';
import { seededRandom } from './random';

describe('generateParams', () => {
  it('turns literals into text values and keeps null', () => {
    expect(generateParams(['a', 7, true, null], new Map())).toEqual({
      ok: true,
      values: ['a', '7', 'true', null],
    });
  });

  it('draws random integers inside the range and picks from the list, afresh each call', () => {
    const random = seededRandom(1);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const r = generateParams(
        [
          { kind: 'randomInt', min: 3, max: 5 },
          { kind: 'pick', values: ['x', 'y'] },
        ],
        new Map(),
        random,
      );
      if (!r.ok) throw new Error(r.reason);
      expect(['3', '4', '5']).toContain(r.values[0]);
      expect(['x', 'y']).toContain(r.values[1]);
      seen.add(r.values.join());
    }
    expect(seen.size).toBe(6);
  });

  it('reads a ref from the first row of its query, and says why when it cannot', () => {
    const rows = new Map([
      ['user', { id: '42', country: 'DE' }],
      ['empty', null],
    ]);
    expect(generateParams([{ kind: 'ref', query: 'user', column: 'country' }], rows)).toEqual({
      ok: true,
      values: ['DE'],
    });
    expect(generateParams([{ kind: 'ref', query: 'empty', column: 'id' }], rows)).toEqual({
      ok: false,
      reason: '"empty" returned no row to take "id" from',
    });
    const missing = generateParams([{ kind: 'ref', query: 'user', column: 'nope' }], rows);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.reason).toContain('it has id, country');
  });
});

describe('shared random parameters', () => {
  it('draw one value per trial for the same key, and independent values otherwise', () => {
    let n = 0;
    const random = () => (n++ % 10) / 10;
    const drawn = new Map<string, string>();
    const spec = { kind: 'randomInt', min: 1, max: 1000, shared: 'user' } as const;
    const a = generateParams([spec], new Map(), random, drawn);
    const b = generateParams([spec, { kind: 'randomInt', min: 1, max: 1000 }], new Map(), random, drawn);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.values[0]).toBe(a.values[0]);
    expect(b.values[1]).not.toBe(a.values[0]);
    const nextTrial = generateParams([spec], new Map(), random, new Map());
    expect(nextTrial.ok && nextTrial.values[0]).not.toBe(a.values[0]);
  });
});
