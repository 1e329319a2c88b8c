import type { ParamSpec } from '@gatherscope/shared';

/** A generated value, or the reason it could not be made. */
export type ParamResult = { ok: true; values: (string | null)[] } | { ok: false; reason: string };

/** First rows of finished queries (text values), by query id: what `ref` parameters read. */
export type FirstRows = ReadonlyMap<string, Record<string, string | null> | null>;

/**
 * Turns parameter specs into wire values (text format), afresh for each trial so caches do not
 * flatter one strategy. Values stay as text: PostgreSQL parses them by the statement's types.
 */
export function generateParams(
  specs: readonly ParamSpec[] | undefined,
  firstRows: FirstRows,
  random: () => number = Math.random,
  /** Values drawn so far in this trial under a `shared` key: one trial's queries reuse them. */
  drawn: Map<string, string> = new Map(),
): ParamResult {
  const values: (string | null)[] = [];
  const draw = (key: string | undefined, make: () => string) => {
    if (key === undefined) return make();
    const known = drawn.get(key);
    if (known !== undefined) return known;
    const v = make();
    drawn.set(key, v);
    return v;
  };
  for (const p of specs ?? []) {
    if (p === null) {
      values.push(null);
    } else if (typeof p === 'string') {
      values.push(p);
    } else if (typeof p === 'number' || typeof p === 'boolean') {
      values.push(String(p));
    } else if (p.kind === 'randomInt') {
      values.push(draw(p.shared, () => String(p.min + Math.floor(random() * (p.max - p.min + 1)))));
    } else if (p.kind === 'pick') {
      values.push(draw(p.shared, () => String(p.values[Math.floor(random() * p.values.length)])));
    } else {
      const row = firstRows.get(p.query);
      if (!row) return { ok: false, reason: `"${p.query}" returned no row to take "${p.column}" from` };
      if (!(p.column in row)) {
        return {
          ok: false,
          reason: `"${p.query}" has no column "${p.column}" (it has ${Object.keys(row).join(', ') || 'none'})`,
        };
      }
      values.push(row[p.column] ?? null);
    }
  }
  return { ok: true, values };
}
