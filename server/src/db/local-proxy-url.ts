import type pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

/** Carries the host the user named through the rewritten URL; never sent to PostgreSQL. */
const TLS_HOST_PARAM = 'gatherscope_tls_host';

/**
 * `url` rerouted through a proxy on this machine (the latency proxy). The host the user named is
 * kept so that TLS still verifies the server's certificate against it (see `clientConfig`): with
 * `sslmode=require` or `verify-full` node-postgres would otherwise check it against 127.0.0.1.
 */
export function viaLocalProxy(url: string, proxy: { host: string; port: number }): string {
  const u = new URL(url);
  const original = u.hostname.replace(/^\[(.*)\]$/, '$1');
  u.hostname = proxy.host;
  u.port = String(proxy.port);
  if (original !== proxy.host) u.searchParams.set(TLS_HOST_PARAM, original);
  return u.toString();
}

/** The TLS options that verify the server as `host`: SNI and identity for a name, identity only for an address. */
function tlsIdentity(ssl: pg.ClientConfig['ssl'], host: string): pg.ClientConfig['ssl'] {
  if (!ssl) return ssl;
  const base = typeof ssl === 'object' ? ssl : {};
  const isAddress = /^[\d.]+$/.test(host) || host.includes(':');
  return isAddress ? { ...base, host } : { ...base, servername: host };
}

/**
 * node-postgres settings for a database URL: the URL itself, or, for a URL rerouted through a local
 * proxy, the parsed settings with the TLS identity of the original host (node-postgres lets the URL's
 * `ssl` win over the config's, so the two cannot be combined).
 */
export function clientConfig(url: URL): pg.ClientConfig {
  const tlsHost = url.searchParams.get(TLS_HOST_PARAM);
  if (tlsHost === null) return { connectionString: url.toString() };
  const u = new URL(url);
  u.searchParams.delete(TLS_HOST_PARAM);
  const config = parseIntoClientConfig(u.toString());
  return { ...config, ssl: tlsIdentity(config.ssl, tlsHost) };
}
