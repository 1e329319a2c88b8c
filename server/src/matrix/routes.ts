import {
  type DetectorReport,
  type ExcludedRun,
  type ModelCheck,
  PresetRunRequestSchema,
  type RunRecord,
  ScenarioIdSchema,
  WhatIfInputSchema,
  type WhatIfResponse,
} from '@gatherscope/shared';
import { Hono } from 'hono';
import { median } from '../engine/stats';
import { AppError } from '../errors/app-error';
import { parseInput } from '../input/parse-input';
import type { RunStore } from '../runs/store';
import { detectConsecutive } from './detector/detector';
import type { MatrixService } from './service';
import { whatIfCurve } from './what-if/curve';
import { predictWhatIf } from './what-if/model';
import { checkRun } from './what-if/model-check';

export interface MatrixRouteDeps {
  matrix: MatrixService;
  runStore?: RunStore | undefined;
}

const FIELDS_HINT = 'The fields named in `issues` say what to change.';

/** A JSON body that may be absent (the preset runs as it is); one that is present must parse. */
async function optionalJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON.', {
      status: 400,
      hint: 'Send a JSON object such as {"confirmHeavy": true, "latencyMs": 100}, or no body at all.',
    });
  }
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
  const report = (run: RunRecord): DetectorReport => {
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
      const id = parseInput(ScenarioIdSchema, c.req.param('id'), 'scenario id', FIELDS_HINT);
      const request = parseInput(
        PresetRunRequestSchema,
        await optionalJson(c.req.raw),
        'preset request',
        FIELDS_HINT,
      );
      return c.json(await deps.matrix.run(id, request, c.req.raw.signal));
    })
    .post('/stop', async (c) => {
      await deps.matrix.stop();
      return c.body(null, 204);
    })
    .post('/what-if', async (c) => {
      const input = parseInput(WhatIfInputSchema, await c.req.json(), 'what-if input', FIELDS_HINT);
      return c.json({ prediction: predictWhatIf(input), curve: whatIfCurve(input) } satisfies WhatIfResponse);
    })
    .get('/model-checks', async (c) => {
      const items = (deps.runStore?.list() ?? [])
        .filter((r) => r.status === 'completed')
        .slice(0, MAX_CHECKED_RUNS);
      const checks: ModelCheck[] = [];
      const excluded: ExcludedRun[] = [];
      for (const item of items) {
        const run = await deps.runStore?.get(item.id);
        if (!run) continue;
        const check = checkRun(run);
        if ('reason' in check) excluded.push(check);
        else if (check.rows.length) checks.push(check);
      }
      return c.json({ checks, excluded });
    })
    .get('/runs/:id/consecutive', async (c) => c.json(report(await runOf(c.req.param('id')))))
    .post('/runs/:id/consecutive/confirm', async (c) => {
      const run = await runOf(c.req.param('id'));
      return c.json({
        ...report(run),
        confirmation: await deps.matrix.confirm(run, c.req.raw.signal),
      } satisfies DetectorReport);
    });
}
