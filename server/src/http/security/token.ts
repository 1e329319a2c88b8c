import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../store/atomic-write';

/** 32 random bytes: 256 bits, well over the 128 the threat model asks for. */
const TOKEN_BYTES = 32;
const TOKEN_FILE = 'auth-token';

/**
 * The install's secret token, created on first use in the data directory with owner-only
 * permissions (re-tightened if someone loosened them).
 */
export async function readOrCreateToken(dataDir: string): Promise<string> {
  const file = path.join(dataDir, TOKEN_FILE);
  await fs.mkdir(dataDir, { recursive: true });
  try {
    const existing = (await fs.readFile(file, 'utf8')).trim();
    if (/^[A-Za-z0-9_-]{43,}$/.test(existing)) {
      await fs.chmod(file, 0o600);
      return existing;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = crypto.randomBytes(TOKEN_BYTES).toString('base64url');
  await writeFileAtomic(file, `${token}\n`, 0o600);
  return token;
}

/** Compares in constant time (hashing first makes the lengths equal). */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}
