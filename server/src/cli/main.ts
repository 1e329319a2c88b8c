import { likelyField } from '@gatherscope/shared';
import { isAppError } from '../errors/app-error';
import { isSignalCopy } from '../process/repeated-signal';
import { type CliIO, type Command, EXIT, UsageError, withHint } from './command';

export function globalUsage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Gatherscope: sequential vs concurrent database queries, measured on your own PostgreSQL.

Usage: gatherscope <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`gatherscope <command> --help\` for the options of a command.`;
}

/** Dispatches to a subcommand and turns every failure into a message and an exit code. */
export async function dispatch(argv: string[], commands: readonly Command[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`${globalUsage(commands)}\n`);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${globalUsage(commands)}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const guess = likelyField(
      name,
      commands.map((c) => c.name),
    );
    io.stderr(
      `${globalUsage(commands)}\n\nUnknown command "${name}"${guess ? ` — did you mean ${guess}?` : '.'}\n`,
    );
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      // The usage's first line and a pointer to --help, then the message last, where the eye lands.
      const synopsis = command.usage.split('\n')[0] ?? '';
      io.stderr(`${synopsis}\n(\`gatherscope ${name} --help\` lists every option)\n\n${err.message}\n`);
      return EXIT.usage;
    }
    if (isAppError(err)) {
      io.stderr(`${withHint(err)}\n`);
      return EXIT.failed;
    }
    io.stderr(
      `gatherscope ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return EXIT.failed;
  }
}

/** The process entry (server/bin/gatherscope.mjs): real stdio, Ctrl-C stops the run cleanly. */
export async function runCli(argv: string[]): Promise<number> {
  const { commands } = await import('./commands');
  const stop = new AbortController();
  let firstAt: number | undefined;
  const onSigint = () => {
    if (firstAt !== undefined) {
      if (isSignalCopy(firstAt)) return;
      process.exit(EXIT.interrupted);
    }
    firstAt = performance.now();
    process.stderr.write('\nStopping (cancelling in-flight queries)… press Ctrl-C again to quit at once.\n');
    stop.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    return await dispatch(argv, commands, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      interactive: Boolean(process.stderr.isTTY),
      signal: stop.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
