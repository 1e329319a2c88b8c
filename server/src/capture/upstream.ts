/**
 * The proxy's own connection to the database. The app talks plaintext to the loopback proxy (its
 * SSLRequest is answered 'N'); upstream, TLS is used as the target URL's sslmode asks, like libpq.
 */
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { parseDatabaseUrl } from '../db/target';
import { AppError } from '../errors/app-error';
import { SSL_REQUEST } from './frames';

export interface UpstreamTarget {
  host: string;
  port: number;
  /**
   * disable: never; prefer: when the server offers it; require: or fail; verify-ca: and check the
   * certificate's chain; verify-full: and its host name too (libpq's sslmode).
   */
  tls: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  /** sslrootcert: the CA certificates to trust instead of the system's. */
  ca?: Buffer;
}

export function upstreamTarget(url: string): UpstreamTarget {
  const t = parseDatabaseUrl(url);
  const u = new URL(url);
  const mode = u.searchParams.get('sslmode') ?? (u.searchParams.get('ssl') === 'true' ? 'require' : 'prefer');
  const tlsMode =
    mode === 'disable' || mode === 'require' || mode === 'verify-ca' || mode === 'verify-full'
      ? mode
      : 'prefer';
  const rootCert = u.searchParams.get('sslrootcert');
  let ca: Buffer | undefined;
  if (rootCert) {
    try {
      ca = fs.readFileSync(rootCert);
    } catch (err) {
      throw new AppError('invalid_database_url', `The sslrootcert file ${rootCert} cannot be read.`, {
        status: 400,
        hint: (err as Error).message,
      });
    }
  }
  return { host: t.host, port: t.port, tls: tlsMode, ...(ca ? { ca } : {}) };
}

function connectTcp(t: UpstreamTarget): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: t.host, port: t.port, noDelay: true });
    s.once('connect', () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
}

/** One byte, the server's answer to SSLRequest. */
function readByte(s: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      s.off('error', reject);
      s.off('close', onClose);
      // The server must send nothing else before the handshake; extra bytes would be an attack.
      if (b.length !== 1) reject(new Error('unexpected data after the answer to SSLRequest'));
      else resolve(String.fromCharCode(b[0]!));
    };
    const onClose = () => reject(new Error('the database closed the connection during SSL negotiation'));
    s.once('data', onData);
    s.once('error', reject);
    s.once('close', onClose);
  });
}

/** A connected socket to the database, TLS-wrapped when the target asks; its errors are the caller's. */
export async function connectUpstream(t: UpstreamTarget): Promise<net.Socket> {
  const raw = await connectTcp(t);
  if (t.tls === 'disable') return raw;
  try {
    const req = Buffer.alloc(8);
    req.writeInt32BE(8, 0);
    req.writeInt32BE(SSL_REQUEST, 4);
    raw.write(req);
    const answer = await readByte(raw);
    if (answer !== 'S') {
      if (t.tls === 'prefer') return raw;
      throw new Error('the database does not offer TLS, and the URL requires it (sslmode)');
    }
    const secure = tls.connect({
      socket: raw,
      servername: net.isIP(t.host) ? undefined : t.host,
      rejectUnauthorized: t.tls === 'verify-ca' || t.tls === 'verify-full',
      ...(t.ca ? { ca: t.ca } : {}),
      // verify-ca trusts any host name on a certificate from the trusted CA, as libpq does.
      ...(t.tls === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => {
        secure.off('error', reject);
        resolve();
      });
      secure.once('error', reject);
    });
    return secure;
  } catch (err) {
    raw.destroy();
    throw err;
  }
}

/** An ErrorResponse the client's driver shows as a normal connection error. */
export function errorResponse(sqlstate: string, message: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from(`SFATAL\0VFATAL\0C${sqlstate}\0M${message}\0`, 'utf8'),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}
