import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../config';
import { withClient } from '../postgres';
import { bootDatabase } from './boot';

describe('bootDatabase', () => {
  it('with DATABASE_URL starts no embedded server and creates nothing', async () => {
    const url = inject('demoUrl');
    const tables = () =>
      withClient(
        url,
        async (q) => (await q(`SELECT count(*)::int AS n FROM pg_class WHERE relkind = 'r'`)).rows[0],
      );
    const before = await tables();
    const config = loadConfig({ DATABASE_URL: url, GATHERSCOPE_DATA_DIR: '/nonexistent/gatherscope' });
    const db = await bootDatabase(config, () => {});
    expect(db.embedded).toBeUndefined();
    expect(db.url).toBe(url);
    await db.stop();
    expect(await tables()).toEqual(before);
  });

  it('rejects a bad configuration with a message naming the variable', () => {
    expect(() => loadConfig({ GATHERSCOPE_DEMO_SCALE: 'lots' })).toThrow(/GATHERSCOPE_DEMO_SCALE/);
    expect(() => loadConfig({ PORT: '99999' })).toThrow(/PORT/);
    expect(() => loadConfig({ GATHERSCOPE_LOG: 'loud' })).toThrow(/GATHERSCOPE_LOG/);
  });
});
