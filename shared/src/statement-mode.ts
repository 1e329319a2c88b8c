import { z } from 'zod';

/**
 * How a statement travels to the database, as the user's driver sends it. The mode changes what the
 * database does per statement (parse and plan it every time, or once per connection), so a run on
 * a CPU-bound database measures what the user's own driver would see.
 */
export const statementModes = ['extended', 'prepared', 'simple'] as const;
export const StatementModeSchema = z.enum(statementModes);
export type StatementMode = z.infer<typeof StatementModeSchema>;

/** How each mode is named in the UI, the CLI and the docs, with the drivers that send statements so. */
export const statementModeInfo: Record<StatementMode, { label: string; drivers: string; summary: string }> = {
  extended: {
    label: 'Extended (unnamed)',
    drivers: 'node-postgres, psycopg 3 (first 5 runs), JDBC (first 5 runs)',
    summary:
      'Parse, bind and execute an unnamed statement in one round trip: the database parses and plans it every time.',
  },
  prepared: {
    label: 'Prepared (named, once per connection)',
    drivers: 'asyncpg, pgx, psycopg 3 after 5 runs, JDBC after 5 runs',
    summary:
      'Each statement is prepared once per connection under a name, then only bound and executed: no parsing, and a cached plan.',
  },
  simple: {
    label: 'Simple (parameters inlined)',
    drivers: 'psycopg2, Django (client-side binding)',
    summary:
      'The simple query protocol with the parameters inlined as quoted literals: the database parses and plans the full text every time.',
  },
};
