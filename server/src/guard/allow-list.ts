/**
 * The two reviewed lists of the function policy (function-verdict.ts). Everything else is decided by
 * what the target's catalog says of a function; these lists only correct the catalog where its
 * volatility marking says the wrong thing about safety.
 */

/**
 * Volatile functions of pg_catalog that change nothing outside the statement: they are volatile
 * because their answer changes from call to call, not because they write. Each one reviewed.
 */
export const ALLOWED_VOLATILE: ReadonlyMap<string, string> = new Map([
  // Randomness and clocks: per-call answers, no state (setseed is NOT here: it changes the session's seed).
  ['random', 'a random number'],
  ['random_normal', 'a random number'],
  ['gen_random_uuid', 'a random UUID'],
  ['uuidv4', 'a random UUID'],
  ['uuidv7', 'a time-ordered UUID'],
  ['clock_timestamp', 'the wall clock'],
  ['timeofday', 'the wall clock'],
  // Waiting, bounded by statement_timeout: what simulated slow queries use.
  ['pg_sleep', 'waits'],
  ['pg_sleep_for', 'waits'],
  ['pg_sleep_until', 'waits'],
  // Reading live server state (pg_locks, replication status, sizes): answers change, nothing is changed.
  ['pg_lock_status', 'reads the lock table (pg_locks)'],
  ['pg_blocking_pids', 'reads the lock table'],
  ['pg_safe_snapshot_blocking_pids', 'reads the lock table'],
  ['pg_prepared_xact', 'lists prepared transactions'],
  ['pg_is_in_recovery', 'reads the recovery state'],
  ['pg_is_wal_replay_paused', 'reads the recovery state'],
  ['pg_get_wal_replay_pause_state', 'reads the recovery state'],
  ['pg_last_wal_receive_lsn', 'reads a WAL position'],
  ['pg_last_wal_replay_lsn', 'reads a WAL position'],
  ['pg_last_xact_replay_timestamp', 'reads a WAL position'],
  ['pg_current_wal_lsn', 'reads a WAL position'],
  ['pg_current_wal_insert_lsn', 'reads a WAL position'],
  ['pg_current_wal_flush_lsn', 'reads a WAL position'],
  ['pg_database_size', 'measures disk usage'],
  ['pg_relation_size', 'measures disk usage'],
  ['pg_table_size', 'measures disk usage'],
  ['pg_indexes_size', 'measures disk usage'],
  ['pg_total_relation_size', 'measures disk usage'],
  ['pg_tablespace_size', 'measures disk usage'],
  ['pg_partition_tree', 'reads the catalog'],
  ['pg_partition_ancestors', 'reads the catalog'],
  ['pg_jit_available', 'reads a setting'],
  ['pg_notification_queue_usage', 'reads the notification queue size'],
  ['pg_stat_have_stats', 'reads statistics'],
  ['pg_sequence_last_value', 'reads a sequence (pg_sequences)'],
  ['currval', 'reads this session’s last sequence value'],
  ['lastval', 'reads this session’s last sequence value'],
  ['pg_xact_status', 'reads a transaction’s status'],
  ['txid_status', 'reads a transaction’s status'],
  ['pg_xact_commit_timestamp', 'reads a commit timestamp'],
  ['pg_last_committed_xact', 'reads a commit timestamp'],
  // TABLESAMPLE BERNOULLI / SYSTEM: the handler only describes the sampling method.
  ['bernoulli', 'a TABLESAMPLE method'],
  ['system', 'a TABLESAMPLE method'],
]);

/** pg_stat_get_xact_* read this transaction's own statistics counters. */
export const ALLOWED_VOLATILE_PATTERN = /^pg_stat_get_xact_/;

/** With writes allowed (demo database or opted-in saved connection), sequences may advance too. */
export const ALLOWED_VOLATILE_WHEN_WRITING: ReadonlySet<string> = new Set(['nextval', 'setval']);

/**
 * Functions refused whatever their volatility marking says and whatever the user trusts, in any
 * schema (extensions install where they are told). Stable or immutable ones are here because the
 * marking does not stop them from escaping the statement; volatile ones for a clearer reason.
 */
export const DENIED: readonly [RegExp, string][] = [
  [
    /^(query_to_xml|query_to_xml_and_xmlschema|query_to_xmlschema|cursor_to_xml|cursor_to_xmlschema|table_to_xml|table_to_xml_and_xmlschema|table_to_xmlschema|schema_to_xml|schema_to_xml_and_xmlschema|schema_to_xmlschema|database_to_xml|database_to_xml_and_xmlschema|database_to_xmlschema|ts_stat|ts_rewrite)$/,
    'runs SQL given as text, which the policy cannot check',
  ],
  [/^dblink/, 'opens a connection of its own, outside the read-only transaction'],
  [
    /^(pg_read_file|pg_read_binary_file|pg_read_file_old|pg_stat_file|pg_current_logfile|pg_file_write|pg_file_rename|pg_file_unlink|pg_file_sync|pg_logdir_ls)$/,
    'reads or writes files on the server',
  ],
  [/^pg_ls_/, 'lists files on the server'],
  [/^(lo_|loread$|lowrite$)/, 'uses large objects (server files and state a ROLLBACK does not undo)'],
  [/^(txid_current|pg_current_xact_id)$/, 'assigns a transaction id'],
  [/^set_config$/, 'changes session settings'],
  [/^pg_(try_)?advisory_/, 'takes advisory locks, which outlive the transaction'],
  [/^pg_(terminate|cancel)_backend$/, 'signals other sessions'],
  [/^pg_notify$/, 'notifies other sessions'],
];
