import { formatMs, type RunEvent } from '@gatherscope/shared';

/**
 * Progress on stderr: one redrawn line on a terminal, a line per tenth of the run otherwise (CI
 * logs), so stdout stays clean for `--json`.
 */
export function progressReporter(total: number, write: (s: string) => void, interactive: boolean) {
  let done = 0;
  let lastTenth = -1;
  return {
    onEvent(e: RunEvent): void {
      if (e.type !== 'trial') return;
      done++;
      const last = `${e.strategy}${e.warmup ? ' warm-up' : ''} trial ${e.trial}: ${formatMs(e.wallMs)}${e.failed ? ' (failed)' : ''}`;
      if (interactive) {
        write(`\r\x1b[2K[${done}/${total}] ${last}`);
      } else {
        // A line per tenth, worded as a share done (not "[4/36]" then "[8/36]", which read as skipped trials).
        const tenth = Math.floor((done / total) * 10);
        if (tenth !== lastTenth)
          write(`${Math.round((done / total) * 100)}% (${done} of ${total} trials done), last ${last}\n`);
        lastTenth = tenth;
      }
    },
    end(): void {
      if (interactive && done > 0) write('\r\x1b[2K');
    },
  };
}
