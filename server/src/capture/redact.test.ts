import type { Capture, CapturedStatement } from '@gatherscope/shared';
import { beforeAll, expect, it } from 'vitest';
import { REDACTED, redactCapture } from './redact';
import { loadSqlParser } from './sql-analysis';

beforeAll(() => loadSqlParser());

it('an export with redact keeps shapes and timings, not literals or parameters', () => {
  const s = {
    id: 's1',
    sql: "SELECT * FROM users WHERE email = 'ann@example.com' AND id = $1",
    params: ['1042', null],
    error: { sqlstate: '23505', message: 'Key (email)=(ann@example.com) already exists' },
    startMs: 1,
    endMs: 2,
  } as unknown as CapturedStatement;
  const c = { redacted: false, requests: [{ id: 'r1', statements: [s] }] } as unknown as Capture;
  const out = redactCapture(c);
  const r = out.requests[0]!.statements[0]!;
  expect(out.redacted).toBe(true);
  expect(r.sql).toBe('SELECT * FROM users WHERE email = $2 AND id = $1');
  expect(r.params).toEqual([REDACTED, null]);
  expect(r.error!.message).toBe(`Key (email)=${REDACTED} already exists`);
  expect([r.startMs, r.endMs]).toEqual([1, 2]);
  expect(s.sql).toContain('ann@example.com');
});
