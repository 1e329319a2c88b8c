import crypto from 'node:crypto';
import fs from 'node:fs/promises';

/** Writes `data` to a uniquely named temp file beside `file`, then lets `place` put it in place. */
async function viaTempFile(
  file: string,
  data: string,
  mode: number | undefined,
  place: (tmp: string) => Promise<void>,
): Promise<void> {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, data, mode === undefined ? {} : { mode });
    if (mode !== undefined) await fs.chmod(tmp, mode);
    await place(tmp);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes a file so that a crash never leaves it half-written: a uniquely named temp file beside it,
 * then a rename over it. With `mode`, the file has those permissions from its first byte (and
 * whatever the umask says).
 */
export function writeFileAtomic(file: string, data: string, mode?: number): Promise<void> {
  return viaTempFile(file, data, mode, (tmp) => fs.rename(tmp, file));
}

/**
 * Creates a file that must not exist yet, whole or not at all: fails with EEXIST when it exists, so
 * of two processes that race to create it exactly one wins (a hard link is atomic and exclusive).
 */
export function createFileAtomic(file: string, data: string, mode?: number): Promise<void> {
  return viaTempFile(file, data, mode, async (tmp) => {
    await fs.link(tmp, file);
    await fs.rm(tmp, { force: true });
  });
}
