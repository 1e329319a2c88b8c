import { beforeAll, describe, expect, it } from 'vitest';
import { analyseSql, loadSqlParser, redactSql, splitStatements } from './sql-analysis';

beforeAll(() => loadSqlParser());

describe('SQL analysis through PostgreSQL’s parser', () => {
  it('splits where the server splits, not at every semicolon', () => {
    expect(splitStatements("SELECT ';' AS a; /* ; */ SELECT 2")).toEqual([
      "SELECT ';' AS a",
      '/* ; */ SELECT 2',
    ]);
    expect(splitStatements('SELECT 1')).toEqual(['SELECT 1']);
    expect(splitStatements('SELEC 1; SELECT 2')).toEqual(['SELEC 1; SELECT 2']);
  });

  it('finds tables read and written, ignoring CTE names', () => {
    const f = analyseSql(
      'WITH recent AS (SELECT * FROM orders) INSERT INTO audit (n) SELECT count(*) FROM recent JOIN users u ON true',
    );
    expect(f.tablesWritten).toEqual(['audit']);
    expect(f.tablesRead).toEqual(['orders', 'users']);
    expect(analyseSql('UPDATE shop.orders SET status = $1').tablesWritten).toEqual(['shop.orders']);
  });

  it('lists literals from real tokens: not inside comments, quoted identifiers or other strings', () => {
    const f = analyseSql(`SELECT "1042" FROM t /* 1042 */ WHERE a = 1042 AND b = 'it''s' AND c = 'x 1042'`);
    expect(f.literals.map((l) => l.value)).toEqual(['1042', "it's", 'x 1042']);
    expect(f.literals[0]!.offset).toBe(`SELECT "1042" FROM t /* 1042 */ WHERE a = `.length);
  });

  it('reads sqlcommenter tags appended or prepended, and fingerprints ignore them', () => {
    const tp = '00-5bd66ef5095369c7b0d1f8f4bd33716a-c532cb4098ac3dd2-01';
    const appended = analyseSql(
      `SELECT * FROM users WHERE id = 1 /*route='%2Fdashboard',traceparent='${tp}'*/`,
    );
    const prepended = analyseSql(`/*dde='prod',traceparent='${tp}'*/ SELECT * FROM users WHERE id = 2`);
    expect(appended.tags).toEqual({ route: '/dashboard', traceparent: tp });
    expect(prepended.tags).toEqual({ dde: 'prod', traceparent: tp });
    expect(appended.fingerprint).toBe(prepended.fingerprint);
  });

  it('redacts literals', () => {
    expect(redactSql("SELECT * FROM users WHERE email = 'a@b.c' AND id = 7")).toBe(
      'SELECT * FROM users WHERE email = $1 AND id = $2',
    );
  });
});
