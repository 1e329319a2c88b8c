import crypto from 'node:crypto';
import fs from 'node:fs/promises';

/**
 * Writes a file so that a crash never leaves it half-written: a uniquely named temp file beside it,
 * then a rename over it. With `mode`, the file has those permissions from its first byte (and
 * whatever the umask says).
 */
export async function writeFileAtomic(file: string, data: string, mode?: number): Promise<void> {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, data, mode === undefined ? {} : { mode });
    if (mode !== undefined) await fs.chmod(tmp, mode);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
