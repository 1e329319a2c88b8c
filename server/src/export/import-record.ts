import {
  type ImportedRun,
  LOAD_TEST_EXPORT_FORMAT,
  LoadTestImportSchema,
  type LoadTestRecord,
  LoadTestRecordSchema,
  RUN_EXPORT_FORMAT,
  RunImportSchema,
  type RunRecord,
  RunRecordSchema,
  zodIssues,
} from '@gatherscope/shared';
import type { Handler } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { HeavyGate } from '../http/heavy-gate';

/** What an importable kind of record is: its export format, the envelope's key, its schemas. */
export interface ImportKind<R> {
  /** Named in messages: "run", "load test". */
  label: string;
  format: string;
  /** The key of the record in the export envelope (`run`, `loadTest`). */
  key: string;
  /** The envelope or a bare record. */
  importSchema: z.ZodType<unknown>;
  recordSchema: z.ZodType<R>;
}

export const runImportKind: ImportKind<RunRecord> = {
  label: 'run',
  format: RUN_EXPORT_FORMAT,
  key: 'run',
  importSchema: RunImportSchema,
  recordSchema: RunRecordSchema,
};

export const loadTestImportKind: ImportKind<LoadTestRecord> = {
  label: 'load test',
  format: LOAD_TEST_EXPORT_FORMAT,
  key: 'loadTest',
  importSchema: LoadTestImportSchema,
  recordSchema: LoadTestRecordSchema,
};

type Importable = { id: string; status: string; imported?: { at: string; originalId: string } | undefined };

/**
 * Validates an uploaded record of `kind` (its JSON export, or a bare record) and gives it a new id
 * here: ids of another Gatherscope may collide with this one's. Everything else is kept as measured.
 */
export function prepareRecordImport<R extends Importable>(
  kind: ImportKind<R>,
  body: unknown,
  newId: string,
): { record: R; originalId: string } {
  const parsed = kind.importSchema.safeParse(body);
  const envelope =
    typeof body === 'object' && body !== null && (body as { format?: unknown }).format === kind.format;
  if (!parsed.success) {
    // Report the issues of the shape the file claims to be, not of the union.
    const inner = kind.recordSchema.safeParse(envelope ? (body as Record<string, unknown>)[kind.key] : body);
    const issues = inner.success ? zodIssues(parsed.error) : zodIssues(inner.error);
    const prefix = envelope && !inner.success ? `${kind.key}.` : '';
    const named = issues.map((i) => ({ path: `${prefix}${i.path}`, message: plainIssue(i.message) }));
    const first = named[0];
    const more =
      named.length > 1 ? ` (and ${named.length - 1} more problem${named.length === 2 ? '' : 's'})` : '';
    throw new AppError(
      'validation_failed',
      `This file is not a Gatherscope ${kind.label}${first ? `: ${first.path} ${first.message}${more}` : ''}.`,
      {
        status: 400,
        hint: `Import the JSON file a Gatherscope ${kind.label}'s "Export JSON" gave you, unchanged.`,
        details: { issues: named },
      },
    );
  }
  const data = parsed.data as Record<string, unknown>;
  const record = kind.recordSchema.parse(envelope ? data[kind.key] : data);
  if (record.status === 'running') {
    throw new AppError('validation_failed', `This ${kind.label} was still running when it was exported.`, {
      status: 400,
      hint: 'Export it again once it has finished.',
      details: { issues: [{ path: 'status', message: `a finished ${kind.label} is needed` }] },
    });
  }
  // A record imported twice keeps the id it had where it was measured.
  const originalId = record.imported?.originalId ?? record.id;
  return {
    record: { ...record, id: newId, imported: { at: new Date().toISOString(), originalId } },
    originalId,
  };
}

/** A run's import (the run store's). */
export const prepareImport = (body: unknown, newId: string) =>
  prepareRecordImport(runImportKind, body, newId);

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

/**
 * `POST /import` of a kind of record: the uploaded JSON validated as that kind and stored under a
 * new id; answers where it now is (`<page>/<id>`). Parsing a large upload takes its turn at the gate.
 */
export function importRoute<R extends Importable>(o: {
  kind: ImportKind<R>;
  newId: () => string;
  save(record: R): Promise<void>;
  /** The app's page of one record, e.g. `/runs`. */
  page: string;
  /** Where the API serves one record, e.g. `/api/runs`. */
  api: string;
  gate: HeavyGate;
}): Handler {
  return (c) =>
    o.gate.run(async () => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new AppError('bad_request', 'The file is not JSON.', {
          status: 400,
          hint: `Import the JSON file a Gatherscope ${o.kind.label}'s "Export JSON" gave you.`,
        });
      }
      const { record, originalId } = prepareRecordImport(o.kind, body, o.newId());
      await o.save(record);
      const answer: ImportedRun = { id: record.id, url: `${o.page}/${record.id}`, originalId };
      c.header('Location', `${o.api}/${record.id}`);
      return c.json(answer, 201);
    });
}
