import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../errors/app-error';
import type { AllowedHosts } from './allowed-hosts';

/**
 * Refuses every request (API, static files, event streams) whose Host is not one of ours. Node
 * builds the request URL from Host, and `app.request()` in tests builds it from the path, so both
 * are checked: an absolute-form request line cannot smuggle another host in.
 */
export function hostGuard(hosts: AllowedHosts): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('host');
    const urlHost = new URL(c.req.url).host;
    const ok = hosts.allows(urlHost) && (header === undefined || hosts.allows(header));
    if (!ok) {
      throw new AppError('forbidden', 'This server does not answer to that host name.', {
        status: 403,
        hint: `Open Gatherscope at http://127.0.0.1 or http://localhost with its port, or add the name to GATHERSCOPE_ALLOWED_HOSTS (allowed now: ${hosts.describe()}).`,
      });
    }
    await next();
  };
}
