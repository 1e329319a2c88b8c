import type { AccessMode } from './function-verdict';

/** What a statement of each parse-tree root type is called in messages. */
const COMMAND_NAMES: Record<string, string> = {
  SelectStmt: 'SELECT',
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  VariableSetStmt: 'SET',
  VariableShowStmt: 'SHOW',
  TransactionStmt: 'Transaction control (BEGIN, COMMIT, ROLLBACK…)',
  CreateTableAsStmt: 'CREATE TABLE AS',
  DoStmt: 'DO',
  CallStmt: 'CALL',
  CopyStmt: 'COPY',
  VacuumStmt: 'VACUUM and ANALYZE',
  CheckPointStmt: 'CHECKPOINT',
  NotifyStmt: 'NOTIFY',
  ListenStmt: 'LISTEN',
  UnlistenStmt: 'UNLISTEN',
  DeclareCursorStmt: 'DECLARE CURSOR',
  ExecuteStmt: 'EXECUTE',
  PrepareStmt: 'PREPARE',
  DeallocateStmt: 'DEALLOCATE',
  LockStmt: 'LOCK',
  DiscardStmt: 'DISCARD',
  LoadStmt: 'LOAD',
};

/** `CreateTableSpaceStmt` → `CREATE TABLE SPACE`, unless named above. */
export function commandName(type: string): string {
  return (
    COMMAND_NAMES[type] ??
    type
      .replace(/Stmt$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toUpperCase()
  );
}

export const WRITE_STATEMENTS: ReadonlySet<string> = new Set([
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
]);

export function notProfiled(type: string, mode: AccessMode): string {
  const writes = mode !== 'read-only' ? ', INSERT, UPDATE, DELETE and MERGE' : '';
  return `${commandName(type)} statements are not profiled (only SELECT, WITH, VALUES, TABLE, SHOW and EXPLAIN${writes})`;
}

/**
 * EXPLAIN ANALYZE executes the statement, not only plans it. Any ANALYZE option counts, even
 * `ANALYZE false`: conservative, and nobody needs to write that.
 */
export function explainExecutes(options: unknown): boolean {
  if (!Array.isArray(options)) return false;
  return options.some((o) => {
    const name = (o as { DefElem?: { defname?: string } }).DefElem?.defname;
    return name === 'analyze' || name === 'analyse';
  });
}
