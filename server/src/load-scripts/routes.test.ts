import { ApiErrorSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cliHere } from '../../test/support/cli-here';
import { exportCommand } from '../cli/export';
import { handleError } from '../http/error-handler';
import { builtinCatalog } from '../workloads/catalog';
import { loadScriptRoutes } from './routes';

const app = new Hono()
  .onError(handleError(() => {}))
  .route('/api/load-scripts', loadScriptRoutes({ workloads: builtinCatalog }));
const post = (body: unknown) =>
  app.request('/api/load-scripts', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const closed = { kind: 'closed', vus: 8, thinkTimeMs: 0, rampUpS: 0 };

describe('POST /api/load-scripts', () => {
  it('downloads a built-in workload as a pgbench script named after it', async () => {
    const res = await post({
      format: 'pgbench',
      workload: 'user-dashboard',
      mode: 'prepared',
      model: closed,
      durationS: 30,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="user-dashboard.sql"');
    const text = await res.text();
    expect(text).toContain('-M prepared -c 8');
    expect(text).toContain('-T 30');
  });

  it('refuses a pipelined k6 script and an unknown workload with the reason', async () => {
    const k6 = await post({ format: 'k6', workload: 'user-dashboard', strategy: 'pipelined', model: closed });
    expect(k6.status).toBe(400);
    expect(ApiErrorSchema.parse(await k6.json()).error.message).toMatch(/one statement at a time/);
    const unknown = await post({ format: 'k6', workload: 'no-such-thing', model: closed });
    expect(unknown.status).toBe(400);
    expect(ApiErrorSchema.parse(await unknown.json()).error.code).toBe('unknown_workload');
  });
});

describe('gatherscope export', () => {
  const run = (argv: string[]) => cliHere(argv, [exportCommand({ workloads: builtinCatalog })]);

  it('prints a k6 script for the open model, and a pgbench one with its command', async () => {
    const k6 = await run(['export', 'k6', '--workload', 'user-dashboard', '--rate', '50', '-d', '20']);
    expect(k6.code).toBe(0);
    expect(k6.stdout).toContain('"executor": "constant-arrival-rate"');
    const pg = await run([
      'export',
      'pgbench',
      '-w',
      'dependent-dashboard',
      '--strategy',
      'pipelined',
      '--threads',
      '2',
    ]);
    expect(pg.code).toBe(0);
    expect(pg.stdout).toContain('\\startpipeline');
    expect(pg.stdout).toContain('-M extended -c 10 -j 2');
  });

  it('names a bad format, strategy or mode as a usage error', async () => {
    expect((await run(['export', 'jmeter', '-w', 'user-dashboard'])).code).toBe(2);
    const mode = await run(['export', 'pgbench', '-w', 'user-dashboard', '--mode', 'fast']);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain('--mode is one of extended, prepared, simple; got "fast"');
  });
});
