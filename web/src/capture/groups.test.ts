import { describe, expect, it } from 'vitest';
import { groupRequests, serialLine } from './groups';
import { request } from './test-fixtures';

describe('request groups', () => {
  it('groups by endpoint, ranked by time spent waiting one after another, and says how they were grouped', () => {
    const groups = groupRequests([
      request('a', '/dashboard', 40),
      request('b', '/dashboard', 42),
      request('c', '/dashboard', 50),
      request('d', '/health', 2, false, { groupedBy: 'gap' }),
    ]);
    expect(groups.map((g) => g.endpoint)).toEqual(['/dashboard', '/health']);
    expect(groups[0]).toMatchObject({
      medianWallMs: 42,
      medianStatements: 3,
      allSerial: true,
      byPause: false,
    });
    expect(groups[1]).toMatchObject({ allSerial: false, byPause: true });
    expect(serialLine(request('a', '/x', 1))).toBe('3 statements, all serial');
    expect(serialLine(request('a', '/x', 1, false))).toBe('3 statements, 2 one after another');
  });
});
