import { LoadTestRequestSchema } from '@gatherscope/shared';
import { parseInput } from '../input/parse-input';
import { jobRoutes } from '../jobs/routes';
import type { LoadTestManager } from './manager';

/** `/api/load-tests`: start, list, read, follow (SSE with resume), stop and delete load tests. */
export function loadTestRoutes(tests: LoadTestManager) {
  return jobRoutes(tests, {
    base: '/api/load-tests',
    listKey: 'loadTests',
    parse: (body) => parseInput(LoadTestRequestSchema, body, 'load test request'),
    notFoundHint: 'GET /api/load-tests lists the stored load tests.',
    heartbeatMs: 5_000,
  });
}
