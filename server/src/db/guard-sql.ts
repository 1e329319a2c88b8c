/**
 * A small SQL tokenizer for the statement policy (guard.ts). It only needs to know what is code
 * and what is not: comments, string literals (standard, E'', dollar-quoted) and quoted
 * identifiers are recognised the way PostgreSQL's lexer does, so a word hidden in a comment or a
 * string is never mistaken for a call, and a call is never hidden from the policy by one.
 */
export type SqlToken =
  | { kind: 'word'; text: string }
  | { kind: 'quoted'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'punct'; text: string }
  | { kind: 'unicode-ident' };

export class SqlLexError extends Error {}

export function tokenize(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i] ?? '';
    const next = sql[i + 1] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '-' && next === '-') {
      while (i < n && sql[i] !== '\n') i += 1;
    } else if (ch === '/' && next === '*') {
      // Block comments nest in PostgreSQL.
      let depth = 0;
      do {
        if (sql.startsWith('/*', i)) {
          depth += 1;
          i += 2;
        } else if (sql.startsWith('*/', i)) {
          depth -= 1;
          i += 2;
        } else {
          i += 1;
        }
        if (i >= n && depth > 0) throw new SqlLexError('an unterminated /* comment');
      } while (depth > 0);
    } else if ((ch === 'U' || ch === 'u') && next === '&' && (sql[i + 2] === '"' || sql[i + 2] === "'")) {
      if (sql[i + 2] === '"') {
        out.push({ kind: 'unicode-ident' });
        i = skipQuoted(sql, i + 2, '"');
      } else {
        const end = skipQuoted(sql, i + 2, "'");
        out.push({ kind: 'string', text: sql.slice(i + 3, end - 1) });
        i = end;
      }
    } else if ((ch === 'E' || ch === 'e') && next === "'") {
      const end = skipEscapedString(sql, i + 1);
      out.push({ kind: 'string', text: sql.slice(i + 2, end - 1) });
      i = end;
    } else if (ch === "'") {
      const end = skipQuoted(sql, i, "'");
      out.push({ kind: 'string', text: sql.slice(i + 1, end - 1).replaceAll("''", "'") });
      i = end;
    } else if (ch === '"') {
      const end = skipQuoted(sql, i, '"');
      out.push({ kind: 'quoted', text: sql.slice(i + 1, end - 1).replaceAll('""', '"') });
      i = end;
    } else if (ch === '$' && /[A-Za-z_$]/.test(next)) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (!tag) {
        i += 1;
        continue;
      }
      const close = sql.indexOf(tag[0], i + tag[0].length);
      if (close < 0) throw new SqlLexError('an unterminated dollar-quoted string');
      out.push({ kind: 'string', text: sql.slice(i + tag[0].length, close) });
      i = close + tag[0].length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
      const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(sql.slice(i));
      const word = m?.[0] ?? ch;
      out.push({ kind: 'word', text: word.toLowerCase() });
      i += word.length;
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9][0-9a-zA-Z_.]*/.exec(sql.slice(i));
      i += m?.[0].length ?? 1;
    } else {
      out.push({ kind: 'punct', text: ch });
      i += 1;
    }
  }
  return out;
}

/** Index just past a '…' or "…" run where the quote is escaped by doubling it. */
function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const at = sql.indexOf(quote, i);
    if (at < 0) throw new SqlLexError(`an unterminated ${quote === '"' ? 'quoted identifier' : 'string'}`);
    if (sql[at + 1] === quote) {
      i = at + 2;
      continue;
    }
    return at + 1;
  }
}

/** E'…' strings also accept backslash escapes. */
function skipEscapedString(sql: string, start: number): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === '\\') i += 2;
    else if (ch === "'" && sql[i + 1] === "'") i += 2;
    else if (ch === "'") return i + 1;
    else i += 1;
  }
  throw new SqlLexError('an unterminated string');
}
