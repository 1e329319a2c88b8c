/**
 * Incremental framing of one direction of a PostgreSQL connection (protocol 3.0 and 3.2).
 *
 * The client's first packets carry no type byte (int32 length, int32 code): SSLRequest,
 * GSSENCRequest, CancelRequest or the StartupMessage. After the StartupMessage every message on
 * both sides is one type byte and an int32 length that counts itself. Chunks may split anywhere.
 * Bodies past `retainBytes` (COPY data, huge rows) are skipped rather than buffered, so memory per
 * connection stays bounded whatever the traffic; such a frame arrives with `body: null`.
 */

export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;
/** Major version 3 in the high 16 bits; 3.2 (PostgreSQL 18) is 196610. */
export const PROTOCOL_3 = 3 << 16;

/** PostgreSQL's own limit for a startup packet (MAX_STARTUP_PACKET_LENGTH). */
const MAX_STARTUP_LENGTH = 10_000;
/** PostgreSQL never sends or accepts a message of 1 GB or more (PQ_LARGE_MESSAGE_LIMIT / MaxAllocSize). */
export const MAX_MESSAGE_LENGTH = 0x3fffffff;

const FRONTEND_TYPES = new Set('BCdcfDEHFPpQSX');
const BACKEND_TYPES = new Set('RK23CdcGHWDIEVnNAtS1sZTv');

export type StartupFrame =
  | { kind: 'ssl-request' }
  | { kind: 'gssenc-request' }
  | { kind: 'cancel-request'; pid: number; key: Buffer; raw: Buffer }
  | { kind: 'startup'; major: number; minor: number; params: Record<string, string>; raw: Buffer };

export interface Frame {
  /** The type byte as a character: 'Q', 'P', 'D', … */
  type: string;
  /** Body length (without the type byte and the length field). */
  length: number;
  /** The body, or null when it was longer than `retainBytes` and skipped. */
  body: Buffer | null;
  /** Arrival time of the chunk that held the message's first byte. */
  at: number;
}

/** A stream that is not (or no longer) the PostgreSQL protocol; the connection's parsing stops. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-postgres' | 'malformed' | 'too-large',
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export interface FrameReaderOptions {
  side: 'frontend' | 'backend';
  /** Bodies longer than this are skipped, not buffered (default 8 MiB). */
  retainBytes?: number;
}

function parseStartup(packet: Buffer): StartupFrame {
  const code = packet.readInt32BE(4);
  if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
    if (packet.length !== 8) throw new ProtocolError('SSL/GSS request of a wrong length', 'malformed');
    return { kind: code === SSL_REQUEST ? 'ssl-request' : 'gssenc-request' };
  }
  if (code === CANCEL_REQUEST) {
    // 3.0: a 4-byte key; 3.2 (PostgreSQL 18): up to 256 bytes.
    if (packet.length < 16 || packet.length > 12 + 256)
      throw new ProtocolError('CancelRequest of a wrong length', 'malformed');
    return { kind: 'cancel-request', pid: packet.readInt32BE(8), key: packet.subarray(12), raw: packet };
  }
  const major = code >>> 16;
  if (major !== 3) {
    throw new ProtocolError(
      major === 2 ? 'protocol 2.0 is not supported' : 'not a PostgreSQL startup packet',
      major === 2 ? 'malformed' : 'not-postgres',
    );
  }
  const params: Record<string, string> = {};
  const fields = packet.subarray(8).toString('utf8').split('\0');
  // name\0value\0 … \0: the final terminator leaves two empty strings.
  if (fields.at(-1) !== '' || fields.length % 2 !== 0)
    throw new ProtocolError('StartupMessage parameters are not terminated', 'malformed');
  for (let i = 0; i + 1 < fields.length - 1; i += 2) params[fields[i]!] = fields[i + 1]!;
  return { kind: 'startup', major, minor: code & 0xffff, params, raw: packet };
}

/**
 * Feed it chunks in order; it calls back once per complete packet. After a ProtocolError it throws
 * the same error on every later push: the caller stops parsing that connection.
 */
export class FrameReader {
  private readonly side: 'frontend' | 'backend';
  private readonly retain: number;
  /** Frontend only: untyped packets until the StartupMessage. */
  private startupPhase: boolean;
  private buf: Buffer = Buffer.alloc(0);
  /** Skipping the rest of an oversized body: bytes still to skip. */
  private skip = 0;
  private failed: ProtocolError | null = null;
  private pendingAt = 0;

  constructor(opts: FrameReaderOptions) {
    this.side = opts.side;
    this.retain = opts.retainBytes ?? 8 * 1024 * 1024;
    this.startupPhase = opts.side === 'frontend';
  }

  get inStartup(): boolean {
    return this.startupPhase;
  }

  push(chunk: Buffer, at: number, onStartup: (f: StartupFrame) => void, onFrame: (f: Frame) => void): void {
    if (this.failed) throw this.failed;
    try {
      this.consume(chunk, at, onStartup, onFrame);
    } catch (err) {
      if (err instanceof ProtocolError) this.failed = err;
      throw err;
    }
  }

  private consume(
    chunk: Buffer,
    at: number,
    onStartup: (f: StartupFrame) => void,
    onFrame: (f: Frame) => void,
  ): void {
    let data = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, data.length);
      this.skip -= n;
      data = data.subarray(n);
      if (data.length === 0) return;
    }
    if (this.buf.length === 0) this.pendingAt = at;
    let buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    let off = 0;
    for (;;) {
      if (off > 0 && off < buf.length) this.pendingAt = at;
      if (this.startupPhase) {
        if (buf.length - off < 4) break;
        const len = buf.readInt32BE(off);
        if (len < 8 || len > MAX_STARTUP_LENGTH)
          throw new ProtocolError(`startup packet length ${len} is not PostgreSQL's`, 'not-postgres');
        if (buf.length - off < len) break;
        const frame = parseStartup(Buffer.from(buf.subarray(off, off + len)));
        off += len;
        // Only the StartupMessage moves on to typed messages; after the others the client either
        // sends another startup packet (SSL/GSS answered 'N') or closes (CancelRequest).
        if (frame.kind === 'startup') this.startupPhase = false;
        onStartup(frame);
        continue;
      }
      if (buf.length - off < 5) break;
      const type = String.fromCharCode(buf[off]!);
      if (!(this.side === 'frontend' ? FRONTEND_TYPES : BACKEND_TYPES).has(type))
        throw new ProtocolError(
          `unknown ${this.side} message type 0x${buf[off]!.toString(16).padStart(2, '0')}`,
          'malformed',
        );
      const len = buf.readInt32BE(off + 1);
      if (len < 4) throw new ProtocolError(`message '${type}' has an invalid length ${len}`, 'malformed');
      if (len > MAX_MESSAGE_LENGTH)
        throw new ProtocolError(`message '${type}' of ${len} bytes is over PostgreSQL's limit`, 'too-large');
      const bodyLen = len - 4;
      if (bodyLen > this.retain) {
        // Too long to keep: report it now without its body and skip the rest as it streams by.
        const available = buf.length - off - 5;
        onFrame({ type, length: bodyLen, body: null, at: this.pendingAt });
        if (available >= bodyLen) {
          off += 5 + bodyLen;
          continue;
        }
        this.skip = bodyLen - available;
        off = buf.length;
        break;
      }
      if (buf.length - off < 5 + bodyLen) break;
      // A copy: the chunk belongs to the socket stream and is reused by nobody, but a view would pin it.
      const body = Buffer.from(buf.subarray(off + 5, off + 5 + bodyLen));
      off += 5 + bodyLen;
      onFrame({ type, length: bodyLen, body, at: this.pendingAt });
    }
    buf = buf.subarray(off);
    this.buf = buf.length ? Buffer.from(buf) : Buffer.alloc(0);
  }

  /** Bytes of an incomplete message still held: a non-zero value at close means a truncated message. */
  get buffered(): number {
    return this.buf.length + this.skip;
  }
}
