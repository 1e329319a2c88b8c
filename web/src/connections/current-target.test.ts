import { describe, expect, it } from 'vitest';
import { getCurrentTarget, setCurrentTarget } from './current-target';

describe('the current database target', () => {
  it('starts on the default database and follows the last choice', () => {
    expect(getCurrentTarget()).toEqual({ kind: 'default' });
    setCurrentTarget({ kind: 'connection', id: 'c1' });
    expect(getCurrentTarget()).toEqual({ kind: 'connection', id: 'c1' });
    const before = getCurrentTarget();
    setCurrentTarget({ kind: 'connection', id: 'c1' });
    // The same choice again is the same value: subscribers are not woken for nothing.
    expect(getCurrentTarget()).toBe(before);
    setCurrentTarget({ kind: 'default' });
    expect(getCurrentTarget()).toEqual({ kind: 'default' });
  });
});
