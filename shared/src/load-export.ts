import { z } from 'zod';
import { RunExportSchema } from './export';
import { type LoadSecond, LoadTestRecordSchema } from './load-result';

/** The JSON export of a load test: a versioned envelope around the stored record, as the run's is. */
export const LOAD_TEST_EXPORT_FORMAT = 'gatherscope.load-test';

export const LoadTestExportSchema = RunExportSchema.omit({ format: true, run: true }).extend({
  format: z.literal(LOAD_TEST_EXPORT_FORMAT),
  loadTest: LoadTestRecordSchema,
});
export type LoadTestExport = z.infer<typeof LoadTestExportSchema>;

/** `POST /api/load-tests/import` takes the export envelope, or a bare load test record; it answers `ImportedRunSchema`. */
export const LoadTestImportSchema = z.union([LoadTestExportSchema, LoadTestRecordSchema]);

/** Errors of every group in one second of a load test. */
export const errorTotal = (s: Pick<LoadSecond, 'errors'>): number =>
  Object.values(s.errors).reduce((a, b) => a + b, 0);

/** Requests that succeeded in the second: what the final req/s counts, and what latency describes. */
export const okRequests = (s: Pick<LoadSecond, 'requests' | 'errors'>): number => s.requests - errorTotal(s);
