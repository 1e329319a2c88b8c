import type { Hono } from 'hono';
import { AllowedHosts } from './allowed-hosts';
import { mountLogin, tokenGuard } from './auth';
import { DEFAULT_MAX_BODY_BYTES, requestBodyLimit } from './body-limit';
import { securityHeaders } from './headers';
import { hostGuard } from './host-guard';
import { originGuard } from './origin-guard';

export { AllowedHosts } from './allowed-hosts';
export { sessionCookieName } from './auth';
export { readOrCreateToken } from './token';

export interface SecurityOptions {
  hosts: AllowedHosts;
  /** Set when the server listens beyond loopback: every request then needs it. */
  token?: string | undefined;
  maxBodyBytes?: number | undefined;
}

/**
 * Without options (API tests with `app.request()`), the server answers to localhost, 127.0.0.1 and
 * [::1] on the default port, which is what `app.request('/path')` sends.
 */
const defaultSecurity = (): SecurityOptions => ({ hosts: new AllowedHosts({ port: 80 }) });

/** Registers the guards before any route, in the order that matters: host, origin, token, body, login. */
export function applySecurity(app: Hono, opts: SecurityOptions = defaultSecurity()): void {
  app.use('*', securityHeaders());
  app.use('*', hostGuard(opts.hosts));
  app.use('*', originGuard(opts.hosts));
  if (opts.token) app.use('*', tokenGuard(opts.token));
  app.use('*', requestBodyLimit(opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  // After the body limit: the login form is the one body anyone on the network may send unsigned.
  if (opts.token) mountLogin(app, opts.token);
}
