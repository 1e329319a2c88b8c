/**
 * One client connection through the capture proxy: bytes are forwarded unchanged, each direction on
 * its own (a direction pauses only for its own receiver), and a copy is parsed after forwarding so
 * the parser never delays the traffic. A parse failure stops the recording of this connection only;
 * its bytes keep flowing and the server stays the judge of what they mean.
 */
import type net from 'node:net';
import type { SessionStatement } from './execution';
import { type Frame, FrameReader, ProtocolError, type StartupFrame } from './frames';
import { Session } from './session';
import { connectUpstream, errorResponse, type UpstreamTarget } from './upstream';

export interface ConnectionHooks {
  now: () => number;
  rel: (t: number) => number;
  statement: (s: SessionStatement) => void;
  cut: (connection: number, at: number, reason: string) => void;
  cancelRequest: (pid: number) => void;
  track: (s: net.Socket) => void;
  /** The session lives until the connection closes (null then): the request book asks it what runs. */
  session: (connection: number, s: Session | null) => void;
}

/** Forwards `from` to `to`; when `to` is full, only `from` waits. */
function forward(
  from: net.Socket,
  to: net.Socket,
  parse: (chunk: Buffer, at: number) => void,
  now: () => number,
) {
  from.on('data', (chunk: Buffer) => {
    const at = now();
    if (!to.destroyed && !to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
    parse(chunk, at);
  });
}

export function handleConnection(
  client: net.Socket,
  id: number,
  target: UpstreamTarget,
  hooks: ConnectionHooks,
) {
  client.setNoDelay(true);
  hooks.track(client);
  const session = new Session(id, hooks.statement, hooks.rel);
  hooks.session(id, session);
  const front = new FrameReader({ side: 'frontend' });
  const back = new FrameReader({ side: 'backend' });
  let upstream: net.Socket | null = null;
  /** Client bytes from the StartupMessage on, held until the upstream connection is ready. */
  let held: Buffer[] | null = [];
  let parsing = true;
  let terminated = false;
  let closedBy: string | null = null;
  let done = false;

  const stopParsing = (err: unknown, side: string) => {
    if (!parsing) return;
    parsing = false;
    const msg = err instanceof ProtocolError ? err.message : `unreadable ${side} message (${String(err)})`;
    const reason = `recording stopped: ${msg}; the bytes are still forwarded`;
    hooks.cut(id, hooks.now(), reason);
    session.close(hooks.now(), reason);
  };

  const finish = () => {
    if (done) return;
    done = true;
    hooks.session(id, null);
    client.destroy();
    upstream?.destroy();
    if (!parsing) return;
    const at = hooks.now();
    const truncated = front.buffered > 0 || back.buffered > 0;
    if (session.inFlight > 0 || truncated) {
      const why = `${closedBy ?? 'the connection closed'}${truncated ? ' in the middle of a message' : ''} with ${session.inFlight} statement(s) running`;
      hooks.cut(id, at, why);
      session.close(at, why);
    } else session.close(at, null);
  };

  const onBackendFrame = (f: Frame) => session.backend(f);
  const onFrontendFrame = (f: Frame) => {
    if (f.type === 'X') terminated = true;
    session.frontend(f);
  };

  const openUpstream = async (first: Buffer) => {
    try {
      const up = await connectUpstream(target);
      if (done) {
        up.destroy();
        return;
      }
      upstream = up;
      hooks.track(up);
      up.on('error', () => {});
      up.on('close', () => {
        closedBy ??= 'the database closed the connection';
        finish();
      });
      up.write(Buffer.concat([first, ...(held ?? [])]));
      held = null;
      phase = 'open';
      forward(
        up,
        client,
        (chunk, at) => {
          if (!parsing) return;
          try {
            back.push(chunk, at, () => {}, onBackendFrame);
          } catch (err) {
            stopParsing(err, 'server');
          }
        },
        hooks.now,
      );
    } catch (err) {
      const why = `cannot reach the database at ${target.host}:${target.port}: ${err instanceof Error ? err.message : String(err)}`;
      hooks.cut(id, hooks.now(), why);
      parsing = false;
      client.end(errorResponse('08006', `Gatherscope capture: ${why}`));
    }
  };

  /** startup: packets before the StartupMessage, ours to read; connecting: held for upstream; open. */
  let phase: 'startup' | 'connecting' | 'open' = 'startup';
  const pre: Buffer[] = [];
  /** Bytes of SSLRequest / GSSENCRequest we answered ourselves: never forwarded. */
  let negotiated = 0;

  const onStartup = (f: StartupFrame) => {
    if (f.kind === 'ssl-request' || f.kind === 'gssenc-request') {
      negotiated += 8;
      client.write('N');
      return;
    }
    if (f.kind === 'cancel-request') {
      hooks.cancelRequest(f.pid);
      parsing = false;
      phase = 'connecting';
      // BackendKeyData passed through unchanged, so the client's pid and key are the server's own.
      connectUpstream(target).then(
        (up) => {
          hooks.track(up);
          up.on('error', () => {});
          up.end(f.raw);
          client.end();
        },
        () => client.destroy(),
      );
      return;
    }
    session.startup(f);
    phase = 'connecting';
  };

  client.on('error', () => {});
  client.on('close', () => {
    closedBy ??= terminated ? null : 'the client closed the connection';
    finish();
  });
  client.on('data', (chunk: Buffer) => {
    const at = hooks.now();
    if (phase === 'open' && upstream) {
      if (!upstream.destroyed && !upstream.write(chunk)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
    } else if (phase === 'connecting') held?.push(chunk);
    else pre.push(chunk);
    if (!parsing) return;
    const wasStartup = phase === 'startup';
    try {
      front.push(chunk, at, onStartup, onFrontendFrame);
    } catch (err) {
      if (wasStartup) {
        hooks.cut(id, at, `not a PostgreSQL client: ${err instanceof Error ? err.message : String(err)}`);
        parsing = false;
        client.destroy();
        return;
      }
      stopParsing(err, 'client');
    }
    if (wasStartup && phase === 'connecting' && parsing) {
      // Everything from the StartupMessage on (a chunk may hold more) goes upstream, in order.
      void openUpstream(Buffer.concat(pre).subarray(negotiated));
      pre.length = 0;
    }
  });
}
