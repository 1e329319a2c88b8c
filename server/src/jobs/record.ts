import { newRecordId } from '../store/record-dir';
import type { JobRecord } from './types';

/** The lifecycle fields of a job that starts now: a new id (sortable, unguessable), running, no end yet. */
export function startingRecord(): JobRecord & { status: 'running'; finishedAt: null; error: null } {
  return {
    id: newRecordId(),
    createdAt: new Date().toISOString(),
    finishedAt: null,
    status: 'running',
    error: null,
  };
}
