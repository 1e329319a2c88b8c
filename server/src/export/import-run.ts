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
    const named = issues.map((i) => ({ path: `${prefix}${i.path}`, message: plainIssue(i.message) }));
    const first = named[0];
    const more =
      named.length > 1 ? ` (and ${named.length - 1} more problem${named.length === 2 ? '' : 's'})` : '';
    throw new AppError(
      'validation_failed',
      `This file is not a Gatherscope run${first ? `: ${first.path} ${first.message}${more}` : ''}.`,
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

const KINDS: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
  undefined: 'nothing',
};

/** zod's wording ("Invalid input: expected string, received undefined") as a sentence about the field. */
export function plainIssue(message: string): string {
  const typed = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (typed) {
    const [, want = '', got = ''] = typed;
    if (got === 'undefined') return `is missing (${KINDS[want] ?? want} is needed)`;
    return `should be ${KINDS[want] ?? want}, not ${KINDS[got] ?? got}`;
  }
  const option = /^Invalid option: expected one of (.+)$/.exec(message);
  if (option) return `should be one of ${option[1]?.replaceAll('|', ', ')}`;
  return message.startsWith('Invalid') ? message.toLowerCase() : message;
}
