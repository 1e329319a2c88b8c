import type { Matrix, PresetRunRequestSchema } from '@gatherscope/shared';
import type { z } from 'zod';
import { parseDatabaseUrl } from '../db/target';
import { AppError } from '../errors/app-error';
import type { ScenarioDef } from './scenarios';

type ParsedRequest = z.output<typeof PresetRunRequestSchema>;

/** How the page names the database the presets run on: never the URL, only where it points. */
export function presetDatabase(databaseUrl: string, embedded: boolean): Matrix['database'] {
  if (embedded) return { label: 'the embedded demo shop', embedded };
  try {
    const t = parseDatabaseUrl(databaseUrl);
    return { label: `DATABASE_URL: database "${t.database}" on ${t.host}:${t.port}`, embedded };
  } catch {
    return { label: 'DATABASE_URL', embedded };
  }
}

/**
 * Refuses a request the preset must not run as asked: a heavy preset (load, CPU) on a database
 * other than the embedded demo without `confirmHeavy`, or a latency for a preset that calls no mock
 * service. Both before anything touches the database.
 */
export function assertPresetRequest(
  scenario: ScenarioDef,
  request: ParsedRequest,
  database: Matrix['database'],
): void {
  if (scenario.heavy && !database.embedded && !request.confirmHeavy) {
    throw new AppError(
      'confirmation_required',
      `"${scenario.title}" loads the database hard, and it would run on ${database.label}, not on the embedded demo.`,
      {
        status: 409,
        hint: 'Confirm on the Decision matrix page (or send {"confirmHeavy": true}) only if this database can take it, e.g. not a production primary; or start Gatherscope without DATABASE_URL to run it on the embedded demo.',
        details: { issues: [{ path: 'confirmHeavy', message: 'required (true) on this database' }] },
      },
    );
  }
  if (request.latencyMs !== undefined && !scenario.mockLatency) {
    throw new AppError(
      'validation_failed',
      `"${scenario.title}" calls no mock service: latencyMs does not apply.`,
      {
        status: 400,
        hint: 'Only the gateway and batch presets take a mock latency; leave latencyMs out for the others.',
        details: { issues: [{ path: 'latencyMs', message: 'not used by this preset' }] },
      },
    );
  }
}
