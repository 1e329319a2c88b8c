import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client';
import { embedLoadError } from './load-error';

describe('embedLoadError', () => {
  it('says a deleted run is gone, and what to do when the token keeps the run out of the frame', () => {
    expect(embedLoadError(new ApiRequestError('not_found', 'No run abc.', 404))).toBe(
      'This run does not exist any more on this Gatherscope.',
    );
    const token = embedLoadError(
      new ApiRequestError('unauthorized', 'This Gatherscope server needs its access token.', 401),
    );
    expect(token).toContain('same site as Gatherscope');
    expect(token).toContain('self-contained HTML export');
  });

  it('passes any other failure on with its own message', () => {
    expect(embedLoadError(new ApiRequestError('network', 'Gatherscope’s server is not reachable.', 0))).toBe(
      'The run could not be loaded: Gatherscope’s server is not reachable.',
    );
  });
});

describe('embedLoadError of a load test', () => {
  it('names the load test, not a run', () => {
    expect(embedLoadError(new ApiRequestError('not_found', 'No load test abc.', 404), 'load test')).toBe(
      'This load test does not exist any more on this Gatherscope.',
    );
    expect(embedLoadError(new ApiRequestError('unauthorized', 'Token needed.', 401), 'load test')).toContain(
      'self-contained HTML export of the load test',
    );
  });
});
