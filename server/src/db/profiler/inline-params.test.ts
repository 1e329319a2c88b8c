import { beforeAll, describe, expect, it } from 'vitest';
import { inlineParams, loadInliner, quoteLiteral } from './inline-params';

describe('inlining parameters for the simple query protocol', () => {
  beforeAll(() => loadInliner());

  it('quotes every value as an escaped string constant, NULL as NULL', () => {
    expect(quoteLiteral("it's")).toBe("E'it''s'");
    expect(quoteLiteral('back\\slash')).toBe("E'back\\\\slash'");
    expect(quoteLiteral('42')).toBe("E'42'");
    expect(quoteLiteral(null)).toBe('NULL');
    expect(() => quoteLiteral('a\0b')).toThrow(/NUL/);
  });

  it('replaces only real placeholders, never one inside a string, a comment or a dollar quote', () => {
    const sql = "SELECT '$1' AS s, $1::int AS a -- $2\n, $$ $2 $$ AS d /* $2 */, $2 AS b";
    expect(inlineParams(sql, ['7', "x'y"])).toBe(
      "SELECT '$1' AS s,  E'7'::int AS a -- $2\n, $$ $2 $$ AS d /* $2 */,  E'x''y' AS b",
    );
  });

  it('keeps the text around placeholders intact, multibyte characters included', () => {
    expect(inlineParams("SELECT 'été' AS x, $1 AS y", ['ü'])).toBe("SELECT 'été' AS x,  E'ü' AS y");
    expect(inlineParams('SELECT 1', [])).toBe('SELECT 1');
  });

  it('refuses a placeholder with no value, as the server does', () => {
    expect(() => inlineParams('SELECT $2', ['1'])).toThrow('there is no parameter $2');
  });

  it('an injection attempt stays one string constant', () => {
    const out = inlineParams('SELECT $1 AS v', ["'; DELETE FROM users; --"]);
    expect(out).toBe("SELECT  E'''; DELETE FROM users; --' AS v");
  });
});
