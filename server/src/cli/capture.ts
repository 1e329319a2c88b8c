import fs from 'node:fs/promises';
import type { Capture } from '@gatherscope/shared';
import { DEFAULT_GAP_MS, DEFAULT_MAX_STATEMENTS, startCapture } from '../capture/recorder';
import { redactCapture } from '../capture/redact';
import { probeConnection } from '../connections/probe';
import { AppError } from '../errors/app-error';
import { captureFilesUsage, runCaptureFiles } from './capture-files';
import { captureSummary, endpointsTable } from './capture-report';
import { type CliIO, type Command, EXIT, UsageError } from './command';
import { openCliDatabase } from './database';
import { numberFlag, parseFlags } from './flags';

export const captureUsage = `Usage: gatherscope capture [options]

Records a real application's statements: listens on a loopback port as a pass-through PostgreSQL
proxy in front of the database. Point the app's database URL at it (the app's own password still
works), use the app, then press Ctrl-C. Writes the capture (JSON) and prints the endpoints ranked
by the time their statements spent waiting one after another.

The app's traffic passes through unchanged, writes included; Gatherscope adds no statement of its
own. Result rows are never stored; SQL and parameters are (use --redact for a file to share).

Options:
      --db <url>            database to capture (default: DATABASE_URL, else the embedded demo shop)
  -p, --port <n>            loopback port to listen on (default: a free one)
  -d, --duration <s>        stop after this many seconds (default: until Ctrl-C)
      --gap-ms <ms>         untagged statements: a pause this long on a connection starts a new
                            request (default ${DEFAULT_GAP_MS})
      --max-statements <n>  keep at most this many statements; the oldest requests are dropped
                            (default ${DEFAULT_MAX_STATEMENTS})
  -o, --out <file>          write the capture here (default capture.json)
      --redact              literals and parameters replaced in the written capture
      --json                print the capture on stdout instead of the table
  -h, --help                this text

${captureFilesUsage}

Exit codes: 0 ok, 1 failed, 2 bad usage.`;

function positiveInt(flag: string, v: string | undefined, max: number): number | undefined {
  const n = numberFlag(flag, v);
  if (n !== undefined && !(Number.isInteger(n) && n >= 0 && n <= max))
    throw new UsageError(`${flag} must be a whole number from 0 to ${max}, got "${v}".`);
  return n;
}

/** The URL the app connects to: for the embedded demo with its password, which is local and ours. */
function appUrl(listenUrl: string, dbUrl: string, embedded: boolean): string {
  if (!embedded) return listenUrl;
  const u = new URL(listenUrl);
  u.password = new URL(dbUrl).password;
  return u.toString();
}

export function captureCommand(): Command {
  return {
    name: 'capture',
    summary: "record a real app's statements through a loopback proxy; endpoints ranked by serial waiting",
    usage: captureUsage,
    async run(argv: string[], io: CliIO): Promise<number> {
      if (argv[0] === 'report' || argv[0] === 'to-workload')
        return runCaptureFiles(argv[0], argv.slice(1), io);
      const f = parseFlags(argv, {
        db: { type: 'string' },
        port: { type: 'string', short: 'p' },
        duration: { type: 'string', short: 'd' },
        'gap-ms': { type: 'string' },
        'max-statements': { type: 'string' },
        out: { type: 'string', short: 'o' },
        redact: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      });
      if (f.help) {
        io.stdout(`${captureUsage}\n`);
        return EXIT.ok;
      }
      const port = positiveInt('--port', f.port, 65535);
      const durationS = numberFlag('--duration', f.duration);
      if (durationS !== undefined && !(durationS > 0))
        throw new UsageError('--duration must be above 0 seconds.');
      const gapMs = numberFlag('--gap-ms', f['gap-ms']);
      if (gapMs !== undefined && !(gapMs > 0 && gapMs <= 60_000))
        throw new UsageError('--gap-ms must be above 0 and at most 60000.');
      const maxStatements = positiveInt('--max-statements', f['max-statements'], 10_000_000);
      const out = f.out ?? 'capture.json';

      const db = await openCliDatabase(f.db, () => {});
      let record: Capture;
      try {
        // A database that is down or refuses the login is said now, not by the app's first connection.
        await probeConnection(db.url);
        const capture = await startCapture({
          targetUrl: db.url,
          port,
          gapMs,
          maxStatements: maxStatements || undefined,
          onEvent: (e) => {
            if (e.type === 'request' && !f.json)
              io.stderr(
                `${e.request.endpoint}: ${e.request.statements.length} statements, ${e.request.wallMs.toFixed(1)} ms\n`,
              );
            if (e.type === 'cut') io.stderr(`connection ${e.cut.connection}: ${e.cut.reason}\n`);
          },
        });
        io.stderr(
          `Capturing ${db.label}. Give the app this database URL${db.embedded ? '' : ' (with its own password)'}:\n\n  ${appUrl(capture.listenUrl, db.url, db.embedded)}\n\nPress Ctrl-C to stop${durationS ? ` (or wait ${durationS} s)` : ''}.\n`,
        );
        await new Promise<void>((resolve) => {
          const timer = durationS ? setTimeout(resolve, durationS * 1000) : undefined;
          io.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              resolve();
            },
            { once: true },
          );
        });
        record = await capture.stop();
      } finally {
        await db.stop().catch(() => {});
      }
      const written = f.redact ? redactCapture(record) : record;
      try {
        await fs.writeFile(out, `${JSON.stringify(written, null, 2)}\n`);
      } catch (err) {
        throw new AppError('bad_request', `Cannot write the capture to ${out}: ${(err as Error).message}`, {
          hint: 'Pass --out with a writable path.',
        });
      }
      if (f.json) io.stdout(`${JSON.stringify(written, null, 2)}\n`);
      else io.stdout(`\n${endpointsTable(record)}\n\n${captureSummary(record)}\n`);
      io.stderr(`Capture written to ${out}${f.redact ? ' (redacted)' : ''}.\n`);
      return EXIT.ok;
    },
  };
}
