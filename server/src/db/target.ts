import { AppError } from '../errors/app-error';

/** What may be shown of a connection string: never the password. */
export interface TargetInfo {
  host: string;
  port: number;
  database: string;
  user: string;
}

export function parseDatabaseUrl(url: string): TargetInfo {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('invalid_database_url', 'The database URL is not a valid URL.', {
      status: 400,
      hint: 'Use the form postgres://user:password@host:5432/database',
    });
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new AppError(
      'invalid_database_url',
      `The database URL must start with postgres://, not ${u.protocol}//`,
      {
        status: 400,
        hint: 'Use the form postgres://user:password@host:5432/database',
      },
    );
  }
  const database =
    decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
  return {
    host: u.hostname || 'localhost',
    port: u.port ? Number(u.port) : 5432,
    database,
    user: decodeURIComponent(u.username) || process.env.USER || 'postgres',
  };
}

/** `postgres://user@host:port/db`, for logs and messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const t = parseDatabaseUrl(url);
    return `postgres://${t.user}@${t.host}:${t.port}/${t.database}`;
  } catch {
    return '(unparseable database URL)';
  }
}

/** Removes anything that looks like a password in a connection string from free text. */
export function scrubSecrets(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}
