import type { RunSummary } from '@gatherscope/shared';
import { advancedSequences, putSequencesBack, readSequences } from '../db/profiler/sequences';
import type { ProfileRunResult } from '../engine/types';
import type { ResolvedTarget } from '../targets/targets';

const names = (list: readonly string[]) => list.join(', ');

/**
 * Runs a replay whose writes are rolled back, and deals with what a ROLLBACK leaves: sequences an
 * INSERT drew from (a serial or identity column; an explicit nextval is refused by the guard). On
 * the embedded demo, which nobody else writes to, each is put back where it was; on a saved
 * connection it is not (another session may have drawn a number since, and setting it back would
 * hand that number out twice): the verdict names them instead.
 */
export async function withSequencesChecked(
  target: Pick<ResolvedTarget, 'url' | 'database'>,
  run: () => Promise<ProfileRunResult>,
  /** The summary again, when its verdict gained a note after it went out to viewers. */
  onSummary: (summary: RunSummary) => void = () => {},
): Promise<ProfileRunResult> {
  const before = await readSequences(target.url).catch(() => null);
  const result = await run();
  const after = before && (await readSequences(target.url).catch(() => null));
  const advanced = before && after ? advancedSequences(before, after) : [];
  if (advanced.length === 0 || !result.summary) return result;
  const all = advanced.map((a) => a.before.name);
  let note: string;
  if (target.database.embedded) {
    const back = await putSequencesBack(target.url, advanced).catch((): string[] => []);
    const left = all.filter((n) => !back.includes(n));
    note = `A rollback does not undo sequences: ${names(all)} advanced during the replay; ${
      left.length === 0
        ? 'Gatherscope put them back.'
        : `Gatherscope put back ${back.length > 0 ? names(back) : 'none'}; ${names(left)} moved on meanwhile and kept their gap.`
    }`;
  } else {
    note = `A rollback does not undo sequences: ${names(all)} advanced while the replay ran (a gap in their numbers, as after any rolled-back transaction); Gatherscope does not set them back on a database other sessions use.`;
  }
  result.summary = { ...result.summary, verdict: `${result.summary.verdict} ${note}` };
  onSummary(result.summary);
  return result;
}
