import {
  type CapturedRequest,
  type CaptureRecord,
  type EndpointSavings,
  ReplayRequestSchema,
  type ReplayStarted,
  type RequestGraph,
  RunRequestSchema,
} from '@gatherscope/shared';
import { Hono } from 'hono';
import { AppError } from '../errors/app-error';
import { type InferredGraph, inferDependencies } from '../gathering/infer';
import { predictGathering } from '../gathering/predict';
import { rankEndpoints } from '../gathering/rank';
import { rolledBackGroup } from '../gathering/rolled-back-group';
import { requestToWorkload } from '../gathering/to-workload';
import { parseInput } from '../input/parse-input';
import type { RunManager } from '../runs/manager';
import { assertRollbackAllowed, rollbackRefusal, type TargetResolver } from '../targets/targets';

export interface GatheringDeps {
  read: (id: string) => Promise<CaptureRecord>;
  runs?: RunManager | undefined;
  resolveTarget: TargetResolver;
}

/** A bind placeholder as drivers write it: $1 (PostgreSQL), %s or %(name)s (psycopg). */
const PLACEHOLDER = /\$\d+|%s|%\(\w+\)s/;

const basisOf = (r: CaptureRecord): InferredGraph['basis'] => (r.source === 'proxy' ? 'data' : 'timing');

function rttOf(q: string | undefined): number {
  const n = q === undefined || q === '' ? 0 : Number(q);
  if (!(Number.isFinite(n) && n >= 0 && n <= 500))
    throw new AppError(
      'validation_failed',
      `rtt must be a number of milliseconds from 0 to 500, got "${q}".`,
      {
        status: 400,
        hint: 'Pass ?rtt=0 for the database as it is, or the round trip your app sees (e.g. ?rtt=2).',
      },
    );
  return n;
}

function requestOf(record: CaptureRecord, rid: string): CapturedRequest {
  const request = record.capture.requests.find((r) => r.id === rid);
  if (!request)
    throw new AppError('not_found', `Capture ${record.id} has no request "${rid.slice(0, 64)}".`, {
      status: 404,
      hint:
        record.status === 'running'
          ? 'A request appears once it has closed (its trace or connection went quiet).'
          : `GET /api/captures/${record.id} lists its requests.`,
    });
  return request;
}

/** Whether the capture's database takes the request's writes rolled back; null when it cannot be asked. */
async function writeReplayOf(
  deps: GatheringDeps,
  record: CaptureRecord,
  writes: string[],
): Promise<RequestGraph['writeReplay']> {
  if (writes.length === 0) return null;
  const target = await deps.resolveTarget(record.target).catch(() => null);
  if (!target) return null;
  const refusal = rollbackRefusal(target, writes);
  return refusal
    ? { allowed: false, message: refusal.message, ...(refusal.hint ? { hint: refusal.hint } : {}) }
    : { allowed: true };
}

/** Statements of the request (by label) that a replay runs in its transaction that is rolled back. */
function rolledBackLabels(request: CapturedRequest, graph: InferredGraph, queryIds: Set<string>): string[] {
  const group = rolledBackGroup(request);
  return [...request.statements]
    .sort((a, b) => a.startMs - b.startMs)
    .filter((s) => group.has(s.id))
    .map((s) => graph.labels.get(s.id) ?? s.id)
    .filter((id) => queryIds.has(id));
}

/** The inferred graph of a request with its prediction, and what its workload would leave out or write. */
async function graphOf(
  deps: GatheringDeps,
  record: CaptureRecord,
  request: CapturedRequest,
  rttMs: number,
): Promise<RequestGraph> {
  const graph = inferDependencies(request, basisOf(record));
  const { writes, leftOut, queryIds } = await requestToWorkload(request, graph).then(
    (w) => ({ ...w, queryIds: new Set(w.workload.queries.map((q) => q.id)) }),
    () => ({ writes: [], leftOut: [], queryIds: new Set<string>() }),
  );
  return {
    basis: graph.basis,
    request,
    labels: Object.fromEntries(graph.labels),
    edges: graph.edges,
    prediction: predictGathering(request, graph, rttMs),
    writes,
    rolledBack: writes.length > 0 ? rolledBackLabels(request, graph, queryIds) : [],
    writeReplay: await writeReplayOf(deps, record, writes),
    leftOut,
  };
}

/**
 * What gathering would buy, on a stored capture (#14): endpoints ranked by predicted saving, one
 * request's inferred dependencies with their reasons, and its replay as an ORDINARY run (the run job
 * kind: timelines, statistics, verdict, permalink) with the edges the user kept.
 */
export function gatheringRoutes(deps: GatheringDeps): Hono {
  return new Hono()
    .get('/:id/endpoints', async (c) => {
      const record = await deps.read(c.req.param('id'));
      const rttMs = rttOf(c.req.query('rtt'));
      const body: EndpointSavings = {
        basis: basisOf(record),
        rttMs,
        endpoints: rankEndpoints(record.capture, rttMs, basisOf(record)).map((e) => ({
          group: e.group,
          savingPerRequestMs: e.savingPerRequestMs,
          totalSavingMs: e.totalSavingMs,
          representativeId: e.representative.id,
          prediction: predictGathering(e.representative, e.graph, rttMs),
        })),
      };
      return c.json(body);
    })
    .get('/:id/requests/:rid/graph', async (c) => {
      const record = await deps.read(c.req.param('id'));
      const request = requestOf(record, c.req.param('rid'));
      return c.json(await graphOf(deps, record, request, rttOf(c.req.query('rtt'))));
    })
    .post('/:id/requests/:rid/replay', async (c) => {
      const record = await deps.read(c.req.param('id'));
      const request = requestOf(record, c.req.param('rid'));
      const body = parseInput(
        ReplayRequestSchema,
        await c.req.json(),
        'replay request',
        'Fix the fields listed in `issues`.',
      );
      if (!deps.runs)
        throw new AppError('not_found', 'Runs are not available on this server.', { status: 404 });
      if (record.source !== 'proxy') {
        // A trace keeps the SQL but not the values bound to it: a replay would send the placeholders.
        const unbound = request.statements.filter((s) => s.params.length === 0 && PLACEHOLDER.test(s.sql));
        if (unbound.length > 0)
          throw new AppError(
            'validation_failed',
            `This request comes from a trace file, which records ${unbound.length} of its statements without the values of their placeholders, so it cannot be replayed as it ran.`,
            {
              status: 400,
              hint: 'Capture the app through Gatherscope (Capture page) to replay it, or write the values into a workload on the Profile page.',
            },
          );
      }
      const inferred = inferDependencies(request, basisOf(record));
      const ids = new Set(request.statements.map((s) => s.id));
      const unknown = body.edges?.find((e) => !ids.has(e.from) || !ids.has(e.to));
      if (unknown)
        throw new AppError(
          'validation_failed',
          `An edge names a statement this request does not have: ${unknown.from} → ${unknown.to}.`,
          {
            status: 400,
            hint: 'Edges go between statement ids of the request (s1, s2…), as the graph lists them.',
          },
        );
      const graph = body.edges ? { labels: inferred.labels, edges: body.edges } : inferred;
      const { workload, writes, leftOut } = await requestToWorkload(request, graph);
      const edges = body.edges
        ? inferred.edges.filter((e) => body.edges?.some((k) => k.from === e.from && k.to === e.to))
        : inferred.edges;
      // Writes run only inside each trial's transaction that is rolled back, with what must see them.
      const rolledBack =
        writes.length > 0
          ? rolledBackLabels(request, inferred, new Set(workload.queries.map((q) => q.id)))
          : [];
      if (writes.length > 0) assertRollbackAllowed(await deps.resolveTarget(record.target), writes);
      const prediction = predictGathering(
        request,
        { ...inferred, edges: [...edges, ...addedEdges(body.edges, inferred)] },
        body.rttMs,
      );
      const run = RunRequestSchema.parse({
        workload,
        strategies: body.strategies,
        trials: body.trials,
        warmup: body.warmup,
        rttMs: body.rttMs,
        target: record.target,
        detached: true,
        ...(rolledBack.length > 0 && { rolledBack }),
      });
      const { id } = await deps.runs.start(run);
      const started: ReplayStarted = {
        runId: id,
        runUrl: `/api/runs/${id}`,
        eventsUrl: `/api/runs/${id}/events`,
        prediction,
        leftOut,
        writes,
        rolledBack,
      };
      return c.json(started, 201);
    });
}

/** Edges the user added (not inferred): they order the prediction too. */
function addedEdges(kept: { from: string; to: string }[] | undefined, inferred: InferredGraph) {
  return (kept ?? [])
    .filter((k) => !inferred.edges.some((e) => e.from === k.from && e.to === k.to))
    .map((k) => ({ ...k, kind: 'data' as const, reason: 'added by you' }));
}
