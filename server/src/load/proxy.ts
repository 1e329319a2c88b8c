import { parseDatabaseUrl } from '../db/target';
import { startLatencyProxy } from '../proxy/latency-proxy';
import type { OpenProxy } from './runner';

/** Puts the latency proxy in front of the database and rewrites the URL to go through it. */
export const openLatencyProxy: OpenProxy = async (targetUrl, rttMs) => {
  const t = parseDatabaseUrl(targetUrl);
  const proxy = await startLatencyProxy({ targetHost: t.host, targetPort: t.port, rttMs });
  const u = new URL(targetUrl);
  u.hostname = proxy.host;
  u.port = String(proxy.port);
  return { url: u.toString(), close: () => proxy.close() };
};
