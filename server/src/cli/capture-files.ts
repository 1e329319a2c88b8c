import fs from 'node:fs/promises';
import path from 'node:path';
import { type Capture, CaptureSchema } from '@gatherscope/shared';
import { inferDependencies } from '../gathering/infer';
import { predictGathering } from '../gathering/predict';
import { rankEndpoints } from '../gathering/rank';
import { requestToWorkload } from '../gathering/to-workload';
import { importTrace } from '../gathering/trace-import';
import { type CliIO, EXIT, UsageError } from './command';
import { numberFlag, parseFlags } from './flags';
import { fmtMs, renderTable } from './table';

export const captureFilesUsage = `Usage: gatherscope capture report <capture.json | trace.json> [--rtt <ms>] [--json]
       gatherscope capture to-workload <capture.json | trace.json> --request <id | route> [--out w.json]

report       the endpoints ranked by what gathering would save: predicted saving per request (from
             the dependencies inferred from the captured data and the captured durations, at --rtt
             per round trip, default 0) × requests. Also reads an OTLP JSON or Jaeger JSON trace,
             where dependencies come from the SQL and the timing only (no result data).
to-workload  one captured request (its id, or the route of an endpoint: its median request) as an
             ordinary workload file with dependsOn and ref parameters, for gatherscope run.`;

/** A capture file, or a trace file read as one. */
async function readCapture(
  file: string,
  cwd: string,
): Promise<{ capture: Capture; basis: 'data' | 'timing' }> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(path.resolve(cwd, file), 'utf8'));
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : `is not JSON (${(err as Error).message})`;
    throw new UsageError(`${file} ${why}.`);
  }
  const asCapture = CaptureSchema.safeParse(json);
  if (asCapture.success) return { capture: asCapture.data, basis: 'data' };
  if (typeof json === 'object' && json !== null && ('resourceSpans' in json || 'data' in json)) {
    return { capture: (await importTrace(json, path.basename(file))).capture, basis: 'timing' };
  }
  throw new UsageError(
    `${file} is neither a Gatherscope capture (gatherscope capture --out) nor an OTLP or Jaeger JSON trace: ${asCapture.error.issues[0]?.path.join('.')}: ${asCapture.error.issues[0]?.message}`,
  );
}

export async function runCaptureFiles(
  sub: 'report' | 'to-workload',
  argv: string[],
  io: CliIO,
  cwd = process.cwd(),
) {
  const file = argv[0];
  if (!file || file.startsWith('-'))
    throw new UsageError(`gatherscope capture ${sub} needs a capture or trace file.`);
  const f = parseFlags(argv.slice(1), {
    rtt: { type: 'string' },
    json: { type: 'boolean' },
    request: { type: 'string', short: 'r' },
    out: { type: 'string', short: 'o' },
  });
  const { capture, basis } = await readCapture(file, cwd);
  const rttMs = numberFlag('--rtt', f.rtt) ?? 0;
  if (!(rttMs >= 0 && rttMs <= 500)) throw new UsageError('--rtt is from 0 to 500 ms.');
  const ranked = rankEndpoints(capture, rttMs, basis);
  if (sub === 'report') {
    if (f.json) {
      io.stdout(
        `${JSON.stringify(
          {
            basis,
            rttMs,
            endpoints: ranked.map((r) => ({
              endpoint: r.group.endpoint,
              requests: r.group.requests,
              medianWallMs: r.group.medianWallMs,
              predictedSavingPerRequestMs: r.savingPerRequestMs,
              predictedTotalSavingMs: r.totalSavingMs,
              representativeRequest: r.representative.id,
            })),
          },
          null,
          2,
        )}\n`,
      );
      return EXIT.ok;
    }
    io.stdout(
      `${renderTable(
        ['endpoint', 'requests', 'median ms', 'saving/request ms', 'saving total ms', 'request'],
        ranked.map((r) => [
          r.group.endpoint.length > 50 ? `${r.group.endpoint.slice(0, 49)}…` : r.group.endpoint,
          String(r.group.requests),
          fmtMs(r.group.medianWallMs),
          fmtMs(r.savingPerRequestMs),
          fmtMs(r.totalSavingMs),
          r.representative.id,
        ]),
      )}\n`,
    );
    io.stderr(
      basis === 'timing'
        ? 'Imported trace: no result data, so a use of an earlier result cannot be seen: dependencies come from the SQL and the timing only, and each saving is an upper bound.\n'
        : `Predicted from the dependencies in the captured data and the captured durations, at ${rttMs} ms per round trip. Measure one: gatherscope capture to-workload ${file} --request <request>, then gatherscope run.\n`,
    );
    return EXIT.ok;
  }
  if (!f.request)
    throw new UsageError('--request is required: a request id, or an endpoint route (its median request).');
  const request =
    capture.requests.find((r) => r.id === f.request) ??
    ranked.find((r) => r.group.endpoint === f.request || r.group.endpoint === `/${f.request}`)
      ?.representative;
  if (!request) {
    throw new UsageError(
      `No request or endpoint "${f.request}" in ${file}. Endpoints: ${ranked.map((r) => r.group.endpoint).join(', ') || 'none'}.`,
    );
  }
  const graph = inferDependencies(request, basis);
  const { workload, writes, leftOut } = await requestToWorkload(request, graph);
  const text = `${JSON.stringify(workload, null, 2)}\n`;
  if (f.out) await fs.writeFile(path.resolve(cwd, f.out), text);
  else io.stdout(text);
  const p = predictGathering(request, graph, rttMs);
  io.stderr(
    `${[
      `${f.out ? `Wrote ${f.out}: ` : ''}request ${request.id} as workload "${workload.name}", ${workload.queries.length} queries.`,
      ...graph.edges.map((e) => `  ${graph.labels.get(e.to)} after ${graph.labels.get(e.from)}: ${e.reason}`),
      ...leftOut.map((l) => `  left out ${l.id}: ${l.why}`),
      ...(writes.length
        ? [
            `  writes: ${writes.join(', ')} (replaying needs a connection with writes allowed; the demo rolls them back)`,
          ]
        : []),
      `Predicted: sequential ${fmtMs(p.sequentialMs)} ms, dependency-aware ${fmtMs(p.dependencyAwareMs)} ms (saving ${fmtMs(p.savingMs)} ms per request at ${rttMs} ms RTT).`,
      `Measure: gatherscope run --workload ${f.out ?? 'w.json'} --strategies sequential,dependency-aware,concurrent${rttMs ? ` --rtt ${rttMs}` : ''}`,
    ].join('\n')}\n`,
  );
  return EXIT.ok;
}
