import type { CapturedRequest, CapturedStatement } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { inferDependencies } from './infer';
import { rolledBackGroup } from './rolled-back-group';

let clock = 0;
const stmt = (id: string, sql: string, o: Partial<CapturedStatement> = {}): CapturedStatement => {
  clock += 10;
  return {
    id,
    sql,
    params: [],
    paramTypes: [],
    protocol: 'extended',
    statementName: '',
    startMs: clock,
    endMs: clock + 5,
    firstRowMs: null,
    connection: 1,
    backendPid: 1,
    user: 'app',
    database: 'shop',
    applicationName: 'app',
    rows: 1,
    bytes: 10,
    commandTag: 'SELECT 1',
    outcome: 'ok',
    error: null,
    txStatus: 'idle',
    tags: {},
    fingerprint: null,
    tablesRead: [],
    tablesWritten: [],
    valueRefs: [],
    ...o,
  };
};
const request = (statements: CapturedStatement[]): CapturedRequest => ({
  id: 'r1',
  groupedBy: 'traceparent',
  traceId: null,
  tags: {},
  endpoint: '/x',
  startMs: 0,
  wallMs: 100,
  dbMs: 50,
  serialMs: 40,
  serialStatements: statements.length - 1,
  connections: [1],
  statements,
});

describe('the statements a replay runs in its transaction that is rolled back', () => {
  it('is empty for a request that only reads', () => {
    const r = request([stmt('a', 'SELECT 1', { tablesRead: ['users'] })]);
    expect(rolledBackGroup(r).size).toBe(0);
  });

  it('holds the writes and the reads of what they wrote, not the reads before them or of other tables', () => {
    const r = request([
      stmt('user', 'SELECT * FROM users WHERE id = 1', { tablesRead: ['users'] }),
      stmt('insert', 'INSERT INTO orders … RETURNING id', {
        tablesWritten: ['orders'],
        commandTag: 'INSERT 0 1',
      }),
      // Uses the returned id AND reads orders: the data edge hides the write-read one in the graph,
      // yet it must see the uncommitted row.
      stmt('order', 'SELECT * FROM orders WHERE id = $1', {
        tablesRead: ['orders'],
        valueRefs: [{ statementId: 'insert', column: 'id', use: { kind: 'param', index: 0 } }],
      }),
      stmt('products', 'SELECT count(*) FROM products', { tablesRead: ['products'] }),
      stmt('touch', 'UPDATE users SET seen = now() WHERE id = 1', {
        tablesRead: ['users'],
        tablesWritten: ['users'],
        commandTag: 'UPDATE 1',
      }),
    ]);
    const graph = inferDependencies(r);
    expect(graph.edges.find((e) => e.from === 'insert' && e.to === 'order')?.kind).toBe('data');
    expect([...rolledBackGroup(r)].sort()).toEqual(['insert', 'order', 'touch']);
  });

  it('takes in a whole explicit transaction that writes, and no other', () => {
    const inTx = { txStatus: 'transaction' as const };
    const r = request([
      stmt('begin', 'BEGIN', { ...inTx, commandTag: 'BEGIN' }),
      stmt('read', 'SELECT * FROM users WHERE id = 1', { ...inTx, tablesRead: ['users'] }),
      stmt('update', 'UPDATE orders SET status = $1', {
        ...inTx,
        tablesWritten: ['orders'],
        commandTag: 'UPDATE 3',
      }),
      stmt('commit', 'COMMIT', { commandTag: 'COMMIT' }),
      stmt('other', 'SELECT count(*) FROM reviews', { tablesRead: ['reviews'] }),
      stmt('begin2', 'BEGIN', { ...inTx, commandTag: 'BEGIN' }),
      stmt('readonly', 'SELECT * FROM products', { ...inTx, tablesRead: ['products'] }),
      stmt('commit2', 'COMMIT', { commandTag: 'COMMIT' }),
    ]);
    expect([...rolledBackGroup(r)].sort()).toEqual(['begin', 'commit', 'read', 'update']);
  });
});
