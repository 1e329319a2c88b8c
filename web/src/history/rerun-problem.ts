import { ApiRequestError, errorText } from '../api/client';
import type { HistoryItem } from './items';

/** What History says when Re-run fails, with a way on when there is one. */
export interface Problem {
  text: string;
  /** A page where the user can choose another database and start the same workload. */
  link?: { href: string; label: string };
}

/**
 * Re-run sends the record's own target. A run imported from another Gatherscope keeps that
 * install's saved connection, which this one does not have (nor a run whose connection was deleted
 * since): the server answers not_found on `target.id`, and its "may have been removed" would not
 * tell the user why, nor what to do.
 */
export function rerunProblem(e: unknown, item: Pick<HistoryItem, 'kind' | 'id'>): Problem {
  const unknownConnection =
    e instanceof ApiRequestError && e.code === 'not_found' && e.issues.some((i) => i.path === 'target.id');
  if (!unknownConnection) return { text: `Could not start it again: ${errorText(e)}` };
  const text =
    'Could not start it again: it ran on a saved connection this Gatherscope does not have (it was deleted, or the run was imported from another Gatherscope, whose connections stay there).';
  if (item.kind === 'load') {
    // Its page restores the form from the test (web/src/load/restore.ts).
    return {
      text: `${text} Its settings fill the Load test form on its page: choose one of your databases there and start.`,
      link: { href: `/load/${encodeURIComponent(item.id)}`, label: 'Open in the Load test form' },
    };
  }
  return {
    text: `${text} Its workload and settings are in the Profile form: choose a database there and run.`,
    link: { href: `/profile?run=${encodeURIComponent(item.id)}`, label: 'Open in the Profile form' },
  };
}
