/** Server messages: each belongs to the oldest expectation still open. */
import type { Frame } from './frames';
import {
  decodeBackendKey,
  decodeCommandTag,
  decodeErrorFields,
  decodeParameterDescription,
  decodeParameterStatus,
  decodeRowDescription,
  tagRows,
  txStatusOf,
} from './messages';
import type { SessionState } from './session-state';

export function onBackend(s: SessionState, f: Frame): void {
  const body = f.body;
  const head = s.expected[0];
  const cur = s.current();
  if (cur && f.type !== 'Z') cur.bytes += f.length + 5;
  switch (f.type) {
    case 'K':
      if (body) {
        const k = decodeBackendKey(body);
        s.info.backendPid = k.pid;
        s.info.backendKey = k.key;
      }
      return;
    case 'S':
      if (body) {
        const p = decodeParameterStatus(body);
        if (p.name === 'application_name') s.info.applicationName = p.value;
      }
      return;
    case '1':
    case '2':
    case '3':
      if (head && ['parse', 'bind', 'close'].includes(head.kind)) s.expected.shift();
      return;
    case 't':
      if (head?.kind === 'describe-statement' && body) {
        const oids = decodeParameterDescription(body);
        const prep = s.prepared.get(head.name);
        if (prep) prep.paramTypes = oids;
      }
      return;
    case 'T':
    case 'n': {
      const cols = f.type === 'T' && body ? decodeRowDescription(body) : null;
      if (head?.kind === 'query') {
        if (cur) cur.columns = cols;
        return;
      }
      if (head?.kind === 'describe-statement') {
        const prep = s.prepared.get(head.name);
        if (prep) prep.columns = cols;
        if (head.exec) head.exec.columns = cols;
        s.expected.shift();
      } else if (head?.kind === 'describe-portal') {
        head.exec.columns = cols;
        s.expected.shift();
      }
      return;
    }
    case 'D':
      cur?.row(body, f.at);
      return;
    case 'C':
    case 'I':
    case 's':
      if (!cur) return;
      if (f.type === 'C' && body) {
        cur.tag = decodeCommandTag(body);
        cur.rows = tagRows(cur.tag) ?? cur.rows;
      }
      cur.finish(f.at, 'ok');
      s.settled.push(cur);
      if (head?.kind === 'query') head.index++;
      else if (head?.kind === 'execute') s.expected.shift();
      return;
    case 'E':
      onError(s, f);
      return;
    case 'Z':
      onReady(s, body, f.at);
      return;
    default:
    // Authentication, notices, notifications, COPY responses and data: counted above, not parsed.
  }
}

function onError(s: SessionState, f: Frame): void {
  const fields = f.body ? decodeErrorFields(f.body) : {};
  const error = { sqlstate: fields.C ?? '', message: fields.M ?? '(error without a message)' };
  const head = s.expected[0];
  // During startup (authentication failed) there is no statement to blame; an error at Sync or in
  // a function call is followed by the ReadyForQuery that closes it.
  if (!head || head.kind === 'sync' || head.kind === 'function') return;
  if (head.kind === 'query') {
    // A simple Query stops at its first error; the rest of its statements never run.
    const e = head.execs[head.index];
    if (e) {
      e.error = error;
      e.finish(f.at, 'error');
      s.settled.push(e);
    }
    for (const rest of head.execs.slice(head.index + 1)) s.skipSimple(rest, f.at);
    head.index = head.execs.length;
    return;
  }
  const failed = 'exec' in head ? head.exec : null;
  if (failed) {
    failed.error = error;
    failed.finish(f.at, 'error');
    s.settled.push(failed);
  }
  // The server now discards every message until Sync: the Executes among them are skipped.
  s.expected.shift();
  while (s.expected.length && s.expected[0]!.kind !== 'sync') {
    const x = s.expected.shift()!;
    if (x.kind === 'execute' && x.exec !== failed) s.skip(x.exec, f.at);
  }
  if (s.expected.length === 0) s.skippingUntilSync = true;
}

function onReady(s: SessionState, body: Buffer | null, at: number): void {
  const head = s.expected[0];
  if (head && ['sync', 'query', 'function'].includes(head.kind)) {
    s.expected.shift();
    if (head.kind === 'query')
      for (const e of head.execs.slice(head.index)) {
        e.finish(at, 'skipped');
        s.settled.push(e);
      }
  }
  const tx = body ? txStatusOf(body) : null;
  for (const e of s.settled) s.publish(e, tx);
  s.settled = [];
}
