import os from 'node:os';
import { AllowedHosts, isLoopbackAddress, isWildcard } from './allowed-hosts';
import type { SecurityOptions } from './index';
import { readOrCreateToken } from './token';

export interface ServerSecurity {
  options: SecurityOptions;
  /** Call once the server listens: records the real port (PORT=0) and returns the lines to print. */
  listening(port: number): string[];
}

function firstLanAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const i of list ?? []) if (i.family === 'IPv4' && !i.internal) return i.address;
  }
  return undefined;
}

/**
 * Loopback needs no token: only this machine can connect, and the Host and Origin checks keep web
 * pages out. Beyond loopback, anyone on the network could, so a token is required.
 */
export async function prepareServerSecurity(cfg: {
  host: string;
  port: number;
  dataDir: string;
  allowedHosts: string[];
}): Promise<ServerSecurity> {
  const hosts = new AllowedHosts({ port: cfg.port, bindHost: cfg.host, extra: cfg.allowedHosts });
  const token = isLoopbackAddress(cfg.host) ? undefined : await readOrCreateToken(cfg.dataDir);
  return {
    options: { hosts, token },
    listening(port) {
      hosts.setPort(port);
      if (!token) return [];
      const name = isWildcard(cfg.host) ? (firstLanAddress() ?? '127.0.0.1') : cfg.host;
      const shown = name.includes(':') ? `[${name}]` : name;
      return [
        `Listening beyond loopback: an access token is required. Sign in at http://${shown}:${port}/auth/login?token=${token}`,
      ];
    },
  };
}
