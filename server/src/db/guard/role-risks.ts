import type { RoleRisk } from '@gatherscope/shared';

/** Columns to add to a metadata query: who the current role is, what it owns and may write. */
export const ROLE_RISK_COLUMNS = `
  current_user AS usr, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
  (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%' AND pg_has_role(current_user, c.relowner, 'USAGE'))::int AS owned_tables,
  (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%'
      AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'))::int AS writable_tables`;

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The row those columns give. */
export interface RoleRiskRow {
  usr: string;
  superuser: boolean;
  owned_tables: number;
  writable_tables: number;
}

/**
 * The warning shown next to a live database. The embedded demo is Gatherscope's own (its role is
 * a superuser that owns everything by construction), so it gets none.
 */
export function roleRisk(r: RoleRiskRow, embedded: boolean): RoleRisk {
  const risk = { superuser: r.superuser, ownedTables: r.owned_tables, writableTables: r.writable_tables };
  const advice = 'Connect with a role that can only read (GRANT pg_read_all_data, or SELECT on the tables).';
  let warning: string | null = null;
  if (embedded) warning = null;
  else if (r.superuser) {
    warning = `The role "${r.usr}" is a superuser. Gatherscope runs every statement read-only, but a superuser is not limited by privileges if that ever failed. ${advice}`;
  } else if (risk.ownedTables > 0) {
    warning = `The role "${r.usr}" owns ${plural(risk.ownedTables, 'table')} here and could alter or drop them. ${advice}`;
  } else if (risk.writableTables > 0) {
    warning = `The role "${r.usr}" may write to ${plural(risk.writableTables, 'table')} here. ${advice}`;
  }
  return { ...risk, warning };
}
