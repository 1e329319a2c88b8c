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
      const text = `[${done}/${total}] ${e.strategy}${e.warmup ? ' warm-up' : ''} trial ${e.trial}: ${formatMs(e.wallMs)}${e.failed ? ' (failed)' : ''}`;
      if (interactive) {
        write(`\r\x1b[2K${text}`);
      } else {
        const tenth = Math.floor((done / total) * 10);
        if (tenth !== lastTenth) write(`${text}\n`);
        lastTenth = tenth;
      }
    },
    end(): void {
      if (interactive && done > 0) write('\r\x1b[2K');
    },
  };
}
