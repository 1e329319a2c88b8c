import fs from 'node:fs';
import path from 'node:path';
import { HealthSchema } from '@gatherscope/shared';
import { type APIRequestContext, test } from '@playwright/test';

/**
 * The URL (and password) of a database in the embedded PostgreSQL of the app this test's project talks to, with
 * the credentials the app stored in its data directory: it stands in for "your database", as a
 * user would paste it.
 */
export async function embeddedDatabase(
  request: APIRequestContext,
  database: string,
): Promise<{ url: string; password: string }> {
  const dataDir = test.info().project.metadata.dataDir as string;
  const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'embedded-credentials.json'), 'utf8')) as {
    user: string;
    password: string;
  };
  const health = HealthSchema.parse(await (await request.get('/api/health')).json());
  const url = `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${health.database.port}/${database}`;
  return { url, password: creds.password };
}
