import { describe, expect, it } from 'vitest';
import { AllowedHosts, isLoopbackAddress, parseAllowedHostsEnv } from './allowed-hosts';

describe('AllowedHosts', () => {
  const hosts = new AllowedHosts({ port: 4317, extra: ['gs.internal', 'proxy.example:8443'] });

  it('accepts the loopback names with the server port', () => {
    for (const h of ['localhost:4317', '127.0.0.1:4317', '[::1]:4317', 'LOCALHOST:4317']) {
      expect(hosts.allows(h), h).toBe(true);
    }
  });

  it('refuses other names, other ports, and rebinding-style tricks', () => {
    for (const h of [
      'evil.example:4317',
      'localhost:4318',
      'localhost',
      '127.0.0.2:4317',
      'localhost.:4317',
      'localhost.evil.example:4317',
      '127.0.0.1.nip.io:4317',
      'user@localhost:4317',
      'localhost:4317:4317',
      '',
      undefined,
    ]) {
      expect(hosts.allows(h), String(h)).toBe(false);
    }
  });

  it('accepts configured names with the server port, and exact name:port entries', () => {
    expect(hosts.allows('gs.internal:4317')).toBe(true);
    expect(hosts.allows('gs.internal:80')).toBe(false);
    expect(hosts.allows('proxy.example:8443')).toBe(true);
    expect(hosts.allows('proxy.example:4317')).toBe(false);
  });

  it('follows the port picked at listen time', () => {
    const h = new AllowedHosts({ port: 0 });
    h.setPort(5555);
    expect(h.allows('localhost:5555')).toBe(true);
    expect(h.allows('localhost:0')).toBe(false);
  });

  it('judges origins by scheme and host, refusing null and foreign origins', () => {
    expect(hosts.allowsOrigin('http://localhost:4317')).toBe(true);
    expect(hosts.allowsOrigin('http://127.0.0.1:4317')).toBe(true);
    expect(hosts.allowsOrigin('https://gs.internal')).toBe(true);
    for (const o of [
      'null',
      'http://evil.example:4317',
      'http://localhost:8080',
      'file://',
      'chrome-extension://abc',
      'http://localhost',
    ]) {
      expect(hosts.allowsOrigin(o), o).toBe(false);
    }
  });

  it('without a port, allows what app.request() sends: localhost on port 80', () => {
    const h = new AllowedHosts({ port: 80 });
    expect(h.allows('localhost')).toBe(true);
    expect(h.allows('localhost:80')).toBe(true);
  });

  it('recognises loopback bind addresses and parses the env list', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('0.0.0.0')).toBe(false);
    expect(isLoopbackAddress('192.168.1.2')).toBe(false);
    expect(parseAllowedHostsEnv(' a.example , b.example:9000,,')).toEqual(['a.example', 'b.example:9000']);
  });
});
