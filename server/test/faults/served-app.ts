import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll } from 'vitest';
import { AllowedHosts } from '../../src/http/security';
import { type AppUnderTest, appUnderTest } from '../security/app-under-test';

/**
 * The real app served over real HTTP on a free port for the suite it is called in (it registers
 * its own beforeAll/afterAll): a viewer that leaves is a TCP connection that closes, which
 * `app.request()` cannot show. `base` is the app's origin once the suite has started.
 */
export function servedApp(databaseUrl: string): { readonly base: string } {
  const hosts = new AllowedHosts({ port: 0 });
  const served = { base: '' };
  let t: AppUnderTest | undefined;
  let server: ReturnType<typeof serve> | undefined;
  beforeAll(async () => {
    t = await appUnderTest(databaseUrl, { hosts });
    const s = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
    server = s;
    await new Promise<void>((r) => s.once('listening', () => r()));
    const port = (s.address() as AddressInfo).port;
    hosts.setPort(port);
    served.base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => server?.close(r));
  });
  return served;
}
