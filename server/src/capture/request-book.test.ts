import type { CapturedRequest, CapturedStatement } from '@gatherscope/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { endpointGroups } from './endpoints';
import { RequestBook } from './request-book';
import { analyseSql, loadSqlParser } from './sql-analysis';
import { hashValue } from './values';

beforeAll(() => loadSqlParser());

let n = 0;
function stmt(sql: string, connection: number, startMs: number, endMs: number, params: string[] = []) {
  const facts = analyseSql(sql);
  const s: CapturedStatement = {
    id: `s${++n}`,
    sql,
    params,
    paramTypes: params.map(() => 'unknown'),
    protocol: 'extended',
    statementName: '',
    startMs,
    endMs,
    firstRowMs: null,
    connection,
    backendPid: 100 + connection,
    user: 'u',
    database: 'd',
    applicationName: '',
    rows: 1,
    bytes: 10,
    commandTag: 'SELECT 1',
    outcome: 'ok',
    error: null,
    txStatus: 'idle',
    tags: facts.tags,
    fingerprint: facts.fingerprint,
    tablesRead: facts.tablesRead,
    tablesWritten: facts.tablesWritten,
    valueRefs: [],
  };
  return { s, facts };
}

function book(gapMs = 100, maxStatements = 1000) {
  const closed: CapturedRequest[] = [];
  const b = new RequestBook({ gapMs, traceIdleMs: 2000, maxStatements, onClosed: (r) => closed.push(r) });
  const add = (x: ReturnType<typeof stmt>, returned: Record<string, string> = {}) =>
    b.add(x.s, x.facts, new Map(Object.entries(returned).map(([col, v]) => [hashValue(v), col])));
  return { b, closed, add };
}

const tp = (trace: string) =>
  `/*route='%2Fdashboard',traceparent='00-${trace.padStart(32, '0')}-00f067aa0ba902b7-01'*/`;

describe('RequestBook', () => {
  it('groups untagged statements by pauses on each connection', () => {
    const { b, add } = book(100);
    const ids = [
      add(stmt('SELECT 1', 1, 0, 5)),
      add(stmt('SELECT 2', 1, 50, 60)),
      add(stmt('SELECT 3', 2, 55, 70)),
      add(stmt('SELECT 4', 1, 300, 310)),
    ];
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
    b.closeAll();
    const rs = b.requests();
    expect(rs.map((r) => [r.groupedBy, r.statements.length, r.connections])).toEqual([
      ['gap', 2, [1]],
      ['gap', 1, [2]],
      ['gap', 1, [1]],
    ]);
  });

  it('groups by trace id across connections, names the endpoint by route, and ranks by serial time', () => {
    const { b, add } = book();
    add(stmt(`SELECT 1 ${tp('a1')}`, 1, 0, 10));
    add(stmt(`SELECT 2 ${tp('b2')}`, 2, 1, 3));
    add(stmt(`SELECT 3 ${tp('a1')}`, 3, 12, 20));
    add(stmt(`SELECT 4 ${tp('a1')}`, 1, 25, 40));
    b.closeAll();
    const [a, bb] = b.requests();
    expect(a).toMatchObject({
      groupedBy: 'traceparent',
      traceId: '000000000000000000000000000000a1',
      tags: { route: '/dashboard' },
      endpoint: '/dashboard',
      wallMs: 40,
      dbMs: 33,
      serialMs: 18,
      serialStatements: 2,
      connections: [1, 3],
    });
    expect(bb!.statements).toHaveLength(1);
    const [group] = endpointGroups(b.requests());
    expect(group).toMatchObject({ endpoint: '/dashboard', namedBy: 'route', requests: 2, totalSerialMs: 18 });
  });

  it('links a later parameter or literal to the earlier statement that returned its value', () => {
    const { b, add } = book();
    const user = stmt('SELECT id, country FROM users WHERE id = $1', 1, 0, 1, ['7']);
    add(user, { id: '1042', country: 'DE' });
    const orders = stmt('SELECT id FROM orders WHERE user_id = $1', 1, 2, 3, ['1042']);
    add(orders, { id: '555' });
    const literal = stmt("SELECT * FROM reviews WHERE order_id = 555 AND body <> '1042' /* 555 */", 1, 4, 5);
    add(literal);
    expect(orders.s.valueRefs).toEqual([
      { use: { kind: 'param', index: 0 }, statementId: user.s.id, column: 'id' },
    ]);
    // The string '1042' is a literal too and does match; the comment's 555 is no token at all.
    expect(literal.s.valueRefs.map((r) => [r.use.kind, r.statementId, r.column])).toEqual([
      ['literal', orders.s.id, 'id'],
      ['literal', user.s.id, 'id'],
    ]);
    b.closeAll();
  });

  it('drops the oldest requests past the statement cap, and counts them', () => {
    const { b, add } = book(1, 3);
    for (let i = 0; i < 5; i++) add(stmt(`SELECT ${i}`, 1, i * 100, i * 100 + 1));
    b.closeAll();
    expect(b.requests().map((r) => r.statements[0]!.sql)).toEqual(['SELECT 2', 'SELECT 3', 'SELECT 4']);
    expect([b.droppedStatements, b.droppedRequests]).toEqual([2, 2]);
  });

  it('closes a gap request once its connection stayed idle past the gap', () => {
    const { b, closed, add } = book(100);
    add(stmt('SELECT 1', 1, 0, 5));
    b.closeIdle(50);
    expect(closed).toHaveLength(0);
    b.closeIdle(106);
    expect(closed.map((r) => r.statements.length)).toEqual([1]);
  });

  it('keeps a request open while its connection runs a statement that started within the gap', () => {
    const { b, closed, add } = book(100);
    const first = add(stmt('SELECT 1', 1, 0, 5));
    b.closeIdle(500, (c) => (c === 1 ? 50 : null));
    expect(closed).toHaveLength(0);
    expect(add(stmt('SELECT pg_sleep(1)', 1, 50, 600))).toBe(first);
    b.closeIdle(500, () => null);
    b.closeIdle(800, () => null);
    expect(closed.map((r) => r.statements.length)).toEqual([2]);
  });

  it('lets a late statement of a closed trace rejoin its request', () => {
    const { b, add } = book(100);
    const id = add(stmt(`SELECT 1 ${tp('c3')}`, 1, 0, 5));
    b.closeIdle(5000);
    expect(add(stmt(`SELECT 2 ${tp('c3')}`, 2, 1, 6000))).toBe(id);
    b.closeAll();
    expect(b.requests().map((r) => r.statements.length)).toEqual([2]);
  });
});
