import { describe, expect, it } from 'vitest';
import { compareHref, isPicked, noPick, pick } from './compare-pick';
import type { HistoryItem } from './items';

const item = (kind: HistoryItem['kind'], id: string): HistoryItem => ({
  id,
  kind,
  createdAt: '2026-12-06T10:00:00Z',
  status: 'completed',
  workloadName: 'user-dashboard',
  databaseName: 'gatherscope_demo',
  strategies: [],
  headline: '',
  href: '',
  imported: false,
});

describe("History's compare pick", () => {
  it('compares two load tests on the load compare page, in picking order', () => {
    const p = pick(pick(noPick, item('load', 'l1')), item('load', 'l2'));
    expect(p).toEqual({ kind: 'load', ids: ['l1', 'l2'] });
    expect(compareHref(p)).toBe('/compare/load?a=l1&b=l2');
    expect(compareHref(pick(pick(noPick, item('profile', 'r1')), item('profile', 'r2')))).toBe(
      '/compare?a=r1&b=r2',
    );
  });

  it('keeps the last two, unticks, and starts again when the other kind is ticked', () => {
    let p = pick(pick(pick(noPick, item('load', 'a')), item('load', 'b')), item('load', 'c'));
    expect(p.ids).toEqual(['b', 'c']);
    p = pick(p, item('load', 'b'));
    expect(p.ids).toEqual(['c']);
    p = pick(p, item('profile', 'r'));
    expect(p).toEqual({ kind: 'profile', ids: ['r'] });
    expect(isPicked(p, item('load', 'c'))).toBe(false);
    expect(pick(p, item('capture', 'x'))).toBe(p);
  });
});
