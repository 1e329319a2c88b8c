import { describe, expect, it } from 'vitest';
import { isChunkLoadError } from './chunk-error';

describe('isChunkLoadError', () => {
  it.each([
    'Failed to fetch dynamically imported module: http://127.0.0.1:4317/assets/LoadTestPage-abc.js',
    'error loading dynamically imported module: http://127.0.0.1:4317/assets/MatrixPage-abc.js',
    'Importing a module script failed.',
    'Unable to preload CSS for /assets/history-abc.css',
  ])('knows a chunk that could not be downloaded: %s', (message) => {
    expect(isChunkLoadError(new TypeError(message))).toBe(true);
  });

  it('does not take a page that crashed for a download failure', () => {
    expect(isChunkLoadError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false);
    expect(isChunkLoadError(undefined)).toBe(false);
  });
});
