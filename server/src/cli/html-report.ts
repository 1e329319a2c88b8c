import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config';
import { isAppError } from '../errors/app-error';
import { readViewer } from '../export/respond';
import { type CliIO, withHint } from './command';

/**
 * `--html FILE` of `run` and `load`: the offline report the page's "Export HTML" gives, written to
 * a file. `build` puts the record around the built viewer. A failure is said, not fatal: the
 * measurements are already printed and saved.
 */
export async function writeHtmlReport(
  file: string,
  build: (viewerJs: string) => string,
  io: CliIO,
): Promise<void> {
  try {
    const viewer = await readViewer(loadConfig().webDist);
    await fs.writeFile(path.resolve(file), build(viewer));
    io.stderr(`Wrote the HTML report to ${file}\n`);
  } catch (err) {
    io.stderr(`Could not write the HTML report: ${isAppError(err) ? withHint(err) : String(err)}\n`);
  }
}
