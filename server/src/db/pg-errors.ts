import { AppError } from '../errors/app-error';
import { scrubSecrets, type TargetInfo } from './target';

interface PgLikeError {
  code?: string;
  message?: string;
  detail?: string;
  hint?: string;
  position?: string;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there (connection refused)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ECONNRESET: 'the server closed the connection',
};

/** Turns whatever pg or the network threw into an error with a message a user can act on. */
export function databaseError(err: unknown, target: TargetInfo): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as PgLikeError;
  const where = `${target.host}:${target.port}/${target.database}`;
  const code = e.code ?? '';
  const msg = scrubSecrets(e.message ?? String(err));
  if (
    NETWORK_CODES[code] ||
    (/timeout expired|Connection terminated|connect/i.test(msg) && !code.match(/^[0-9A-Z]{5}$/))
  ) {
    return new AppError(
      'database_unreachable',
      `Cannot reach PostgreSQL at ${where}: ${NETWORK_CODES[code] ?? msg}.`,
      {
        status: 503,
        hint: 'Check that the server is running and that host, port and firewall allow the connection.',
        details: { host: target.host, port: target.port, cause: code || msg },
        cause: err,
      },
    );
  }
  if (code === '28P01' || code === '28000') {
    return new AppError(
      'database_auth_failed',
      `PostgreSQL at ${where} refused the login for user "${target.user}".`,
      {
        status: 503,
        hint: 'Check the user name and password of the connection.',
        details: { sqlstate: code },
        cause: err,
      },
    );
  }
  if (code === '3D000') {
    return new AppError(
      'database_unreachable',
      `Database "${target.database}" does not exist on ${target.host}:${target.port}.`,
      {
        status: 503,
        hint: 'Check the database name at the end of the connection URL.',
        details: { sqlstate: code },
        cause: err,
      },
    );
  }
  if (code === '53300') {
    return new AppError(
      'too_many_connections',
      `PostgreSQL at ${where} has no connection slots left (too many clients).`,
      {
        status: 503,
        hint: 'Lower the pool size, or raise max_connections on the server.',
        details: { sqlstate: code },
        cause: err,
      },
    );
  }
  return new AppError('database_error', msg, {
    status: 500,
    ...(e.hint ? { hint: e.hint } : {}),
    details: { sqlstate: code || undefined, detail: e.detail, position: e.position },
    cause: err,
  });
}
