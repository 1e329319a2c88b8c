import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error';
import { plainIssue, prepareImport } from './import-record';

describe('importing a run', () => {
  it('names the first problem once, in words, and counts the rest', () => {
    let err: unknown;
    try {
      prepareImport({ format: 'gatherscope.run', run: { id: 'x', kind: 'profile', status: 'weird' } }, 'new');
    } catch (e) {
      err = e;
    }
    expect(isAppError(err)).toBe(true);
    if (!isAppError(err)) return;
    expect(err.message).toMatch(
      /^This file is not a Gatherscope run: run\.\w+ (is missing|should be)[^:]+\(and \d+ more problems\)\.$/,
    );
    expect(err.message).not.toMatch(/Invalid input/);
  });

  it('turns zod’s wording into a sentence about the field', () => {
    expect(plainIssue('Invalid input: expected string, received undefined')).toBe(
      'is missing (a text is needed)',
    );
    expect(plainIssue('Invalid input: expected array, received string')).toBe('should be a list, not a text');
    expect(plainIssue('Invalid option: expected one of "a"|"b"')).toBe('should be one of "a", "b"');
  });
});
