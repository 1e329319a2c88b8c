import fs from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * A stored file as a web stream, optionally between a prefix and a suffix (an export envelope
 * around a stored run), read 64 KB at a time as the client takes it. Undefined when the file is
 * gone (deleted meanwhile). The file handle is opened first, so a rename (an atomic rewrite) while
 * it streams leaves the version it started with.
 */
export async function streamFile(
  file: string,
  around: { prefix?: string; suffix?: string } = {},
): Promise<ReadableStream<Uint8Array> | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return undefined;
  }
  const body = handle.createReadStream({ highWaterMark: 64 * 1024 });
  async function* parts() {
    if (around.prefix) yield Buffer.from(around.prefix);
    for await (const chunk of body) yield chunk as Buffer;
    if (around.suffix) yield Buffer.from(around.suffix);
  }
  return Readable.toWeb(Readable.from(parts())) as ReadableStream<Uint8Array>;
}
