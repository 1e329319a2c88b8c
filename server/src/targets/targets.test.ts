import { describe, expect, inject, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { createTargetResolver } from './targets';

describe('createTargetResolver', () => {
  const demoUrl = inject('demoUrl');

  it('describes the default database by name and version, never by URL', async () => {
    const t = await createTargetResolver({ databaseUrl: demoUrl, embedded: true })({ kind: 'default' });
    expect(t.url).toBe(demoUrl);
    expect(t.readOnly).toBe(true);
    expect(t.database).toMatchObject({
      name: 'gatherscope_demo',
      label: 'Embedded demo shop',
      embedded: true,
    });
    expect(t.database.serverVersion).toMatch(/^\d+/);
    expect(JSON.stringify(t.database)).not.toContain('postgres://');
  });

  it('refuses an unreachable database with its host and port, without the password', async () => {
    const resolve = createTargetResolver({
      databaseUrl: 'postgres://u:s3cret@127.0.0.1:1/x',
      embedded: false,
    });
    const err = await resolve({ kind: 'default' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('database_unreachable');
    expect((err as AppError).message).toContain('127.0.0.1:1');
    expect((err as AppError).message).not.toContain('s3cret');
  });

  it('resolves saved connections through the lookup, read-only unless writes were allowed', async () => {
    const none = createTargetResolver({ databaseUrl: demoUrl, embedded: true });
    await expect(none({ kind: 'connection', id: 'abc' })).rejects.toMatchObject({ status: 404 });
    const withLookup = (allowWrites: boolean) =>
      createTargetResolver({
        databaseUrl: demoUrl,
        embedded: true,
        lookupConnection: async (id) => ({ url: demoUrl, name: `saved ${id}`, allowWrites }),
      })({ kind: 'connection', id: 'abc' });
    expect(await withLookup(false)).toMatchObject({
      readOnly: true,
      database: { label: 'saved abc', embedded: false },
    });
    expect((await withLookup(true)).readOnly).toBe(false);
  });
});
