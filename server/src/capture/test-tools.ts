/** Real client programs for the capture tests. A missing one fails the test: CI must install it. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

export const run = promisify(execFile);

function firstExisting(what: string, candidates: string[], pkg: string): string {
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found)
    throw new Error(`${what} is not installed (looked in ${candidates.join(', ')}); install Debian's ${pkg}`);
  return found;
}

export const psqlBin = () =>
  firstExisting('psql', ['/usr/bin/psql', '/usr/lib/postgresql/15/bin/psql'], 'postgresql-client');
export const pgbenchBin = () =>
  firstExisting(
    'pgbench',
    ['/usr/lib/postgresql/15/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench', '/usr/bin/pgbench'],
    'postgresql (or postgresql-contrib)',
  );
export const python3 = () => firstExisting('python3', ['/usr/bin/python3'], 'python3');
