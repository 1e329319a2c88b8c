import type { Command } from '../../src/cli/command';
import { commands } from '../../src/cli/commands';
import { dispatch } from '../../src/cli/main';

/** What a command printed and the exit code it returned. */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `gatherscope <argv>` in this process, through the dispatcher that bin/gatherscope.mjs calls
 * (runCli → dispatch): what it prints and returns, without a process start (about 1 CPU-second
 * through tsx). Spawn the bin only where the process is the subject: exit codes end to end, signals,
 * piped output.
 */
export async function cliHere(
  argv: string[],
  commandList: readonly Command[] = commands,
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await dispatch(argv, commandList, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    interactive: false,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}
