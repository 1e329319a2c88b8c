import { z } from 'zod';
import { RunRecordSchema } from './run';

/** The JSON export of a run: a versioned envelope around the record, re-importable into any Gatherscope. */
export const RUN_EXPORT_FORMAT = 'gatherscope.run';

export const RunExportSchema = z.object({
  format: z.literal(RUN_EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  /** Version of the Gatherscope that wrote it. */
  app: z.string(),
  run: RunRecordSchema,
});
export type RunExport = z.infer<typeof RunExportSchema>;

/** `POST /api/runs/import` takes the export envelope, or a bare run record. */
export const RunImportSchema = z.union([RunExportSchema, RunRecordSchema]);

export const ImportedRunSchema = z.object({
  id: z.string(),
  /** Permalink of the imported run in this Gatherscope. */
  url: z.string(),
  /** The id the run had where it was exported. */
  originalId: z.string(),
});
export type ImportedRun = z.infer<typeof ImportedRunSchema>;

/**
 * The file name (without extension) of every export of a run or a load test (`load`: its names say
 * so, as a CSV of a test and of a run of one workload must not be taken for each other), from the
 * server or the browser.
 */
export function exportBaseName(
  run: { id: string; workload: { name: string } },
  kind: 'run' | 'load' = 'run',
): string {
  const slug = run.workload.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return kind === 'load'
    ? `gatherscope-load-${slug || 'test'}-${run.id}`
    : `gatherscope-${slug || 'run'}-${run.id}`;
}
