import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareServerSecurity } from './startup';

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-startup-'));

describe('prepareServerSecurity', () => {
  it('needs no token on loopback, and follows the port picked at listen time', async () => {
    const dataDir = await tmp();
    const s = await prepareServerSecurity({ host: '127.0.0.1', port: 0, dataDir, allowedHosts: [] });
    expect(s.options.token).toBeUndefined();
    expect(s.listening(43210)).toEqual([]);
    expect(s.options.hosts.allows('127.0.0.1:43210')).toBe(true);
    await expect(fs.access(path.join(dataDir, 'auth-token'))).rejects.toThrow();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('beyond loopback: creates the token and prints the login URL with it', async () => {
    const dataDir = await tmp();
    const s = await prepareServerSecurity({ host: '0.0.0.0', port: 4317, dataDir, allowedHosts: ['gs.lan'] });
    const token = s.options.token ?? '';
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect((await fs.readFile(path.join(dataDir, 'auth-token'), 'utf8')).trim()).toBe(token);
    const [line] = s.listening(4317);
    expect(line).toMatch(new RegExp(`http://\\S+:4317/auth/login\\?token=${token}$`));
    expect(s.options.hosts.allows('gs.lan:4317')).toBe(true);
    await fs.rm(dataDir, { recursive: true, force: true });
  });
});
