/** Client messages: what each one asks of the server, in the order the server will answer. */
import { Execution } from './execution';
import type { Frame } from './frames';
import { decodeBind, decodeExecute, decodeParse, decodeTarget } from './messages';
import type { SessionState } from './session-state';
import { splitStatements } from './sql-analysis';

export function onFrontend(s: SessionState, f: Frame): void {
  const body = f.body;
  if (s.skippingUntilSync && f.type !== 'S') {
    onSkipped(s, f);
    return;
  }
  switch (f.type) {
    case 'Q': {
      const sql = body ? body.toString('utf8', 0, Math.max(0, body.length - 1)) : null;
      const parts = sql === null ? [null] : splitStatements(sql);
      const execs = parts.map((p) => {
        const e = new Execution('simple', f.at);
        e.sql = p ?? `(a Query of ${f.length} bytes, too long to record)`;
        return e;
      });
      s.expected.push({ kind: 'query', execs, index: 0 });
      return;
    }
    case 'P': {
      const e = s.form(f.at);
      if (body) {
        const p = decodeParse(body);
        s.prepared.set(p.name, { sql: p.sql, paramTypes: p.paramTypes, columns: null });
        e.sql = p.sql;
        e.statementName = p.name;
      }
      s.expected.push({ kind: 'parse', exec: e });
      return;
    }
    case 'B': {
      const e = s.form(f.at);
      if (body) {
        const b = decodeBind(body);
        const prep = s.prepared.get(b.statement);
        e.statementName = b.statement;
        e.sql =
          prep?.sql ??
          `(prepared statement "${b.statement}" unknown: prepared before the capture started, or by SQL PREPARE)`;
        e.portal = b.portal;
        e.bindParams(b.values, prep?.paramTypes ?? []);
        e.resultFormats = b.resultFormats;
        e.columns = prep?.columns ?? null;
        s.portals.set(b.portal, e);
      }
      s.expected.push({ kind: 'bind', exec: e });
      return;
    }
    case 'D': {
      if (!body) return;
      const d = decodeTarget(body);
      if (d.what === 'S') s.expected.push({ kind: 'describe-statement', name: d.name, exec: s.forming });
      else s.expected.push({ kind: 'describe-portal', exec: s.portals.get(d.name) ?? s.form(f.at) });
      return;
    }
    case 'E': {
      const portal = body ? decodeExecute(body).portal : '';
      let e = s.forming;
      if (!e || (e.portal !== null && e.portal !== portal)) {
        const known = s.portals.get(portal);
        e = known ? (known === e ? known : known.again(f.at)) : new Execution('extended', f.at);
        if (!known) e.sql = `(portal "${portal}" unknown: bound before the capture started)`;
      }
      s.forming = null;
      s.expected.push({ kind: 'execute', exec: e });
      return;
    }
    case 'C': {
      if (body) {
        const c = decodeTarget(body);
        (c.what === 'S' ? s.prepared : s.portals).delete(c.name);
      }
      s.expected.push({ kind: 'close' });
      return;
    }
    case 'S':
      s.skippingUntilSync = false;
      s.forming = null;
      s.expected.push({ kind: 'sync' });
      return;
    case 'F':
      s.expected.push({ kind: 'function' });
      return;
    default:
    // Flush, CopyData/Done/Fail, password messages, Terminate: nothing to answer or record.
  }
}

/** Parameter types of statements parsed while skipping: the server discarded them, so they are not prepared. */
const skippedParseTypes = new WeakMap<Execution, number[]>();

/**
 * After an error the server discards every message until Sync, so nothing here is prepared or bound
 * on the server; but each Execute is still a statement the app asked for, recorded as skipped with
 * the SQL and parameters its own Parse and Bind carried. The statement that failed may still have
 * messages on their way (the error can reach the proxy before the client's Bind or Execute does):
 * they belong to it, already recorded as the error.
 */
function onSkipped(s: SessionState, f: Frame): void {
  const body = f.body;
  if (!body) return;
  if (f.type === 'P') {
    const p = decodeParse(body);
    const e = new Execution('extended', f.at);
    e.sql = p.sql;
    e.statementName = p.name;
    skippedParseTypes.set(e, p.paramTypes);
    s.forming = e;
  } else if (f.type === 'B') {
    const b = decodeBind(body);
    const unbound = s.forming && s.forming.portal === null ? s.forming : null;
    if (unbound?.outcome) return; // the failed statement's own Bind
    const e = unbound ?? new Execution('extended', f.at);
    const prep = e.sql === null ? s.prepared.get(b.statement) : undefined;
    e.statementName = b.statement;
    e.sql ??= prep?.sql ?? `(prepared statement "${b.statement}" unknown)`;
    e.portal = b.portal;
    e.bindParams(b.values, skippedParseTypes.get(e) ?? prep?.paramTypes ?? []);
    s.forming = e;
  } else if (f.type === 'E') {
    const forming = s.forming;
    s.forming = null;
    if (forming?.outcome) return; // the failed statement's own Execute
    const portal = s.portals.get(decodeExecute(body).portal);
    s.skip(forming ?? portal?.again(f.at) ?? new Execution('extended', f.at), f.at);
  }
}
