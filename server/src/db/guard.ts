import type { Workload } from '@gatherscope/shared';
import { AppError } from '../errors/app-error';
import { SqlLexError, type SqlToken, tokenize } from './guard-sql';

/**
 * The read-only execution policy. What actually keeps a live database safe is on the server:
 * every profiling connection opens with `default_transaction_read_only=on` and statement, lock and
 * idle-in-transaction timeouts in its startup packet, and runs each statement over the extended
 * protocol inside `BEGIN READ ONLY` … `ROLLBACK` sent in the same write (profiler-query.ts), so it
 * costs no round trip. The checks here come first and refuse, before anything is sent, what those
 * layers let through: session state that outlives a ROLLBACK (advisory locks, prepared statements,
 * cursors), effects outside the database (COPY TO PROGRAM, files, signalling other backends,
 * remote connections) and functions that run SQL given as a string, which no text check can see.
 */

export type AccessMode = 'read-only' | 'read-write';

/** First words of a statement allowed in each mode. DO, CALL, SET, BEGIN, COPY, PREPARE… are not. */
const READ_STATEMENTS = new Set(['select', 'with', 'values', 'table', 'show', 'explain']);
const WRITE_STATEMENTS = new Set(['insert', 'update', 'delete', 'merge']);
/** Every command PostgreSQL's grammar starts with (gram.y `stmt`). */
const POSTGRES_COMMANDS = new Set(
  (
    'abort alter analyse analyze begin call checkpoint close cluster comment commit copy create deallocate declare ' +
    'delete discard do drop end execute explain fetch grant import insert listen load lock merge move notify prepare ' +
    'reassign refresh reindex release reset revoke rollback savepoint security select set show start table truncate ' +
    'unlisten update vacuum values with'
  ).split(' '),
);

/** Functions refused as calls, with the reason shown to the user. */
const DENIED_FUNCTIONS: [RegExp, string][] = [
  [/^set_config$/, 'changes session settings'],
  [/^pg_(try_)?advisory_/, 'takes advisory locks, which outlive the transaction'],
  [/^dblink/, 'opens a connection of its own, outside the read-only transaction'],
  [
    /^(query_to_xml|query_to_xml_and_xmlschema|query_to_xmlschema|cursor_to_xml|cursor_to_xmlschema|ts_stat|ts_rewrite|table_to_xml|table_to_xml_and_xmlschema|schema_to_xml|schema_to_xml_and_xmlschema|database_to_xml|database_to_xml_and_xmlschema)$/,
    'runs SQL given as text, which the policy cannot check',
  ],
  [/^pg_(terminate|cancel)_backend$/, 'signals other sessions'],
  [
    /^pg_(reload_conf|rotate_logfile|switch_wal|promote|create_restore_point|log_backend_memory_contexts)$/,
    'is a server administration function',
  ],
  [/^pg_wal_replay_(pause|resume)$/, 'is a server administration function'],
  [/^pg_logical_emit_message$/, 'writes to the write-ahead log'],
  [/^pg_(create|drop|copy)_(physical_|logical_)?replication_slot$/, 'manages replication slots'],
  [/^pg_replication_origin_/, 'manages replication origins'],
  [/^pg_stat_(reset|statements_reset)/, 'resets the server’s statistics'],
  [
    /^pg_(read_file|read_binary_file|ls_dir|stat_file|file_write|file_rename|file_unlink)$/,
    'reads or writes files on the server',
  ],
  [/^pg_ls_/, 'lists files on the server'],
  [/^lo_/, 'uses large objects (server files and non-transactional state)'],
  [/^(txid_current|pg_current_xact_id)$/, 'assigns a transaction id'],
  [/^pg_notify$/, 'notifies other sessions'],
];

export interface StatementProblem {
  message: string;
}

/** Returns why the statement is refused in this mode, or null when it may run. */
export function checkStatement(sql: string, mode: AccessMode): StatementProblem | null {
  let code: SqlToken[];
  try {
    code = tokenize(sql);
  } catch (err) {
    if (err instanceof SqlLexError) return { message: `the statement has ${err.message}` };
    throw err;
  }
  const semicolon = code.findIndex((t) => t.kind === 'punct' && t.text === ';');
  if (semicolon >= 0 && semicolon < code.length - 1) {
    return { message: 'it has more than one statement (one statement per query)' };
  }
  const first = code.find((t) => !(t.kind === 'punct' && t.text === '('));
  const word = first?.kind === 'word' ? first.text : '';
  const allowed = READ_STATEMENTS.has(word) || (mode === 'read-write' && WRITE_STATEMENTS.has(word));
  // A first word that is no command at all (a typo such as SELEKT) cannot run: the server answers
  // with a syntax error, which the user sees at the query like any other SQL error.
  if (!allowed && POSTGRES_COMMANDS.has(word)) {
    const what = word.toUpperCase();
    return {
      message:
        mode === 'read-only' && WRITE_STATEMENTS.has(word)
          ? `${what} writes, and this connection is read-only`
          : `${what} statements are not profiled (only SELECT, WITH, VALUES, TABLE, SHOW and EXPLAIN${mode === 'read-write' ? ', INSERT, UPDATE, DELETE and MERGE' : ''})`,
    };
  }
  for (let k = 0; k < code.length; k++) {
    const t = code[k];
    if (!t) continue;
    if (t.kind === 'unicode-ident')
      return { message: 'it uses a Unicode-escaped identifier (U&"…"), which the policy cannot check' };
    if (t.kind !== 'word' && t.kind !== 'quoted') continue;
    const after = code[k + 1];
    if (!(after?.kind === 'punct' && after.text === '(')) continue;
    // Quoted names are case-sensitive: "PG_SLEEP" is not pg_sleep, so compare them as written.
    const name = t.text;
    for (const [pattern, why] of DENIED_FUNCTIONS) {
      if (pattern.test(name)) return { message: `${name}() ${why}` };
    }
  }
  if (word === 'explain' && mode === 'read-only') {
    const words = code.filter((t) => t.kind === 'word').map((t) => t.text);
    if (words.some((w) => WRITE_STATEMENTS.has(w)) && words.includes('analyze')) {
      return { message: 'EXPLAIN ANALYZE would run the write it explains' };
    }
  }
  return null;
}

/**
 * Refuses a workload with a statement the mode does not allow, naming every bad query, before a
 * single connection is opened.
 */
export function assertWorkloadAllowed(workload: Workload, mode: AccessMode): void {
  const issues = workload.queries.flatMap((q, i) => {
    const problem = checkStatement(q.sql, mode);
    return problem
      ? [{ path: `queries.${i}.sql`, message: `query "${q.id}" is refused: ${problem.message}` }]
      : [];
  });
  const first = issues[0];
  if (!first) return;
  throw new AppError('read_only_violation', `${first.message[0]?.toUpperCase()}${first.message.slice(1)}.`, {
    status: 400,
    hint:
      mode === 'read-only'
        ? 'Gatherscope only reads from this database. Profile the SELECTs of the endpoint; writes are allowed only on the embedded demo database or on a saved connection with writes explicitly enabled.'
        : 'Profile plain statements (SELECT, INSERT, UPDATE, DELETE, MERGE); session and administration commands are never run.',
    details: { issues },
  });
}

/**
 * Writing is possible only on the embedded demo database (the decision matrix's batch preset needs
 * it) or on a saved connection whose owner explicitly enabled writes.
 */
export function accessModeFor(
  target: { embedded: boolean; writesEnabled?: boolean | undefined },
  wantsWrites: boolean,
): AccessMode {
  if (!wantsWrites) return 'read-only';
  if (target.embedded || target.writesEnabled === true) return 'read-write';
  throw new AppError('read_only_violation', 'Writes are not enabled for this database.', {
    status: 403,
    hint: 'Writes are allowed only on the embedded demo database, or on a saved connection with "allow writes" turned on.',
  });
}
