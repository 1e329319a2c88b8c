import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it('extracts params', () => {
    expect(matchPath('/runs/:id', '/runs/abc%20d')).toEqual({ id: 'abc d' });
  });
  it('rejects other paths', () => {
    expect(matchPath('/runs/:id', '/runs')).toBeNull();
    expect(matchPath('/runs/:id', '/history/x')).toBeNull();
  });
});
