import { describe, expect, it } from 'vitest';
import { describeErrorKey, errorKey, sessionError } from './error-key';

describe('errorKey', () => {
  it('groups by SQLSTATE when the database sent one, else by a client-side reason', () => {
    expect(errorKey({ code: '57014', message: 'canceling statement due to user request' })).toBe('57014');
    expect(errorKey({ code: '53300', message: 'sorry, too many clients already' })).toBe('53300');
    expect(errorKey(new Error('timeout exceeded when trying to connect'))).toBe('pool-timeout');
    expect(errorKey({ code: 'ECONNRESET', message: 'read ECONNRESET' })).toBe('connection');
    expect(errorKey(new Error('Connection terminated unexpectedly'))).toBe('connection');
    expect(errorKey({ code: 'cancelled' })).toBe('cancelled');
    expect(errorKey(undefined)).toBe('connection');
    expect(errorKey({ code: 'too-many-rows' })).toBe('too-many-rows');
    expect(errorKey({ code: 'result-too-large' })).toBe('result-too-large');
    expect(errorKey(sessionError({ kind: 'read-write', message: 'x' }))).toBe('session-read-write');
    expect(errorKey(sessionError({ kind: 'open-transaction', message: 'x' }))).toBe(
      'session-open-transaction',
    );
    expect(errorKey(sessionError({ kind: 'role', message: 'x' }))).toBe('session-role');
  });

  it('explains each group in words', () => {
    expect(describeErrorKey('53300')).toMatch(/max_connections/);
    expect(describeErrorKey('pool-timeout')).toMatch(/pool exhausted/);
    expect(describeErrorKey('42P01')).toBe('SQLSTATE 42P01');
    expect(describeErrorKey('too-many-rows')).toMatch(/10,000 rows/);
    expect(describeErrorKey('result-too-large')).toMatch(/16 MB/);
    expect(describeErrorKey('session-role')).toMatch(/role: the connection was cut off/);
  });
});
