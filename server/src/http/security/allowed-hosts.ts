import net from 'node:net';
import os from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** True for addresses that only this machine can reach: the server needs no token there. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || (net.isIPv4(h) && h.startsWith('127.'));
}

/** A bind address that listens on every interface. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';
}

/** `::1` → `[::1]`, so a name compares with what browsers put in Host and Origin. */
function bracket(address: string): string {
  return net.isIPv6(address) ? `[${address.toLowerCase()}]` : address.toLowerCase();
}

export interface AllowedHostsOptions {
  /** The port the server listens on (set it again once a free port was picked). */
  port: number;
  /** Address the server binds to; names of the machine's interfaces are allowed when it is a wildcard. */
  bindHost?: string | undefined;
  /** Extra names from GATHERSCOPE_ALLOWED_HOSTS: `name` (with the server's port) or `name:port`. */
  extra?: readonly string[] | undefined;
}

/**
 * The Host values this server answers to. Checking Host is what stops DNS rebinding: a page from
 * evil.example whose name was re-pointed at 127.0.0.1 still sends `Host: evil.example`.
 */
export class AllowedHosts {
  private port: number;
  private readonly names: string[];
  private readonly exact = new Set<string>();

  constructor(opts: AllowedHostsOptions) {
    this.port = opts.port;
    this.names = [...LOOPBACK_NAMES];
    const bind = opts.bindHost ?? '127.0.0.1';
    if (isWildcard(bind)) {
      for (const list of Object.values(os.networkInterfaces())) {
        for (const i of list ?? []) this.names.push(bracket(i.address.replace(/%.*$/, '')));
      }
    } else if (!isLoopbackAddress(bind)) {
      this.names.push(bracket(bind));
    }
    for (const raw of opts.extra ?? []) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      if (/:\d+$/.test(entry) && !net.isIPv6(entry)) this.exact.add(entry);
      else this.names.push(bracket(entry));
    }
  }

  setPort(port: number): void {
    this.port = port;
  }

  /** `host` is a Host header value (`name[:port]`). */
  allows(host: string | undefined): boolean {
    if (!host) return false;
    const h = host.trim().toLowerCase();
    if (this.exact.has(h)) return true;
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(h);
    if (!m) return false;
    const name = m[1] ?? '';
    // Browsers omit the port when it is the scheme's default.
    const port = m[2] === undefined ? 80 : Number(m[2]);
    if (port !== this.port) return this.exact.has(`${name}:${port}`);
    return this.names.includes(name);
  }

  /** `origin` is an Origin header value: `http://name[:port]`. `null` and other schemes never match. */
  allowsOrigin(origin: string): boolean {
    let u: URL;
    try {
      u = new URL(origin);
    } catch {
      return false;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    if (u.pathname !== '/' || u.username || u.password) return false;
    if (u.port === '' && u.protocol === 'https:')
      return this.exact.has(`${u.hostname}:443`) || this.allowsBare(u.hostname);
    return this.allows(u.host);
  }

  /** An https origin behind a reverse proxy carries no port: allowed for configured names only. */
  private allowsBare(name: string): boolean {
    return this.names.includes(name) && !LOOPBACK_NAMES.includes(name);
  }

  /** For messages: what to put in GATHERSCOPE_ALLOWED_HOSTS. */
  describe(): string {
    return [...this.names.map((n) => `${n}:${this.port}`), ...this.exact].join(', ');
  }
}

export function parseAllowedHostsEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
