import { describe, expect, it } from 'vitest';
import { UsageError } from './command';
import { parseFlags } from './flags';

const options = {
  iterations: { type: 'string', short: 'n' },
  'bounded-k': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const problem = (args: string[]) => {
  try {
    parseFlags(args, options);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
};

describe('command-line flags', () => {
  it('suggests the flag a misspelled one meant', () => {
    expect(problem(['--iteratons', '5'])).toBe('Unknown option --iteratons — did you mean --iterations?');
    expect(problem(['--bounded_k', '2'])).toBe('Unknown option --bounded_k — did you mean --bounded-k?');
    expect(problem(['--frobnicate'])).toBe('Unknown option --frobnicate.');
  });

  it('says in one line what a stray or missing value is', () => {
    expect(problem(['stray'])).toBe(
      'Unexpected argument "stray": every value follows its flag (--flag value).',
    );
    expect(problem(['--iterations'])).toBe('--iterations needs a value.');
  });
});
