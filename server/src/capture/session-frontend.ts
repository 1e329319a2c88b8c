/** Client messages: what each one asks of the server, in the order the server will answer. */
import { Execution } from './execution';
import type { Frame } from './frames';
import { decodeBind, decodeExecute, decodeParse, decodeTarget } from './messages';
import type { SessionState } from './session-state';
import { splitStatements } from './sql-analysis';

export function onFrontend(s: SessionState, f: Frame): void {
  const body = f.body;
  if (s.skippingUntilSync && f.type !== 'S') {
    // The server will not run it; an Execute is still a statement the app asked for.
    if (f.type === 'E' && body) {
      const portal = s.portals.get(decodeExecute(body).portal);
      const e = portal ? portal.again(f.at) : (s.forming ?? new Execution('extended', f.at));
      s.forming = null;
      s.skip(e, f.at);
    }
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
