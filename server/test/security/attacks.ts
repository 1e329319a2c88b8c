import type { QueryTiming } from '../../src/db/profiler/instrumented-query';

/** What an attack ran into, statement by statement, on one profiling connection. */
export interface AttackRun {
  results: QueryTiming[];
  pid: number;
  url: string;
  elapsedMs: number;
}

export interface Attack {
  name: string;
  /** Sent one after another on ONE connection, as the sequential strategy does within a trial. */
  sql: string[];
  /** The statement policy refuses the first statement before anything is sent (src/guard/). */
  policy: 'refuses' | 'allows';
  /** Run on the server with the policy bypassed, to prove the server-side layers on their own. */
  serverSide: boolean;
  /** Another session reads the table (holds ACCESS SHARE) during the attack. */
  holdReadLock?: boolean;
  /** Extra assertions about what the server did. */
  check?: (run: AttackRun) => void | Promise<void>;
}

/** 25006 read_only_sql_transaction: "cannot execute … in a read-only transaction". */
const READ_ONLY = '25006';

function expectFailed(r: QueryTiming | undefined, sqlstate: string | RegExp, what: string): void {
  const code = (r?.error as { code?: string } | null)?.code;
  const failed = typeof sqlstate === 'string' ? code === sqlstate : sqlstate.test(code ?? '');
  if (!failed) {
    throw new Error(
      `${what}: expected SQLSTATE ${String(sqlstate)}, got ${code ?? 'success'} (${r?.error?.message ?? ''})`,
    );
  }
}

const lastFailsReadOnly = (run: AttackRun) =>
  expectFailed(run.results.at(-1), READ_ONLY, 'the write after the escape attempt');

export const attacks: Attack[] = [
  {
    name: 'multi-statement escape: SELECT 1; DELETE …',
    sql: ['SELECT 1; DELETE FROM accounts'],
    policy: 'refuses',
    serverSide: true,
    // The extended protocol takes one statement per Parse (42601); the simple protocol (simple
    // mode, whose policy check is bypassed here) runs the DELETE inside the read-only block (25006).
    check: (run) => expectFailed(run.results[0], /^(42601|25006)$/, 'multi-statement'),
  },
  {
    name: 'COMMIT out of the read-only block, then write',
    sql: ['COMMIT', 'DELETE FROM accounts'],
    policy: 'refuses',
    serverSide: true,
    check: lastFailsReadOnly,
  },
  {
    name: 'BEGIN READ WRITE, write, COMMIT',
    sql: ['BEGIN READ WRITE', 'DELETE FROM accounts', 'COMMIT'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => expectFailed(run.results[1], READ_ONLY, 'the write'),
  },
  {
    name: 'SET TRANSACTION READ WRITE, then write',
    sql: ['SET TRANSACTION READ WRITE', 'UPDATE accounts SET balance = 0'],
    policy: 'refuses',
    serverSide: true,
    check: lastFailsReadOnly,
  },
  {
    name: 'SET default_transaction_read_only = off, then write',
    sql: ['SET default_transaction_read_only = off', 'DELETE FROM accounts'],
    policy: 'refuses',
    serverSide: true,
    check: lastFailsReadOnly,
  },
  {
    name: 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE, then write',
    sql: ['SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE', 'INSERT INTO audit(note) VALUES ($$x$$)'],
    policy: 'refuses',
    serverSide: true,
    check: lastFailsReadOnly,
  },
  {
    name: "set_config('default_transaction_read_only', 'off', false), then write",
    sql: ["SELECT set_config('default_transaction_read_only', 'off', false)", 'DELETE FROM accounts'],
    policy: 'refuses',
    serverSide: true,
    check: lastFailsReadOnly,
  },
  {
    name: 'a function of the schema that loosens the session, then write',
    sql: ['SELECT loosen()', 'DELETE FROM accounts'],
    policy: 'refuses',
    serverSide: true,
    check: lastFailsReadOnly,
  },
  {
    name: 'RESET ALL, then write',
    sql: ['RESET ALL', 'DELETE FROM accounts'],
    policy: 'refuses',
    serverSide: true,
    check: lastFailsReadOnly,
  },
  {
    name: 'writable CTE',
    sql: ['WITH gone AS (DELETE FROM accounts RETURNING *) SELECT count(*) FROM gone'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => expectFailed(run.results[0], READ_ONLY, 'writable CTE'),
  },
  {
    name: 'DO block that writes',
    sql: ['DO $$ BEGIN DELETE FROM accounts; END $$'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => expectFailed(run.results[0], READ_ONLY, 'DO block'),
  },
  {
    name: 'DO block that commits, then writes',
    sql: ['DO $$ BEGIN COMMIT; DELETE FROM accounts; END $$'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => expectFailed(run.results[0], /^(2D000|25006)$/, 'DO with COMMIT'),
  },
  {
    name: 'function with side effects',
    sql: ['SELECT bump()'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => expectFailed(run.results[0], READ_ONLY, 'bump()'),
  },
  {
    name: 'procedure that deletes',
    sql: ['CALL drain()'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => expectFailed(run.results[0], READ_ONLY, 'CALL'),
  },
  {
    name: 'sequences: nextval and setval',
    sql: ["SELECT nextval('tickets')", "SELECT setval('accounts_id_seq', 100000)"],
    policy: 'refuses',
    serverSide: true,
    check: (run) => {
      expectFailed(run.results[0], READ_ONLY, 'nextval');
      expectFailed(run.results[1], READ_ONLY, 'setval');
    },
  },
  {
    name: 'locking reads: FOR UPDATE, FOR SHARE, FOR NO KEY UPDATE',
    sql: [
      'SELECT * FROM accounts FOR UPDATE',
      'SELECT * FROM accounts FOR SHARE',
      'SELECT 1 FROM accounts FOR NO KEY UPDATE',
    ],
    policy: 'refuses',
    serverSide: true,
    check: (run) => {
      for (const [i, r] of run.results.entries()) expectFailed(r, READ_ONLY, `locking read #${i}`);
    },
  },
  {
    name: 'LOCK TABLE ACCESS EXCLUSIVE behind a reader: bounded by lock_timeout, released by the ROLLBACK',
    sql: ['LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE', 'SELECT count(*) FROM accounts'],
    policy: 'refuses',
    serverSide: true,
    holdReadLock: true,
    check: (run) => {
      // 55P03 lock_not_available: it gave up after lock_timeout instead of queueing every reader.
      expectFailed(run.results[0], '55P03', 'LOCK TABLE');
      if (run.results[1]?.error) throw new Error('the table stayed locked after the attack');
    },
  },
  {
    name: 'COPY FROM STDIN',
    sql: ['COPY accounts FROM STDIN'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => expectFailed(run.results[0], /^(25006|57014|XX000)$/, 'COPY FROM'),
  },
  {
    name: 'COPY TO PROGRAM (runs a shell command as a superuser: only the policy stops it)',
    sql: ["COPY (SELECT 1) TO PROGRAM 'true'"],
    policy: 'refuses',
    serverSide: false,
  },
  {
    name: 'temporary tables and SELECT INTO',
    sql: ['CREATE TEMP TABLE scratch AS SELECT * FROM accounts', 'SELECT * INTO stolen FROM accounts'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => {
      expectFailed(run.results[0], READ_ONLY, 'CREATE TEMP TABLE');
      expectFailed(run.results[1], READ_ONLY, 'SELECT INTO');
    },
  },
  {
    name: 'EXPLAIN ANALYZE of DML',
    sql: [
      'EXPLAIN ANALYZE DELETE FROM accounts',
      'EXPLAIN ANALYZE WITH d AS (UPDATE accounts SET balance = 0 RETURNING 1) SELECT * FROM d',
    ],
    policy: 'refuses',
    serverSide: true,
    check: (run) => {
      expectFailed(run.results[0], READ_ONLY, 'EXPLAIN ANALYZE DELETE');
      expectFailed(run.results[1], READ_ONLY, 'EXPLAIN ANALYZE UPDATE');
    },
  },
  {
    name: 'DDL, TRUNCATE and GRANT',
    sql: [
      'DROP TABLE accounts',
      'TRUNCATE accounts',
      'GRANT ALL ON accounts TO PUBLIC',
      'ALTER TABLE accounts ADD COLUMN x int',
    ],
    policy: 'refuses',
    serverSide: true,
    check: (run) => {
      for (const [i, r] of run.results.entries()) expectFailed(r, READ_ONLY, `DDL #${i}`);
    },
  },
  {
    name: 'session advisory lock (survives ROLLBACK: the policy refuses it, DISCARD ALL between trials releases it)',
    sql: ['SELECT pg_advisory_lock(4242)'],
    policy: 'refuses',
    serverSide: true,
  },
  {
    name: 'advisory lock taken by a function of the schema',
    sql: ['SELECT grab_lock()'],
    policy: 'refuses',
    serverSide: true,
  },
  {
    name: 'LISTEN and NOTIFY are rolled back with the block',
    sql: [
      'LISTEN leak',
      'NOTIFY leak',
      "SELECT pg_notify('leak', 'x')",
      'SELECT 1 FROM pg_listening_channels()',
    ],
    policy: 'refuses',
    serverSide: true,
    check: (run) => {
      const last = run.results.at(-1);
      if (last?.error || last?.rows !== 0) throw new Error('LISTEN survived the rolled-back block');
    },
  },
  {
    name: 'PREPARE a write, EXECUTE it later',
    sql: ['PREPARE wipe AS DELETE FROM accounts', 'EXECUTE wipe'],
    policy: 'refuses',
    serverSide: true,
    check: lastFailsReadOnly,
  },
  {
    name: 'cursor WITH HOLD to outlive the block',
    sql: ['DECLARE c CURSOR WITH HOLD FOR SELECT * FROM accounts', 'FETCH 1 FROM c'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => expectFailed(run.results[1], '34000', 'FETCH from a cursor of a rolled-back block'),
  },
  {
    name: 'large objects: lo_create and lo_import',
    sql: ['SELECT lo_create(0)', "SELECT lo_import('/etc/hostname')"],
    policy: 'refuses',
    serverSide: true,
    check: (run) => {
      expectFailed(run.results[0], READ_ONLY, 'lo_create');
      expectFailed(run.results[1], /^(25006|42501|58P01)$/, 'lo_import');
    },
  },
  {
    name: 'sleep beyond the statement timeout, even after lifting it in the same statement',
    sql: ["SELECT set_config('statement_timeout', '0', true), pg_sleep(30)", 'SELECT pg_sleep(30)'],
    policy: 'refuses',
    serverSide: true,
    check: (run) => {
      expectFailed(run.results[0], '57014', 'first sleep');
      expectFailed(run.results[1], '57014', 'second sleep');
      if (run.elapsedMs > 8_000) throw new Error(`the sleeps took ${Math.round(run.elapsedMs)} ms`);
    },
  },
  {
    name: 'huge result: eight million rows, streamed',
    sql: ["SELECT a.id, b.id, c.id, repeat('x', 200) FROM accounts a, accounts b, accounts c"],
    policy: 'allows',
    serverSide: true,
    check: (run) => {
      const r = run.results[0];
      // Execute asks for maxRows + 1 rows: the server stops there and the portal is closed.
      if (r?.exceeded !== 'rows' || r.rows > 10_001)
        throw new Error(`no cap: ${r?.rows} rows, exceeded=${r?.exceeded}`);
      if (run.elapsedMs > 5_000) throw new Error(`the capped query took ${Math.round(run.elapsedMs)} ms`);
    },
  },
  {
    name: 'huge rows: a result of a few wide rows past the byte cap',
    sql: ["SELECT repeat('x', 1000000) FROM generate_series(1, 50)"],
    policy: 'allows',
    serverSide: true,
    check: (run) => {
      if (run.results[0]?.exceeded !== 'bytes')
        throw new Error(`no byte cap: ${run.results[0]?.bytes} bytes`);
    },
  },
  {
    name: 'signal another backend (pg_terminate_backend: only the policy stops a superuser)',
    sql: ['SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE false'],
    policy: 'refuses',
    serverSide: false,
  },
  {
    name: 'statements that run SQL given as text',
    sql: ["SELECT query_to_xml('DELETE FROM accounts RETURNING 1', true, false, '')"],
    policy: 'refuses',
    serverSide: true,
    check: (run) => expectFailed(run.results[0], /^(25006|0A000)$/, 'query_to_xml'),
  },
  {
    name: 'Unicode-escaped identifier hiding set_config',
    sql: [
      "SELECT U&\"\\0073et_config\"('default_transaction_read_only', 'off', false)",
      'DELETE FROM accounts',
    ],
    policy: 'refuses',
    serverSide: true,
    check: lastFailsReadOnly,
  },
];
