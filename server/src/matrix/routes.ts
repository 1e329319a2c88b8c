import {
  type DetectorReport,
  type ModelCheck,
  ScenarioIdSchema,
  WhatIfInputSchema,
  type WhatIfResponse,
  zodIssues,
} from '@gatherscope/shared';
import { Hono } from 'hono';
import type { z } from 'zod';
import { median } from '../engine/stats';
import { AppError } from '../http/errors';
import type { RunStore } from '../runs/store';
import { whatIfCurve } from './curve';
import { detectConsecutive } from './detector';
import { predictWhatIf } from './model';
import { checkRun } from './model-check';
import type { MatrixService } from './service';

export interface MatrixRouteDeps {
  matrix: MatrixService;
  runStore?: RunStore | undefined;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new AppError('validation_failed', `The ${what} is not valid.`, {
      status: 400,
      hint: 'The fields named in the issues say what to change.',
      details: { issues: zodIssues(r.error) },
    });
  }
  return r.data;
}

const MAX_CHECKED_RUNS = 50;

export function matrixRoutes(deps: MatrixRouteDeps) {
  const runOf = async (id: string) => {
    const run = await deps.runStore?.get(id);
    if (!run) {
      throw new AppError('not_found', `No stored run with id "${id}".`, {
        status: 404,
        hint: 'Pick a run from the History page; runs are listed at GET /api/runs.',
      });
    }
    return run;
  };
  const report = async (id: string): Promise<DetectorReport> => {
    const run = await runOf(id);
    const findings = detectConsecutive(run.trials, run.workload.queries);
    return {
      runId: run.id,
      workload: run.workload.name,
      findings,
      predictedSavingMs: findings.length ? median(findings.map((f) => f.savingMs)) : null,
      confirmation: null,
    };
  };

  return new Hono()
    .get('/', (c) => c.json(deps.matrix.matrix()))
    .post('/scenarios/:id/run', async (c) => {
      const id = parse(ScenarioIdSchema, c.req.param('id'), 'scenario id');
      return c.json(await deps.matrix.run(id, c.req.raw.signal));
    })
    .post('/what-if', async (c) => {
      const input = parse(WhatIfInputSchema, await c.req.json(), 'what-if input');
      return c.json({ prediction: predictWhatIf(input), curve: whatIfCurve(input) } satisfies WhatIfResponse);
    })
    .get('/model-checks', async (c) => {
      const items = (deps.runStore?.list() ?? [])
        .filter((r) => r.status === 'completed')
        .slice(0, MAX_CHECKED_RUNS);
      const checks: ModelCheck[] = [];
      for (const item of items) {
        const run = await deps.runStore?.get(item.id);
        const check = run ? checkRun(run) : null;
        if (check?.rows.length) checks.push(check);
      }
      return c.json({ checks });
    })
    .get('/runs/:id/consecutive', async (c) => c.json(await report(c.req.param('id'))))
    .post('/runs/:id/consecutive/confirm', async (c) => {
      const base = await report(c.req.param('id'));
      const run = await runOf(base.runId);
      return c.json({
        ...base,
        confirmation: await deps.matrix.confirm(run, c.req.raw.signal),
      } satisfies DetectorReport);
    });
}
