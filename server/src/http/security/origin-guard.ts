import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../errors/app-error';
import type { AllowedHosts } from './allowed-hosts';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** An EventSource always asks for `text/event-stream`; streams are guarded like state changes. */
function isEventStreamRequest(c: Context): boolean {
  return (c.req.header('accept') ?? '').toLowerCase().includes('text/event-stream');
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Who may drive the server:
 * - a request with an `Origin` must come from one of our own origins (any method: a foreign page
 *   has no business reading or changing anything here, and we never send CORS headers);
 * - without `Origin`, a browser still tells us where the request came from with `Sec-Fetch-Site`:
 *   state changes, event streams and API reads must be `same-origin` or `none` (typed in the
 *   address bar); `same-site` is refused too, since another port on localhost is the same site.
 *   Navigations to the app's pages from elsewhere (a permalink in a design doc) stay allowed;
 * - without either header the client is not a browser (the CLI, curl, scripts): a web page cannot
 *   send such a request, so it is allowed, and it still needs the token when one is configured.
 */
export function judgeOrigin(
  hosts: AllowedHosts,
  req: {
    method: string;
    path: string;
    origin?: string | undefined;
    site?: string | undefined;
    mode?: string | undefined;
    stream: boolean;
  },
): OriginVerdict {
  if (req.origin !== undefined) {
    return hosts.allowsOrigin(req.origin)
      ? { ok: true }
      : { ok: false, reason: `requests from ${req.origin.slice(0, 100)} are not accepted` };
  }
  const site = req.site?.toLowerCase();
  if (site === undefined || site === 'same-origin' || site === 'none') return { ok: true };
  const unsafe = !SAFE_METHODS.has(req.method);
  const apiRead = req.path.startsWith('/api/') && req.mode?.toLowerCase() !== 'navigate';
  if (unsafe || req.stream || apiRead) return { ok: false, reason: `${site} requests are not accepted` };
  return { ok: true };
}

export function originGuard(hosts: AllowedHosts): MiddlewareHandler {
  return async (c, next) => {
    const verdict = judgeOrigin(hosts, {
      method: c.req.method,
      path: c.req.path,
      origin: c.req.header('origin'),
      site: c.req.header('sec-fetch-site'),
      mode: c.req.header('sec-fetch-mode'),
      stream: isEventStreamRequest(c),
    });
    if (!verdict.ok) {
      throw new AppError(
        'forbidden',
        `Refused: ${verdict.reason}. Only Gatherscope's own pages may use its API.`,
        {
          status: 403,
          hint: 'Use Gatherscope from its own address (the one printed at start). Scripts can call the API without an Origin header.',
        },
      );
    }
    await next();
  };
}
