import {
  RUN_EXPORT_FORMAT,
  RunImportSchema,
  type RunRecord,
  RunRecordSchema,
  zodIssues,
} from '@gatherscope/shared';
import { AppError } from '../errors/app-error';

/**
 * Validates an uploaded run (the JSON export, or a bare record) and gives it a new id here: ids of
 * another Gatherscope may collide with this one's. Everything else is kept as measured.
 */
export function prepareImport(body: unknown, newId: string): { record: RunRecord; originalId: string } {
  const parsed = RunImportSchema.safeParse(body);
  if (!parsed.success) {
    const looksLikeExport =
      typeof body === 'object' &&
      body !== null &&
      (body as { format?: unknown }).format === RUN_EXPORT_FORMAT;
    // Report the issues of the shape the file claims to be, not of the union.
    const inner = looksLikeExport
      ? RunRecordSchema.safeParse((body as { run?: unknown }).run)
      : RunRecordSchema.safeParse(body);
    const issues = inner.success ? zodIssues(parsed.error) : zodIssues(inner.error);
    const prefix = looksLikeExport && !inner.success ? 'run.' : '';
    const named = issues.map((i) => ({ ...i, path: `${prefix}${i.path}` }));
    const first = named[0];
    throw new AppError(
      'validation_failed',
      `This file is not a Gatherscope run${first ? `: ${first.path}: ${first.message}` : ''}.`,
      {
        status: 400,
        hint: 'Import the JSON file a Gatherscope "Export JSON" gave you, unchanged.',
        details: { issues: named },
      },
    );
  }
  const run = 'format' in parsed.data ? parsed.data.run : parsed.data;
  if (run.status === 'running') {
    throw new AppError('validation_failed', 'This run was still running when it was exported.', {
      status: 400,
      hint: 'Export it again once it has finished.',
      details: { issues: [{ path: 'status', message: 'a finished run is needed' }] },
    });
  }
  // A run imported twice keeps the id it had where it was measured.
  const originalId = run.imported?.originalId ?? run.id;
  return {
    record: { ...run, id: newId, imported: { at: new Date().toISOString(), originalId } },
    originalId,
  };
}
