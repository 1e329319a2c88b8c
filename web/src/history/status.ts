import type { RunStatus } from '@gatherscope/shared';

/**
 * One word per run status, the same in History, its filter and Compare: a cancelled run is
 * "Stopped" everywhere, since that is what the user did (the server's word is "cancelled").
 */
export const statusLabel: Record<RunStatus, string> = {
  completed: 'Completed',
  running: 'Running',
  cancelled: 'Stopped',
  failed: 'Failed',
};
