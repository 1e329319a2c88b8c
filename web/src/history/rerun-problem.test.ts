import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client';
import { rerunProblem } from './rerun-problem';

const missingConnection = new ApiRequestError(
  'not_found',
  'There is no saved connection with id "c_elsewhere".',
  404,
  'It may have been removed. GET /api/connections lists the saved connections.',
  [{ path: 'target.id', message: 'unknown connection' }],
);

describe('rerunProblem', () => {
  it('says why a run on a connection this install lacks cannot start, and opens its form to pick another', () => {
    const p = rerunProblem(missingConnection, { kind: 'profile', id: 'r 1' });
    expect(p.text).toContain('imported from another Gatherscope');
    expect(p.text).not.toContain('GET /api/connections');
    expect(p.link).toEqual({ href: '/profile?run=r%201', label: 'Open in the Profile form' });
    const load = rerunProblem(missingConnection, { kind: 'load', id: 'l 1' });
    expect(load.text).toContain('Load test form');
    expect(load.link).toEqual({ href: '/load/l%201', label: 'Open in the Load test form' });
  });

  it('passes any other error on with its message and hint', () => {
    const busy = new ApiRequestError('run_limit_reached', 'Two runs are already running.', 429, 'Wait.');
    expect(rerunProblem(busy, { kind: 'profile', id: 'r1' })).toEqual({
      text: 'Could not start it again: Two runs are already running. Wait.',
    });
    const otherNotFound = new ApiRequestError('not_found', 'There is no run with id "x".', 404);
    expect(rerunProblem(otherNotFound, { kind: 'profile', id: 'x' }).link).toBeUndefined();
  });
});
