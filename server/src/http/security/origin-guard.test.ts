import { describe, expect, it } from 'vitest';
import { AllowedHosts } from './allowed-hosts';
import { judgeOrigin } from './origin-guard';

const hosts = new AllowedHosts({ port: 4317 });
const base = { method: 'GET', path: '/api/runs', stream: false };

describe('judgeOrigin', () => {
  it('lets the app itself do anything', () => {
    expect(
      judgeOrigin(hosts, { ...base, method: 'POST', origin: 'http://127.0.0.1:4317', site: 'same-origin' })
        .ok,
    ).toBe(true);
    expect(judgeOrigin(hosts, { ...base, stream: true, site: 'same-origin' }).ok).toBe(true);
  });

  it('refuses a foreign Origin for every method, reads included', () => {
    for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS']) {
      expect(judgeOrigin(hosts, { ...base, method, origin: 'http://evil.example' }).ok, method).toBe(false);
    }
    expect(judgeOrigin(hosts, { ...base, method: 'POST', origin: 'null' }).ok).toBe(false);
  });

  it('refuses cross-site and same-site state changes, streams and API reads without an Origin', () => {
    for (const site of ['cross-site', 'same-site']) {
      expect(judgeOrigin(hosts, { ...base, method: 'POST', site }).ok).toBe(false);
      expect(judgeOrigin(hosts, { ...base, stream: true, site }).ok).toBe(false);
      expect(judgeOrigin(hosts, { ...base, site, mode: 'no-cors' }).ok).toBe(false);
    }
  });

  it('allows a cross-site navigation to a page (a permalink in a design doc)', () => {
    expect(judgeOrigin(hosts, { ...base, path: '/runs/abc', site: 'cross-site', mode: 'navigate' }).ok).toBe(
      true,
    );
  });

  it('allows non-browser clients (no Origin, no Sec-Fetch-Site): a web page cannot send such a request', () => {
    expect(judgeOrigin(hosts, { ...base, method: 'POST' }).ok).toBe(true);
    expect(judgeOrigin(hosts, { ...base, method: 'POST', site: 'none' }).ok).toBe(true);
  });
});
