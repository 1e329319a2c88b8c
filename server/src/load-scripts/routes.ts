import { LoadScriptRequestSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { AppError } from '../errors/app-error';
import { parseInput } from '../input/parse-input';
import { resolveWorkload, type WorkloadCatalog } from '../workloads/catalog';
import { renderK6 } from './k6';
import { renderPgbench } from './pgbench';
import { planScript } from './script-plan';

/** A file name from a workload's name: letters, digits, dot, dash and underscore. */
const fileStem = (name: string) =>
  name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'workload';

/** `POST /api/load-scripts`: a workload and load model as a pgbench or k6 script, downloaded as a file. */
export function loadScriptRoutes(deps: { workloads: WorkloadCatalog }) {
  return new Hono().post('/', async (c) => {
    const body = parseInput(
      LoadScriptRequestSchema,
      await c.req.json().catch(() => undefined),
      'load script request',
    );
    if (body.format === 'k6' && body.strategy === 'pipelined') {
      throw new AppError(
        'validation_failed',
        'k6 (xk6-sql) sends one statement at a time: export the sequential strategy.',
        {
          status: 400,
          hint: 'Choose pgbench for the pipelined strategy.',
        },
      );
    }
    const workload = resolveWorkload(deps.workloads, body.workload);
    const plan = await planScript(workload);
    const file = `${fileStem(workload.name)}.${body.format === 'k6' ? 'js' : 'sql'}`;
    const options = {
      strategy: body.strategy,
      mode: body.mode,
      model: body.model,
      durationS: body.durationS,
      threads: body.threads,
    };
    const script = body.format === 'k6' ? renderK6(plan, options) : renderPgbench(plan, options, file);
    c.header('Content-Disposition', `attachment; filename="${file}"`);
    return c.body(script, 200, {
      'Content-Type': `${body.format === 'k6' ? 'text/javascript' : 'application/sql'}; charset=utf-8`,
    });
  });
}
