import { RunRequestSchema } from '@gatherscope/shared';
import { parseInput } from '../input/parse-input';
import { jobRoutes } from '../jobs/routes';
import type { RunManager } from './manager';

/** `/api/runs`: start, list, read, follow (SSE with resume), stop and delete profiling runs. */
export function runRoutes(deps: {
  runs: RunManager;
  /** The run store: a finished run is streamed from its file. */
  files?: { finishedFile(id: string): string | undefined } | undefined;
}) {
  return jobRoutes(deps.runs, {
    files: deps.files,
    base: '/api/runs',
    listKey: 'runs',
    parse: (body) => parseInput(RunRequestSchema, body, 'run request'),
    notFoundHint: 'It may have been deleted. GET /api/runs lists the stored runs.',
  });
}
