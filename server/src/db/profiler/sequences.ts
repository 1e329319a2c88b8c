import { AdminSession } from '../admin-session';

/** A sequence's state as pg_sequences shows it to the role (last_value is null before its first nextval). */
export interface SequenceState {
  /** Schema-qualified, quoted as PostgreSQL quotes identifiers. */
  name: string;
  lastValue: string | null;
  startValue: string;
}

const READ = `SELECT format('%I.%I', schemaname, sequencename) AS name,
                     last_value::text AS "lastValue", start_value::text AS "startValue"
                FROM pg_sequences`;

/**
 * The sequences of the database, from a short-lived session of Gatherscope's own. A rolled-back
 * transaction does not undo nextval, and an INSERT draws from a serial or identity column's
 * sequence without naming it, so a replay that writes compares them before and after.
 */
export async function readSequences(url: string): Promise<Map<string, SequenceState>> {
  const admin = new AdminSession({ url, applicationName: 'gatherscope-sequences', timeoutMs: 3_000 });
  try {
    const rows = await admin.query<SequenceState>(READ);
    return new Map(rows.map((r) => [r.name, r]));
  } finally {
    await admin.close();
  }
}

/** The sequences whose last value changed between two reads. */
export function advancedSequences(
  before: ReadonlyMap<string, SequenceState>,
  after: ReadonlyMap<string, SequenceState>,
): { before: SequenceState; after: SequenceState }[] {
  return [...after.values()].flatMap((a) => {
    const b = before.get(a.name);
    return b && b.lastValue !== a.lastValue ? [{ before: b, after: a }] : [];
  });
}

/**
 * Puts each sequence back where it was, only if it still stands where the replay left it (no
 * other session drew from it since): a number handed out twice would be worse than a gap. For a
 * database nobody else writes to (the embedded demo). Resolves with the names put back.
 */
export async function putSequencesBack(
  url: string,
  advanced: readonly { before: SequenceState; after: SequenceState }[],
): Promise<string[]> {
  if (advanced.length === 0) return [];
  const admin = new AdminSession({ url, applicationName: 'gatherscope-sequences', timeoutMs: 3_000 });
  const back: string[] = [];
  try {
    for (const { before, after } of advanced) {
      // Never called before the replay: back to "not called", so the next nextval gives its start.
      const [value, called] =
        before.lastValue === null ? [before.startValue, false] : [before.lastValue, true];
      const rows = await admin.query<{ done: boolean }>(
        `SELECT setval(to_regclass($1), $2::bigint, $3) IS NOT NULL AS done
           FROM pg_sequences
          WHERE format('%I.%I', schemaname, sequencename) = $1 AND last_value::text = $4`,
        [before.name, value, called, after.lastValue],
      );
      if (rows.length > 0) back.push(before.name);
    }
    return back;
  } finally {
    await admin.close();
  }
}
