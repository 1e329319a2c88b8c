import type { CapturedStatement } from '@gatherscope/shared';

type Timed = Pick<CapturedStatement, 'startMs' | 'endMs'>;

/** Time covered by at least one statement (pipelined or concurrent statements are not counted twice). */
export function unionMs(statements: readonly Timed[]): number {
  const sorted = [...statements].sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let curStart = Number.NEGATIVE_INFINITY;
  let curEnd = Number.NEGATIVE_INFINITY;
  for (const s of sorted) {
    if (s.startMs > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = s.startMs;
      curEnd = s.endMs;
    } else curEnd = Math.max(curEnd, s.endMs);
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

/**
 * What the ranking orders by: database time the request spent with statements waiting for each
 * other. Had they all run at once, the database part would take about as long as the longest one.
 */
export function serialMs(statements: readonly Timed[]): number {
  if (statements.length === 0) return 0;
  const longest = Math.max(...statements.map((s) => s.endMs - s.startMs));
  return Math.max(0, unionMs(statements) - longest);
}

/** Statements that started only after an earlier statement of the request had finished. */
export function serialStatements(statements: readonly Timed[]): number {
  const sorted = [...statements].sort((a, b) => a.startMs - b.startMs);
  let firstEnd = Number.POSITIVE_INFINITY;
  let n = 0;
  for (const s of sorted) {
    if (s.startMs >= firstEnd) n++;
    firstEnd = Math.min(firstEnd, s.endMs);
  }
  return n;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
