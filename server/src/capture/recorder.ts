/**
 * A running capture: the loopback proxy, its connections' sessions, and the requests their
 * statements form. A job drives it: `startCapture(…)` → the URL to give the app; live events per
 * statement and request through `onEvent`; `stop()` → the capture record.
 */
import net from 'node:net';
import type { Capture, CaptureEvent } from '@gatherscope/shared';
import { parseDatabaseUrl, redactDatabaseUrl } from '../db/target';
import { AppError } from '../errors/app-error';
import { handleConnection } from './connection';
import { endpointGroups } from './endpoints';
import type { SessionStatement } from './execution';
import { RequestBook } from './request-book';
import type { Session } from './session';
import { startSqlAnalyser } from './sql-analyser';
import { loadSqlParser, noSqlFacts, type SqlFacts } from './sql-analysis';
import { upstreamTarget } from './upstream';

export interface CaptureOptions {
  /** The database the app's traffic goes to. */
  targetUrl: string;
  /** Loopback port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Untagged statements on a connection idle longer than this start a new request (default 100). */
  gapMs?: number;
  /** Stored statements at most; the oldest requests are dropped past it (default 100,000). */
  maxStatements?: number;
  onEvent?: (e: CaptureEvent) => void;
  /** Monotonic clock (ms); tests inject one. */
  now?: () => number;
}

export interface RunningCapture {
  port: number;
  /** What to give the app: the target's user and database at the proxy, no password. */
  listenUrl: string;
  /** The capture as it stands, open requests included. */
  snapshot(): Capture;
  /** Sockets still open through the proxy (clients and upstream): 0 after every client left. */
  openSockets(): number;
  stop(): Promise<Capture>;
}

export const DEFAULT_GAP_MS = 100;
export const DEFAULT_MAX_STATEMENTS = 100_000;
/** Statements waiting for the SQL analysis thread at most; past it they are filed without facts. */
const MAX_PENDING_ANALYSIS = 10_000;

export async function startCapture(opts: CaptureOptions): Promise<RunningCapture> {
  const target = upstreamTarget(opts.targetUrl);
  const t = parseDatabaseUrl(opts.targetUrl);
  // The parser is needed here only to split a Query that holds several statements.
  await loadSqlParser();
  const analyser = await startSqlAnalyser();
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const startedAt = new Date().toISOString();
  const rel = (x: number) => Math.round((x - t0) * 1000) / 1000;
  const gapMs = opts.gapMs ?? DEFAULT_GAP_MS;
  const emit = opts.onEvent ?? (() => {});
  const sockets = new Set<net.Socket>();
  const sessions = new Map<number, Session>();
  const cuts: Capture['cuts'] = [];
  let connections = 0;
  let statements = 0;
  let cancelRequests = 0;
  let nextStatement = 1;
  let lastDropped = 0;
  let unanalysed = 0;

  const book = new RequestBook({
    gapMs,
    traceIdleMs: Math.max(2000, gapMs),
    maxStatements: opts.maxStatements ?? DEFAULT_MAX_STATEMENTS,
    onClosed: (request) => emit({ type: 'request', request }),
  });

  // Statements are filed in the order they finished; each waits for its SQL facts from the analysis
  // thread, so the forwarding thread never runs the parser.
  const queue: { s: SessionStatement; facts: SqlFacts | null }[] = [];
  const drain = () => {
    while (queue[0]?.facts) {
      const { s, facts } = queue.shift()!;
      file(s, facts!);
    }
  };
  const onStatement = (s: SessionStatement) => {
    let facts = analyser.cached(s.statement.sql) ?? null;
    if (!facts && queue.length >= MAX_PENDING_ANALYSIS) {
      // The parser fell behind (a flood of distinct statement texts): file it without its facts
      // rather than let the queue grow without bound. Counted, so the capture says so.
      unanalysed++;
      facts = noSqlFacts(s.statement.sql);
    }
    const item = { s, facts };
    queue.push(item);
    if (!item.facts)
      void analyser.analyse(s.statement.sql).then((f) => {
        item.facts = f;
        drain();
      });
    drain();
  };

  const file = ({ statement, resultHashes }: SessionStatement, facts: SqlFacts) => {
    statement.id = `s${nextStatement++}`;
    statement.fingerprint = facts.fingerprint;
    statement.tablesRead = facts.tablesRead;
    statement.tablesWritten = facts.tablesWritten;
    statement.tags = facts.tags;
    statements++;
    const requestId = book.add(statement, facts, resultHashes);
    emit({ type: 'statement', requestId, statement });
    if (book.droppedStatements !== lastDropped) {
      lastDropped = book.droppedStatements;
      emit({ type: 'dropped', droppedStatements: lastDropped, droppedRequests: book.droppedRequests });
    }
  };

  const server = net.createServer((client) => {
    const id = ++connections;
    emit({ type: 'connection', connection: id, atMs: rel(now()) });
    handleConnection(client, id, target, {
      now,
      rel,
      statement: onStatement,
      cut: (connection, at, reason) => {
        const cut = { connection, atMs: rel(at), reason };
        cuts.push(cut);
        emit({ type: 'cut', cut });
      },
      cancelRequest: () => {
        cancelRequests++;
      },
      session: (connection, s) => {
        if (s) sessions.set(connection, s);
        else sessions.delete(connection);
      },
      track: (s) => {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
      },
    });
  });
  server.on('error', () => {});
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', () => void analyser.close());
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new AppError('bad_request', `Port ${opts.port} on 127.0.0.1 is already in use.`, {
              status: 409,
              hint: 'Pick another port, or leave it out to use a free one.',
            })
          : err,
      ),
    );
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
  const listenUrl = `postgres://${encodeURIComponent(t.user)}@127.0.0.1:${port}/${encodeURIComponent(t.database)}`;
  emit({ type: 'listening', listenUrl, port });

  // Requests close when their connection or trace goes quiet; checked a few times per gap.
  const timer = setInterval(
    () => book.closeIdle(rel(now()), (c) => sessions.get(c)?.runningSince() ?? null),
    Math.max(10, Math.min(gapMs / 2, 250)),
  );
  timer.unref();

  let endedAt: string | null = null;
  const snapshot = (): Capture => {
    const requests = book.requests();
    return {
      version: 1,
      target: redactDatabaseUrl(opts.targetUrl),
      listenUrl,
      startedAt,
      endedAt,
      gapMs,
      redacted: false,
      counts: {
        connections,
        statements,
        requests: requests.length,
        droppedStatements: book.droppedStatements,
        droppedRequests: book.droppedRequests,
        cutConnections: new Set(cuts.map((c) => c.connection)).size,
        cancelRequests,
        unanalysedStatements: unanalysed,
      },
      cuts: [...cuts],
      requests,
      endpoints: endpointGroups(requests),
    };
  };

  let stopped: Promise<Capture> | null = null;
  return {
    port,
    listenUrl,
    snapshot,
    openSockets: () => sockets.size,
    stop: () => {
      stopped ??= (async () => {
        clearInterval(timer);
        await new Promise<void>((done) => {
          server.close(() => done());
          // The app's connections end with the capture: their statements in flight are cut.
          for (const s of sockets) s.destroy();
        });
        await waitUntil(() => sockets.size === 0, 2000);
        await waitUntil(() => queue.length === 0, 5000);
        await analyser.close();
        book.closeAll();
        endedAt = new Date().toISOString();
        return snapshot();
      })();
      return stopped;
    },
  };
}

async function waitUntil(cond: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!cond() && performance.now() < end) await new Promise((r) => setTimeout(r, 5));
}
