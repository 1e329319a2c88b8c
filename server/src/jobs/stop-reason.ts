import type { RecordError } from '@gatherscope/shared';

/**
 * Why a job was stopped. Only `requested` (someone pressed Stop) leaves the record without an
 * error: every other cause is written into the record, so its page says why it stopped.
 */
export type StopCause = 'requested' | 'unwatched' | 'never-watched' | 'shutdown' | 'deleted';

const watchHint = (label: string) =>
  `A ${label} stops when no page shows it, so no query is left running on the database. Keep its page open (moving to other pages of the app is fine), or start it detached (API: "detached": true).`;

/** What the record of a job stopped for `cause` says about it; null for a stop that was asked for. */
export function stopError(cause: StopCause, label: string): RecordError | null {
  switch (cause) {
    case 'requested':
    case 'deleted':
      return null;
    case 'unwatched':
      return { code: 'job_unwatched', message: 'Stopped: its page was closed.', hint: watchHint(label) };
    case 'never-watched':
      return {
        code: 'job_unwatched',
        message: 'Stopped: nobody opened its page after it was started.',
        hint: watchHint(label),
      };
    case 'shutdown':
      return {
        code: 'server_shutdown',
        message: 'Stopped: the Gatherscope server shut down.',
        hint: `What was measured so far is kept; start the ${label} again.`,
      };
  }
}

/** The abort reason a job's signal carries: an Error (so `signal.throwIfAborted` throws one) with its cause. */
export class JobStopped extends Error {
  constructor(readonly cause: StopCause) {
    super(`stopped: ${cause}`);
    this.name = 'JobStopped';
  }
}
